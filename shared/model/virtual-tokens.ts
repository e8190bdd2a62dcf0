/**
 * Prompt-tuning's trained virtual tokens (PEFT PROMPT_TUNING): P embeddings put before the input's token
 * embeddings, with positions 0 … P − 1, so that the real tokens take positions P onwards. Their own outputs are
 * dropped: logits, loss and evaluation cover the real tokens only. With a KV cache they are fed on the first pass
 * and then read from the cache like any earlier position.
 *
 * Shapes: B batch, T real positions, P virtual tokens, C hidden size, V vocabulary.
 */
import * as tf from '@tensorflow/tfjs';
import { makeAdapter, type AdapterWeights } from '../lora/adapter.js';
import { TensorMismatchError } from '../infra/errors.js';
import { PROMPT_EMBEDDINGS } from '../lora/peft-method.js';

export class VirtualTokens {
  private embeddings: tf.Variable | undefined; // [P, C]

  /** Puts the adapter's prompt_embeddings [numVirtualTokens, hiddenSize] into the variable, refusing any other layout. */
  load(adapter: AdapterWeights, numVirtualTokens: number, hiddenSize: number): void {
    const tensor = adapter.get(PROMPT_EMBEDDINGS);
    if (!tensor) throw new TensorMismatchError(`adapter lacks tensor ${PROMPT_EMBEDDINGS}`);
    if (tensor.shape.length !== 2 || tensor.shape[0] !== numVirtualTokens || tensor.shape[1] !== hiddenSize) {
      throw new TensorMismatchError(
        `adapter tensor ${PROMPT_EMBEDDINGS} has shape [${tensor.shape.join(', ')}], expected [${numVirtualTokens}, ${hiddenSize}]`,
      );
    }
    const unexpected = [...adapter.keys()].filter((name) => name !== PROMPT_EMBEDDINGS);
    if (unexpected.length > 0) throw new TensorMismatchError(`adapter has unexpected tensors for prompt-tuning: ${unexpected.join(', ')}`);
    const values = tf.tensor2d(tensor.data, [numVirtualTokens, hiddenSize]);
    if (this.embeddings && tf.util.arraysEqual(this.embeddings.shape, values.shape)) {
      this.embeddings.assign(values);
      values.dispose();
      return;
    }
    this.dispose();
    this.embeddings = tf.variable(values);
    values.dispose();
  }

  /** P, the virtual tokens a pass puts before its input: none once `cached` earlier positions (theirs) are in a cache. */
  count(cached: number): number {
    return this.embeddings && cached === 0 ? this.embeddings.shape[0] : 0;
  }

  /** embeddings: [B, T, C] → [B, P+T, C], each sequence's P virtual tokens first. */
  prepend(embeddings: tf.Tensor3D, virtual: number): tf.Tensor3D {
    if (virtual === 0) return embeddings;
    const batch = embeddings.shape[0];
    const prompt = tf.tile(tf.expandDims(this.embeddings!, 0), [batch, 1, 1]) as tf.Tensor3D; // [B, P, C]
    return tf.concat([prompt, embeddings], 1);
  }

  /** Per-position outputs [B, P+T, X] → [B, T, X], the virtual positions dropped. */
  drop(outputs: tf.Tensor3D, virtual: number): tf.Tensor3D {
    return virtual === 0 ? outputs : tf.slice(outputs, [0, virtual, 0], [-1, -1, -1]);
  }

  async read(): Promise<AdapterWeights> {
    if (!this.embeddings) return makeAdapter([]);
    const data = new Float32Array((await this.embeddings.data()) as Float32Array);
    return makeAdapter([[PROMPT_EMBEDDINGS, { shape: [...this.embeddings.shape], data }]]);
  }

  variables(): tf.Variable[] {
    return this.embeddings ? [this.embeddings] : [];
  }

  dispose(): void {
    this.embeddings?.dispose();
    this.embeddings = undefined;
  }
}
