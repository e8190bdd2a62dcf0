/**
 * The named sets' charts in a real browser (Debian's Chromium driven by playwright-core): the eval loss of each data
 * set (the phases' forgetting curve) and the exact match of each QA set, from round 0 (the untouched adapter), both
 * following the rounds live as the test releases them one at a time.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DataSetInfo, EvaluateMessage, SetEvaluation } from '../../shared/wire/messages.js';
import { browserFixture, skipBrowserTests } from '../helpers/browser.js';
import { clientCredentials, coordinatorFixture } from '../helpers/coordinator.js';
import { connectHeldClients, randomUpdateLike, updateReply } from '../helpers/lora-runs.js';

const ROUNDS = 3;

const sets: DataSetInfo[] = [
  { name: 'task', numTrainExamples: 20, numEvalExamples: 4, qa: false },
  { name: 'fr', numTrainExamples: 20, numEvalExamples: 4, qa: false },
  { name: 'facts', numTrainExamples: 0, numEvalExamples: 5, qa: true },
];

/** Figures that depend only on the round (0: the untouched adapter). */
function evaluations(instruction: EvaluateMessage): SetEvaluation[] {
  const round = instruction.round;
  return sets.map(({ name, qa }) =>
    qa
      ? { name, numExamples: 5, qa, loss: 0, exactMatch: round / ROUNDS, f1: round / ROUNDS }
      : { name, numExamples: 4, qa, loss: name === 'task' ? 3 - 0.5 * round : 3 - 0.25 * round, exactMatch: 0, f1: 0 },
  );
}

const points = async (page: Page, id: string): Promise<string | null> => page.locator(`#${id}`).getAttribute('data-points');

describe.skipIf(skipBrowserTests)('named sets on the dashboard', () => {
  const fixture = coordinatorFixture();
  const browser = browserFixture();

  it('draws each data set’s loss and each QA set’s exact match from round 0, and follows the rounds live', async () => {
    const credentials = clientCredentials(2);
    const coordinator = await fixture.start({ clients: credentials, rounds: ROUNDS, evaluation: { qa: ['facts'] } });
    const { release } = connectHeldClients(
      fixture,
      credentials,
      (global, round, k) => randomUpdateLike(global, round * 10 + k),
      () => ({ dataSets: sets, evalSets: evaluations }),
    );

    const page = await browser.newPage();
    const browserErrors: string[] = [];
    page.on('pageerror', (error) => browserErrors.push(error.message));
    await page.goto(`${coordinator.url}/dashboard`);
    await expect.poll(() => page.locator('#feed').getAttribute('class'), { timeout: 10_000 }).toBe('feed live');

    await release(1);
    // Round 0 (the untouched adapter) and round 1.
    await expect.poll(() => points(page, 'chart-set-loss'), { timeout: 20_000 }).toBe('2');
    expect(await page.locator('#chart-set-loss').isVisible()).toBe(true);
    expect(await page.locator('#chart-set-accuracy').isVisible()).toBe(true);
    expect(await points(page, 'chart-set-accuracy')).toBe('2');
    const legend = await page.locator('#chart-set-loss .u-legend').textContent();
    expect(legend).toContain('task');
    expect(legend).toContain('fr');
    expect(legend).not.toContain('facts');
    expect(await page.locator('#chart-set-accuracy .u-legend').textContent()).toContain('facts');

    await release(2);
    await release(3);
    await expect.poll(() => points(page, 'chart-set-accuracy'), { timeout: 20_000 }).toBe(String(ROUNDS + 1));
    expect(await points(page, 'chart-set-loss')).toBe(String(ROUNDS + 1));
    await coordinator.finished;
    expect(browserErrors).toEqual([]);
  }, 90_000);

  it('stays hidden in a run with one data set and no QA set', async () => {
    const credentials = clientCredentials(1);
    const coordinator = await fixture.start({ clients: credentials, rounds: 1 });
    fixture.connect({
      token: credentials[0].token,
      onTrain: (instruction, global) => updateReply(instruction, randomUpdateLike(global, 1), 20),
    });
    await coordinator.finished;
    const page = await browser.newPage();
    await page.goto(`${coordinator.url}/dashboard`);
    await expect.poll(() => page.locator('#chart-eval-loss').getAttribute('data-points'), { timeout: 10_000 }).toBe('1');
    expect(await page.locator('#chart-set-loss').isVisible()).toBe(false);
    expect(await page.locator('#chart-set-accuracy').isVisible()).toBe(false);
  }, 60_000);
});
