import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../shared/infra/collect-garbage.js';

describe('collectGarbage', () => {
  it('frees what nothing references any more, at once', async () => {
    let buffer: Float32Array | undefined = new Float32Array(1 << 20);
    const weak = new WeakRef(buffer);
    buffer = undefined;
    // A weak reference keeps its target until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(weak.deref()).toBeUndefined();
  });
});
