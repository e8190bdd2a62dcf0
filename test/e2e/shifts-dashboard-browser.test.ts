/**
 * The update-shifts panel in a real browser (Debian's Chromium driven by playwright-core): the heat map and the
 * client-drift chart render the first round, then follow the rounds as the test releases them one at a time; the
 * slider shows an earlier round and stays there while new rounds arrive; the client that pulls away is flagged.
 */
import { describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Coordinator } from '../../coordinator/coordinator.js';
import { packageRoot } from '../../shared/infra/package-root.js';
import { browserFixture, skipBrowserTests } from '../helpers/browser.js';
import { clientCredentials, coordinatorFixture } from '../helpers/coordinator.js';
import { connectHeldClients, directionalUpdate } from '../helpers/lora-runs.js';

const ROUNDS = 3;

const attribute = async (page: Page, selector: string, name: string): Promise<string | null> => page.locator(selector).getAttribute(name);

describe.skipIf(skipBrowserTests)('update shifts on the dashboard', () => {
  const fixture = coordinatorFixture();
  const browser = browserFixture();

  it('renders the heat map and the drift chart, and updates both live as rounds finish', async () => {
    const credentials = clientCredentials(4);
    const coordinator: Coordinator = await fixture.start({ clients: credentials, rounds: ROUNDS });
    // Each client holds its instruction until the test releases the round.
    const { release } = connectHeldClients(fixture, credentials, (global, round, k) => directionalUpdate(global, round, k, k === 3));

    const page = await browser.newPage();
    const browserErrors: string[] = [];
    page.on('pageerror', (error) => browserErrors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && browserErrors.push(message.text()));
    await page.goto(`${coordinator.url}/dashboard`);
    await expect.poll(() => page.locator('#feed').getAttribute('class'), { timeout: 10_000 }).toBe('feed live');
    expect(await attribute(page, '#shifts-panel', 'data-rounds')).toBe('0');

    await release(1);
    await expect.poll(() => attribute(page, '#shifts-panel', 'data-rounds'), { timeout: 20_000 }).toBe('1');
    const [first] = coordinator.roundShifts();
    // One cell per module, each holding the round's ‖ΔW‖_F; rows are layers, columns the target modules.
    const cells = page.locator('#shifts-heatmap td.heat[data-value]');
    expect(await cells.count()).toBe(first.modules.length);
    const values = (await Promise.all((await cells.all()).map(async (cell) => Number(await cell.getAttribute('data-value'))))).sort();
    expect(values).toEqual(first.modules.map((m) => m.delta_norm).sort());
    expect(await page.locator('#shifts-heatmap thead th').allTextContents()).toEqual(['layer', 'q_proj', 'v_proj']);
    expect(await attribute(page, '#chart-drift', 'data-points')).toBe('1');
    expect(await attribute(page, '#chart-update-norm', 'data-points')).toBe('1');
    expect(await page.locator('#chart-drift .u-legend').textContent()).toContain('client-4');
    expect(await page.locator('#drift-outliers li').allTextContents()).toEqual([expect.stringMatching(/^round 1: client-4, cosine -0\.\d+/)]);
    // A built-in model has no base weights: the relative measure is off, and the page says why.
    expect(await page.locator('#shifts-metric option[value="relative_change"]').isDisabled()).toBe(true);
    expect(await page.locator('#shifts-note').textContent()).toContain('built-in model');

    await release(2);
    await expect.poll(() => attribute(page, '#shifts-heatmap', 'data-round'), { timeout: 20_000 }).toBe('2');
    expect(await attribute(page, '#chart-drift', 'data-points')).toBe('2');
    expect(await attribute(page, '#shifts-slider', 'max')).toBe('2');
    expect(await page.locator('#shifts-round').textContent()).toBe('round 2');

    // Back to round 1 with the slider: the map stays there while round 3 arrives, and the drift chart grows.
    await page.locator('#shifts-slider').fill('1');
    await expect.poll(() => attribute(page, '#shifts-heatmap', 'data-round')).toBe('1');
    await release(3);
    await expect.poll(() => attribute(page, '#chart-drift', 'data-points'), { timeout: 20_000 }).toBe(String(ROUNDS));
    expect(await attribute(page, '#shifts-slider', 'max')).toBe(String(ROUNDS));
    expect(await attribute(page, '#shifts-heatmap', 'data-round')).toBe('1');
    expect(await attribute(page, '#drift-outliers', 'data-count')).toBe(String(ROUNDS));
    await coordinator.finished;

    await mkdir(join(packageRoot(), 'test-output'), { recursive: true });
    await page.locator('#shifts-panel').screenshot({ path: join(packageRoot(), 'test-output', 'dashboard-shifts.png') });
    expect(browserErrors).toEqual([]);
  }, 90_000);
});
