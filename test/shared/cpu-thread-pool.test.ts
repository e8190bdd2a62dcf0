/**
 * The addon's thread pool (native/cpu-kernels/src/thread-pool.cc) hands each call's tasks out once and returns only
 * when they are done, whether its workers are spinning from the call before, asleep after a pause, or late. Each
 * round writes one output buffer twice in a row from different inputs: a task of the first call that finished after
 * the call returned would leave the first call's values in the second's result.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../shared/infra/random.js';
import { optionalCpuKernels } from '../helpers/cpu-kernels.js';

const kernels = optionalCpuKernels();

describe.runIf(kernels)('the addon thread pool', () => {
  it('returns each call with all of its tasks done, back to back and after the workers sleep', async () => {
    const random = new SeededRandom(3);
    // Large enough that the rows split over the threads.
    const size = 1 << 16;
    const up = random.fillNormal(new Float32Array(size), 1);
    const gates = [0, 1].map(() => random.fillNormal(new Float32Array(size), 1));
    const expected = gates.map((gate) => {
      const out = new Float32Array(size);
      kernels!.swiGlu(gate, up, out, size);
      return out;
    });
    const out = new Float32Array(size);
    let mismatches = 0;
    for (let round = 0; round < 300; round++) {
      if (round % 50 === 0) await sleep(2); // past the workers' 100 µs spin: they sleep and are woken
      kernels!.swiGlu(gates[0], up, out, size);
      kernels!.swiGlu(gates[1], up, out, size);
      if (!out.every((value, i) => value === expected[1][i])) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});
