/**
 * The dashboard in a real browser (Debian's Chromium driven by playwright-core) during a live run: three real
 * clients train the built-in model while a fourth, protocol-level client is stopped mid-run. Screenshots go to
 * test-output/; with UPDATE_DOCS_SCREENSHOT=1 the desktop one also replaces docs/dashboard.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { runClient } from '../../client/client.js';
import { sampleSilos } from '../../cli/simulate.js';
import type { Coordinator } from '../../coordinator/coordinator.js';
import { makeAdapter } from '../../shared/lora/adapter.js';
import { silentLogger } from '../../shared/infra/log.js';
import { resolveModel } from '../../shared/model/model-config.js';
import { packageRoot } from '../../shared/infra/package-root.js';
import { clientCredentials, startTestCoordinator } from '../helpers/coordinator.js';
import { launchBrowser, skipBrowserTests } from '../helpers/browser.js';
import { ScriptedClient } from '../helpers/scripted-client.js';

const ROUNDS = 6;

const outputDir = join(packageRoot(), 'test-output');

async function roundShown(page: Page): Promise<number> {
  return Number((await page.locator('#round').textContent())?.split('/')[0]);
}

async function evalLossPoints(page: Page): Promise<number> {
  return Number(await page.locator('#chart-eval-loss').getAttribute('data-points'));
}

describe.skipIf(skipBrowserTests)('dashboard in a browser', () => {
  let coordinator: Coordinator;
  let context: BrowserContext;
  let closeBrowser: (() => Promise<void>) | undefined;
  let run: Promise<unknown>;
  let scripted: ScriptedClient | undefined;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    const credentials = clientCredentials(4);
    coordinator = await startTestCoordinator({
      clients: credentials,
      rounds: ROUNDS,
      minClients: 3,
      train: { localSteps: 6, batchSize: 4, learningRate: 1e-2, maxSeqLen: 48 },
    });
    ({ context, close: closeBrowser } = await launchBrowser());
    const silos = sampleSilos();
    // Stopped once the page has shown a round, so that the page must notice while it is open. It evaluates
    // nothing, so that once its update is acknowledged no phase of the round waits for it.
    scripted = new ScriptedClient({
      url: coordinator.url,
      token: credentials[3].token,
      fingerprint: resolveModel('builtin:tiny').fingerprint,
      numEvalExamples: 0,
      // A zero update: it does not move the global adapter.
      onTrain: (instruction, global) => ({
        kind: 'update',
        updateId: `scripted-${instruction.round}`,
        round: instruction.round,
        globalDigest: instruction.globalDigest,
        update: makeAdapter([...global].map(([name, t]) => [name, { shape: t.shape, data: new Float32Array(t.data.length) }])),
        numExamples: 10,
        trainLoss: 5.5,
        tokensPerSecond: 100,
        steps: 1,
        durationMs: 1,
      }),
    });
    run = Promise.all([
      coordinator.finished,
      ...credentials.slice(0, 3).map((credential, i) =>
        runClient({
          coordinatorUrl: coordinator.url,
          token: credential.token,
          dataPath: silos[i],
          model: 'builtin:tiny',
          backend: 'wasm',
          logger: silentLogger(),
        }),
      ),
    ]);
  }, 60_000);

  afterAll(async () => {
    await closeBrowser?.();
    scripted?.close();
    // After a failure the clients may still be training: stopping the coordinator ends their sessions.
    await coordinator?.close();
    await run?.catch(() => undefined);
  });

  it('follows the run live: rounds rise, the eval-loss chart gains points, a stopped client turns disconnected', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => browserErrors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && browserErrors.push(message.text()));
    let navigations = 0;
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations++);
    await page.goto(`${coordinator.url}/dashboard`);
    expect(navigations).toBe(1);

    await expect.poll(() => evalLossPoints(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    const firstRound = await roundShown(page);
    const firstPoints = await evalLossPoints(page);
    const scriptedRow = page.locator('tr[data-client="client-4"] td.connection');
    await expect.poll(() => scriptedRow.textContent(), { timeout: 10_000 }).toMatch(/^connected/);

    const lastInstruction = scripted!.received.filter((m) => m.kind === 'train').at(-1)!;
    await scripted!.waitFor((m) => m.kind === 'ack' && m.round === lastInstruction.round);
    scripted!.close();
    await expect.poll(() => scriptedRow.textContent(), { timeout: 10_000 }).toMatch(/^disconnected/);
    // What it announced stays visible after it left.
    expect(await page.locator('tr[data-client="client-4"] td').nth(2).textContent()).toBe('none');

    await expect.poll(() => evalLossPoints(page), { timeout: 40_000 }).toBeGreaterThan(firstPoints);
    await expect.poll(() => roundShown(page), { timeout: 40_000 }).toBeGreaterThan(firstRound);

    // The picture for docs/operations.md: mid-run, with connected clients at work.
    await expect.poll(() => evalLossPoints(page), { timeout: 40_000 }).toBeGreaterThanOrEqual(ROUNDS - 2);
    await mkdir(outputDir, { recursive: true });
    const screenshot = join(outputDir, 'dashboard.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') await copyFile(screenshot, join(packageRoot(), 'docs', 'dashboard.png'));

    await run;
    await expect.poll(() => page.locator('#state').textContent(), { timeout: 10_000 }).toBe('finished');
    expect(await evalLossPoints(page)).toBe(ROUNDS);
    expect(await page.locator('#round-table tbody tr').count()).toBe(ROUNDS);
    expect(await page.locator('#strategy-metrics dt').allTextContents()).toContain('total weight');
    expect(await page.locator('#event-list li', { hasText: 'client-4' }).count()).toBeGreaterThan(0);
    expect(navigations).toBe(1);

    // Phone width: nothing forces the page wider than the screen (wide tables scroll inside their panel).
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.evaluate<number>('document.documentElement.scrollWidth'), { timeout: 5_000 }).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(outputDir, 'dashboard-phone.png'), fullPage: true });

    expect(browserErrors).toEqual([]);
    // About 15 s on an idle two-core machine; the bound leaves room for suites running beside it.
  }, 120_000);
});
