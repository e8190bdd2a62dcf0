/**
 * The LoRA matrices of a model as tfjs variables, shared by every architecture: loading an adapter into them,
 * reading them back, and the low-rank term (alpha/r)·B A x that a LoRA-carrying linear layer adds to its output.
 *
 * Shapes: N rows, r rank; A: [r, in], B: [out, r].
 */
import * as tf from '@tensorflow/tfjs';
import { makeAdapter, type AdapterWeights, type TensorData } from '../lora/adapter.js';
import { TensorMismatchError } from '../infra/errors.js';
import { baseDeltaTensorNames, loraScaling, loraTensorNames, type LoraConfig, type LoraTarget } from '../lora/lora.js';

interface LoraModule {
  readonly target: LoraTarget;
  readonly a: tf.Variable; // [r, in]
  readonly b: tf.Variable; // [out, r]
}

/** Exact aggregation's accumulated weight change ΔW = b · a, frozen: part of the base weight, not of the adapter. */
interface BaseDelta {
  readonly a: tf.Tensor2D; // [R, in]
  readonly b: tf.Tensor2D; // [out, R]
}

interface LoraState {
  readonly rank: number;
  readonly scaling: number;
  readonly dropout: number;
  /** FFA-LoRA: A is kept as loaded and not trained. */
  readonly freezeA: boolean;
  /** By module path, in the order of the targets given: this order is the optimizer's variable order. */
  readonly modules: ReadonlyMap<string, LoraModule>;
  /** By module path, for the modules whose adapter came with base deltas. */
  readonly baseDeltas: ReadonlyMap<string, BaseDelta>;
}

export class LoraLayers {
  private state: LoraState | undefined;

  /**
   * Puts `adapter` into the LoRA variables. The variables are created on the first call and re-created only
   * when the rank or the target modules change; otherwise they are reused with `assign`, so that their order
   * (which Adam's state follows) and identity stay fixed.
   */
  load(targets: readonly LoraTarget[], lora: LoraConfig, adapter: AdapterWeights): void {
    assertAdapterMatches(targets, lora.r, adapter);
    const current = this.state;
    const settings = {
      rank: lora.r,
      scaling: loraScaling(lora),
      dropout: lora.dropout ?? 0,
      freezeA: lora.freezeA ?? false,
      baseDeltas: readBaseDeltas(targets, adapter),
    };
    const modulePaths = targets.map((target) => target.modulePath);
    const layoutUnchanged =
      current !== undefined && current.rank === lora.r && current.modules.size === modulePaths.length && modulePaths.every((path) => current.modules.has(path));

    if (layoutUnchanged) {
      tf.tidy(() => {
        for (const { target, a, b } of current.modules.values()) {
          const names = loraTensorNames(target.modulePath);
          a.assign(toTensor(adapter, names.a));
          b.assign(toTensor(adapter, names.b));
        }
      });
      this.disposeBaseDeltas();
      this.state = { ...current, ...settings };
      return;
    }
    this.dispose();
    const modules = new Map<string, LoraModule>();
    for (const target of targets) {
      const names = loraTensorNames(target.modulePath);
      modules.set(target.modulePath, {
        target,
        a: tf.tidy(() => tf.variable(toTensor(adapter, names.a))),
        b: tf.tidy(() => tf.variable(toTensor(adapter, names.b))),
      });
    }
    this.state = { ...settings, modules };
  }

  /** scaling · B A dropout(x) for the module at `modulePath`, or undefined when it carries no adapter. x: [N, in] → [N, out]. */
  delta(x: tf.Tensor2D, modulePath: string, training: boolean): tf.Tensor2D | undefined {
    const state = this.state;
    const module = state?.modules.get(modulePath);
    if (!state || !module) return undefined;
    const input = training && state.dropout > 0 ? (tf.dropout(x, state.dropout) as tf.Tensor2D) : x;
    const lowRank = tf.matMul(input, module.a, false, true); // [N, r]
    const adapterDelta = tf.mul<tf.Tensor2D>(tf.matMul(lowRank, module.b, false, true), state.scaling); // [N, out]
    const baseDelta = state.baseDeltas.get(modulePath);
    // (W + ΔW) x = W x + b (a x): the accumulated change is applied in factored form, never materialised.
    return baseDelta ? tf.add<tf.Tensor2D>(adapterDelta, tf.matMul(tf.matMul(x, baseDelta.a, false, true), baseDelta.b, false, true)) : adapterDelta;
  }

