/**
 * Each named set's figures round by round (`GET /api/v1/sets`): the initial adapter's (round 0, phase null), then the
 * held-out loss and QA scores of every set after every round, whichever phase trained, so that forgetting shows as
 * an earlier phase's set getting worse.
 */
import type { RoundRecord, SetMetrics } from '../round/records.js';

export interface SetPoint extends SetMetrics {
  round: number;
  phase: string | null;
}

export function setCurves(baseline: Record<string, SetMetrics>, records: readonly RoundRecord[]): Record<string, SetPoint[]> {
  const curves: Record<string, SetPoint[]> = {};
  for (const record of [{ round: 0, phase: null, eval_sets: baseline }, ...records]) {
    for (const [name, metrics] of Object.entries(record.eval_sets)) {
      curves[name] ??= [];
      curves[name].push({ round: record.round, phase: record.phase, ...metrics });
    }
  }
  return curves;
}
