/**
 * Prefix-tuning's trained keys and values (PEFT PREFIX_TUNING): every layer attends to P positions of keys and
 * values before the input, as transformers does with a cache of P positions, so the real tokens' positions start
 * at P. The prefixes are PEFT's [P, layers · 2 · token_dim] embedding, read as [P, layers · 2, heads, head dim]
 * (layer l's keys at 2l, its values at 2l + 1); with prefix_projection they are the output of PEFT's two-layer
 * MLP, tanh(E W₀ᵀ + b₀) W₂ᵀ + b₂, of a smaller embedding E [P, token_dim], and E and the MLP are trained.
 *
 * Shapes: B batch, P virtual tokens, K prefix heads, D head dim.
 */
import * as tf from '@tensorflow/tfjs';
import { makeAdapter, type AdapterWeights } from '../lora/adapter.js';
import { TensorMismatchError } from '../infra/errors.js';
import { PREFIX_ENCODER, PROMPT_EMBEDDINGS, type PeftSpec } from '../lora/peft-method.js';
import { prefixTensorShapes, type PrefixLayout } from './prefix-layout.js';

export class PrefixKeysValues {
  private state: { readonly layout: PrefixLayout; readonly variables: ReadonlyMap<string, tf.Variable> } | undefined;

  /** Puts the adapter's prefix tensors into variables, refusing any other layout. */
  load(adapter: AdapterWeights, spec: PeftSpec, layout: PrefixLayout): void {
    const shapes = prefixTensorShapes(spec, layout);
    for (const [name, shape] of shapes) {
      const tensor = adapter.get(name);
      if (!tensor) throw new TensorMismatchError(`adapter lacks tensor ${name}`);
      if (!tf.util.arraysEqual([...tensor.shape], shape)) {
        throw new TensorMismatchError(`adapter tensor ${name} has shape [${tensor.shape.join(', ')}], expected [${shape.join(', ')}]`);
      }
    }
    const unexpected = [...adapter.keys()].filter((name) => !shapes.some(([expected]) => expected === name));
    if (unexpected.length > 0) throw new TensorMismatchError(`adapter has unexpected tensors for prefix-tuning: ${unexpected.join(', ')}`);
    const current = this.state?.variables;
    if (current && shapes.every(([name, shape]) => tf.util.arraysEqual(current.get(name)?.shape ?? [], shape))) {
      tf.tidy(() => {
        for (const [name] of shapes) current.get(name)!.assign(tf.tensor(adapter.get(name)!.data, adapter.get(name)!.shape as number[]));
      });
      this.state = { layout, variables: current };
      return;
    }
    this.dispose();
    const variables = new Map(shapes.map(([name, shape]) => [name, tf.variable(tf.tensor(adapter.get(name)!.data, shape))]));
    this.state = { layout, variables };
  }

  /** P, the prefix positions a pass attends before its input: none once `cached` earlier positions (theirs) are in a cache. */
  count(cached: number): number {
    return this.state && cached === 0 ? this.state.variables.values().next().value!.shape[0] : 0;
  }

  /** The prefixes of one pass, [P, layers · 2, K, D]: computed once, read by every layer. */
  keysValues(): tf.Tensor4D {
    const { layout, variables } = this.state!;
    const embedding = variables.get(PROMPT_EMBEDDINGS) ?? this.projected(variables);
    return tf.reshape(embedding, [-1, layout.numLayers * 2, layout.heads, layout.headDim]);
  }

  /** Layer `layer`'s prefix keys and values for a batch: [B, K, P, D] each. */
  layer(prefixes: tf.Tensor4D, layer: number, batch: number): { k: tf.Tensor4D; v: tf.Tensor4D } {
    const [count, , heads, headDim] = prefixes.shape;
    const part = (index: number) => {
      const slice = tf.reshape(tf.slice(prefixes, [0, index, 0, 0], [-1, 1, -1, -1]), [count, heads, headDim]); // [P, K, D]
      return tf.tile(tf.expandDims(tf.transpose(slice, [1, 0, 2]), 0), [batch, 1, 1, 1]) as tf.Tensor4D; // [B, K, P, D]
    };
    return { k: part(2 * layer), v: part(2 * layer + 1) };
  }

  /** PEFT's PrefixEncoder with projection: tanh(E W₀ᵀ + b₀) W₂ᵀ + b₂. */
  private projected(variables: ReadonlyMap<string, tf.Variable>): tf.Tensor2D {
    const v = (name: string) => variables.get(name)! as tf.Tensor2D;
    const hidden = tf.tanh(
      tf.add(tf.matMul(v(PREFIX_ENCODER.embedding), v(PREFIX_ENCODER.firstWeight), false, true), variables.get(PREFIX_ENCODER.firstBias)!),
    );
    return tf.add(tf.matMul(hidden, v(PREFIX_ENCODER.secondWeight), false, true), variables.get(PREFIX_ENCODER.secondBias)!);
  }

  /** PEFT's saved form: the prefixes themselves (the projection's output when it is on), [P, layers · 2 · token_dim]. */
  async savedPrefixes(): Promise<AdapterWeights> {
    const { layout, variables } = this.state!;
    const prefixes = tf.tidy(() => variables.get(PROMPT_EMBEDDINGS)?.clone() ?? this.projected(variables));
    const data = new Float32Array((await prefixes.data()) as Float32Array);
    const shape = [prefixes.shape[0], layout.numLayers * 2 * layout.tokenDim];
    prefixes.dispose();
    return makeAdapter([[PROMPT_EMBEDDINGS, { shape, data }]]);
  }

  async read(): Promise<AdapterWeights> {
    const entries = [...(this.state?.variables ?? [])];
    const values = await Promise.all(entries.map(([, variable]) => variable.data()));
    return makeAdapter(entries.map(([name, variable], i) => [name, { shape: [...variable.shape], data: new Float32Array(values[i] as Float32Array) }]));
  }

  variables(): tf.Variable[] {
    return [...(this.state?.variables.values() ?? [])];
  }

  dispose(): void {
    for (const variable of this.state?.variables.values() ?? []) variable.dispose();
    this.state = undefined;
  }
}
