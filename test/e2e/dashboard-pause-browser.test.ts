/** The dashboard of a paused run, in Debian's Chromium: the badge says so and no time left is estimated. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { makeAdapter } from '../../shared/lora/adapter.js';
import { clientCredentials, coordinatorFixture } from '../helpers/coordinator.js';
import { launchBrowser, skipBrowserTests } from '../helpers/browser.js';

const ADMIN_TOKEN = 'admin-token-0123456789abcdef';

describe.skipIf(skipBrowserTests)('dashboard of a paused run', () => {
  const run = coordinatorFixture();
  let context: BrowserContext;
  let closeBrowser: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ context, close: closeBrowser } = await launchBrowser());
  }, 30_000);

  afterAll(async () => {
    await closeBrowser?.();
  });

  it('shows PAUSED and no estimate while an operator holds the run, and the run state again once resumed', async () => {
    const credentials = clientCredentials(1);
    const coordinator = await run.start({ clients: credentials, rounds: 3, admin: { token: ADMIN_TOKEN } });
    // Answers round 1 only, so that round 2 stays in progress with a round's duration to estimate from.
    run.connect({
      token: credentials[0].token,
      onTrain: (instruction, global) =>
        instruction.round > 1
          ? undefined
          : {
              kind: 'update',
              updateId: `u-${instruction.round}`,
              round: instruction.round,
              globalDigest: instruction.globalDigest,
              update: makeAdapter([...global].map(([name, t]) => [name, { shape: t.shape, data: new Float32Array(t.data.length) }])),
              numExamples: 1,
              trainLoss: 1,
              tokensPerSecond: 1,
              steps: 1,
              durationMs: 1,
            },
    });
    await new Promise<void>((resolve) => coordinator.subscribe((e) => e.type === 'round_started' && e.round === 2 && resolve()));
    const page = await context.newPage();
    await page.goto(`${coordinator.url}/dashboard`);
    const badge = page.locator('#state');
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe('training');

    const admin = (action: string) =>
      fetch(`${coordinator.url}/api/v1/admin/${action}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect((await admin('pause')).status).toBe(200);
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe('paused');
    expect(await badge.getAttribute('class')).toBe('badge paused');
    expect(await page.locator('#remaining').textContent()).toBe('none while paused');

    expect((await admin('resume')).status).toBe(200);
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe('training');
    expect(await page.locator('#remaining').textContent()).toMatch(/\d/);
    await page.close();
  }, 60_000);
});
