import { describe, expect, it } from 'vitest';
import { RdpAccountant, sampledGaussianRdp } from '../../shared/privacy/rdp-accountant.js';
import { runCli } from '../helpers/processes.js';

function spent(q: number, z: number, steps: number, delta: number) {
  const accountant = new RdpAccountant();
  accountant.compose(q, z, steps);
  return accountant.spent(delta);
}

describe('RDP accountant', () => {
  it('matches the published value for z = 1.5, q = 0.04, 2250 steps, δ = 1e-5', () => {
    // Opacus, tests/accountants_test.py (test_rdp_accountant): ε = 7.32911117143 with its default orders
    // (fractional ones included); integer orders alone can only give the same or a slightly larger ε.
    const { epsilon } = spent(0.04, 1.5, Math.floor(90 / 0.04), 1e-5);
    expect(epsilon).toBeGreaterThanOrEqual(7.329 - 1e-6);
    expect(epsilon).toBeLessThan(7.329 * 1.01);
  });

  it('without sampling equals the Gaussian mechanism’s closed form α/(2z²) per step', () => {
    expect(sampledGaussianRdp(1, 2, 10)).toBeCloseTo(10 / 8, 12);
    // Independent sum for a small order: A_2 = (1−q)² + 2q(1−q) + q²·e^{1/z²}.
    const q = 0.1;
    const z = 1.3;
    const a2 = (1 - q) ** 2 + 2 * q * (1 - q) + q * q * Math.exp(1 / z ** 2);
    expect(sampledGaussianRdp(q, z, 2)).toBeCloseTo(Math.log(a2), 12);
  });

  it('grows with rounds and shrinks with noise', () => {
    expect(spent(0.1, 1, 200, 1e-5).epsilon).toBeGreaterThan(spent(0.1, 1, 100, 1e-5).epsilon);
    expect(spent(0.1, 2, 100, 1e-5).epsilon).toBeLessThan(spent(0.1, 1, 100, 1e-5).epsilon);
  });

  it('fedlora privacy-budget prints epsilon and the best order as one JSON object', async () => {
    const run = runCli(['privacy-budget', '--noise-multiplier', '1.5', '--sampling-rate', '0.04', '--rounds', '2250', '--delta', '1e-5']);
    const { code, stdout } = await run.done;
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { epsilon: number; order: number; delta: number };
    expect(result.epsilon).toBeCloseTo(spent(0.04, 1.5, 2250, 1e-5).epsilon, 10);
    expect(Number.isInteger(result.order)).toBe(true);
    expect(result.delta).toBe(1e-5);
  });
});