  /**
   * The current LoRA variables as an adapter (copies). Read asynchronously and all at once: a GPU backend cannot
   * read synchronously, and one wait for all the reads costs one round trip to the device, not one per tensor.
   */
  async read(): Promise<AdapterWeights> {
    const modules = [...(this.state?.modules.values() ?? [])];
    const values = await Promise.all(modules.flatMap(({ a, b }) => [a.data(), b.data()]));
    const entries: [string, TensorData][] = modules.flatMap(({ target, a, b }, i) => {
      const names = loraTensorNames(target.modulePath);
      return [
        [names.a, { shape: [...a.shape], data: new Float32Array(values[2 * i] as Float32Array) }],
        [names.b, { shape: [...b.shape], data: new Float32Array(values[2 * i + 1] as Float32Array) }],
      ];
    });
    return makeAdapter(entries);
  }

  /**
   * The LoRA variables that training changes, in a fixed order (target order, A before B; only B when the
   * loaded LoRA config freezes A); empty before the first load.
   */
  variables(): tf.Variable[] {
    const frozenA = this.state?.freezeA ?? false;
    return [...(this.state?.modules.values() ?? [])].flatMap(({ a, b }) => (frozenA ? [b] : [a, b]));
  }

  dispose(): void {
    for (const { a, b } of this.state?.modules.values() ?? []) tf.dispose([a, b]);
    this.disposeBaseDeltas();
    this.state = undefined;
  }

  private disposeBaseDeltas(): void {
    for (const { a, b } of this.state?.baseDeltas.values() ?? []) tf.dispose([a, b]);
  }
}

function readBaseDeltas(targets: readonly LoraTarget[], adapter: AdapterWeights): Map<string, BaseDelta> {
  const deltas = new Map<string, BaseDelta>();
  for (const target of targets) {
    const names = baseDeltaTensorNames(target.modulePath);
    if (adapter.has(names.a)) deltas.set(target.modulePath, { a: toTensor(adapter, names.a) as tf.Tensor2D, b: toTensor(adapter, names.b) as tf.Tensor2D });
  }
  return deltas;
}

function toTensor(adapter: AdapterWeights, name: string): tf.Tensor {
  const tensor = adapter.get(name)!;
  return tf.tensor(tensor.data, [...tensor.shape]);
}

/** Validates the whole adapter before any variable changes, so that a bad adapter never half-loads. */
function assertAdapterMatches(targets: readonly LoraTarget[], rank: number, adapter: AdapterWeights): void {
  const expected = new Map<string, number[]>();
  for (const target of targets) {
    const names = loraTensorNames(target.modulePath);
    expected.set(names.a, [rank, target.inFeatures]);
    expected.set(names.b, [target.outFeatures, rank]);
    // Base deltas are optional, in pairs of any one rank.
    const deltaNames = baseDeltaTensorNames(target.modulePath);
    const deltaRank = adapter.get(deltaNames.a)?.shape[0] ?? adapter.get(deltaNames.b)?.shape[1];
    if (deltaRank !== undefined) {
      expected.set(deltaNames.a, [deltaRank, target.inFeatures]);
      expected.set(deltaNames.b, [target.outFeatures, deltaRank]);
    }
  }
  for (const [name, shape] of expected) {
    const tensor = adapter.get(name);
    if (!tensor) throw new TensorMismatchError(`adapter lacks tensor ${name}`);
    if (!tf.util.arraysEqual([...tensor.shape], shape)) {
      throw new TensorMismatchError(`adapter tensor ${name} has shape [${tensor.shape.join(', ')}], expected [${shape.join(', ')}]`);
    }
  }
  const unexpected = [...adapter.keys()].filter((name) => !expected.has(name));
  if (unexpected.length > 0) throw new TensorMismatchError(`adapter has unexpected tensors: ${unexpected.join(', ')}`);
}
