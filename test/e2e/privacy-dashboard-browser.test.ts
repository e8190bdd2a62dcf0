/**
 * The dashboard's privacy panel in a real browser: three real clients train with secure aggregation and
 * distributed DP noise; the panel shows the secure sum, the dropouts recovered, C, z, q and the ε spent per round.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { clientCredentials, coordinatorFixture, trainWithRealClients } from '../helpers/coordinator.js';
import { launchBrowser, skipBrowserTests } from '../helpers/browser.js';

describe.skipIf(skipBrowserTests)('the privacy panel', () => {
  const fixture = coordinatorFixture();
  let closeBrowser: (() => Promise<void>) | undefined;
  afterAll(async () => closeBrowser?.());

  it('shows secure aggregation, C, z, q and ε for every round of a private run, and no client drift', async () => {
    const credentials = clientCredentials(3);
    const coordinator = await fixture.start({
      clients: credentials,
      rounds: 2,
      privacy: { dp: { clipNorm: 0.02, noiseMultiplier: 0.8, delta: 1e-5 }, secureAggregation: { range: 0.5 } },
    });
    await trainWithRealClients(coordinator, credentials);
    const browser = await launchBrowser();
    closeBrowser = browser.close;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${coordinator.url}/dashboard`);
    await expect.poll(() => page.locator('#privacy-table tbody tr').count(), { timeout: 20_000 }).toBe(2);
    expect(await page.locator('#privacy-panel').isVisible()).toBe(true);
    const facts = await page.locator('#privacy-state dd').allTextContents();
    const records = coordinator.roundRecords();
    expect(facts).toEqual(['on, 3 clients', '0', '0.02000', '0.8000', '1.000', `${records[1].privacy!.epsilon.toPrecision(4)} at δ = 0.00001`]);
    const latestRow = await page.locator('#privacy-table tbody tr').first().locator('td').allTextContents();
    expect(latestRow).toEqual(['2', 'on, 3 clients', '0', '0.02000', '0.8000', '1.000', records[1].privacy!.epsilon.toPrecision(4)]);
    // The update-shifts panel has its heat map, and says why there is no client drift.
    await expect.poll(() => page.locator('#shifts-panel').getAttribute('data-rounds'), { timeout: 10_000 }).toBe('2');
    expect(await page.locator('#shifts-heatmap td.heat[data-value]').count()).toBeGreaterThan(0);
    expect(await page.locator('#drift-missing').textContent()).toMatch(/^Per-client figures do not exist for this run: secure aggregation: /);
    expect(await page.locator('#chart-drift .empty').textContent()).toBe('no per-client figures in this run');
    expect(errors).toEqual([]);
  }, 120_000);
});
