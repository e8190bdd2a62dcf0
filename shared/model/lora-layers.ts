/**
 * The LoRA matrices of a model as tfjs variables, shared by every architecture: loading an adapter into them,
 * reading them back, and the low-rank term (alpha/r)·B A x that a LoRA-carrying linear layer adds to its output.
 *
 * Shapes: N rows, r rank; A: [r, in], B: [out, r].
 */
import * as tf from '@tensorflow/tfjs';
import { makeAdapter, type AdapterWeights } from '../lora/adapter.js';
import { ConfigError, TensorMismatchError } from '../infra/errors.js';
import { doraMagnitudeName } from '../lora/dora.js';
import { loraPath, lowRankDelta } from './fused/lora-path.js';
import { baseDeltaTensorNames, loraScaling, loraTensorNames, peftMethod, type LoraConfig, type LoraTarget } from '../lora/lora.js';

interface LoraModule {
  readonly target: LoraTarget;
  readonly a: tf.Variable; // [r, in]
  readonly b: tf.Variable; // [out, r]
  /** DoRA: the magnitudes' offsets from the base weight's row norms (see shared/lora/dora.ts). */
  readonly magnitudeOffset?: tf.Variable; // [out]
}

/** The frozen base weight of a module, as the model holds it. */
export interface BaseWeight {
  /** [out, in], or [in, out] when fanInFanOut (GPT-2's Conv1D). */
  readonly weight: tf.Tensor2D;
  readonly fanInFanOut: boolean;
}

/** DoRA's constants of a module: its base weight (not owned) and the weight's row norms ‖W‖ (owned). */
interface DoraBase extends BaseWeight {
  readonly rowNorms: tf.Tensor1D; // [out]
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
  /** DoRA: by module path, for every module (empty without DoRA). */
  readonly dora: ReadonlyMap<string, DoraBase>;
}

/** The value in the forward pass, a constant in the gradient: PEFT detaches DoRA's weight norm. */
const detached = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => ({
  value: tf.clone(inputs[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as (x: tf.Tensor) => tf.Tensor;

export class LoraLayers {
  private state: LoraState | undefined;

  /**
   * Puts `adapter` into the LoRA variables. The variables are created on the first call and re-created only
   * when the rank, the target modules or DoRA change; otherwise they are reused with `assign`, so that their order
   * (which Adam's state follows) and identity stay fixed. DoRA reads each module's base weight from `baseWeight`.
   */
  load(targets: readonly LoraTarget[], lora: LoraConfig, adapter: AdapterWeights, baseWeight?: (modulePath: string) => BaseWeight): void {
    const useDora = peftMethod(lora) === 'dora';
    if (useDora && !baseWeight) throw new ConfigError('DoRA needs the base weights of the adapted modules');
    assertAdapterMatches(targets, lora.r, useDora, adapter);
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
      current !== undefined &&
      current.rank === lora.r &&
      current.dora.size > 0 === useDora &&
      current.modules.size === modulePaths.length &&
      modulePaths.every((path) => current.modules.has(path));

    if (layoutUnchanged) {
      tf.tidy(() => {
        for (const { target, a, b, magnitudeOffset } of current.modules.values()) {
          const names = loraTensorNames(target.modulePath);
          a.assign(toTensor(adapter, names.a));
          b.assign(toTensor(adapter, names.b));
          magnitudeOffset?.assign(toTensor(adapter, doraMagnitudeName(target.modulePath)));
        }
      });
      this.disposeBaseDeltas();
      this.state = { ...current, ...settings };
      return;
    }
    this.dispose();
    const modules = new Map<string, LoraModule>();
    const dora = new Map<string, DoraBase>();
    for (const target of targets) {
      const names = loraTensorNames(target.modulePath);
      const variable = (name: string) => tf.tidy(() => tf.variable(toTensor(adapter, name)));
      modules.set(target.modulePath, {
        target,
        a: variable(names.a),
        b: variable(names.b),
        magnitudeOffset: useDora ? variable(doraMagnitudeName(target.modulePath)) : undefined,
      });
      if (useDora) {
        const base = baseWeight!(target.modulePath);
        dora.set(target.modulePath, { ...base, rowNorms: tf.tidy(() => tf.norm(base.weight, 'euclidean', base.fanInFanOut ? 0 : 1) as tf.Tensor1D) });
      }
    }
    this.state = { ...settings, modules, dora };
  }

  /**
   * The module's output with its adapter, from `base` = x Wᵀ (without bias): base + scaling · B A dropout(x) for
   * LoRA; for DoRA, PEFT's (m / ‖W + s·B A‖) ⊙ (W + s·B A) applied to x, dropout(x) in the adapted part. `base`
   * unchanged when the module carries no adapter. x: [N, in], base: [N, out] → [N, out].
   */
  adapt(x: tf.Tensor2D, base: tf.Tensor2D, modulePath: string, training: boolean): tf.Tensor2D {
    const state = this.state;
    const module = state?.modules.get(modulePath);
    if (!state || !module) return base;
    const input = training && state.dropout > 0 ? (tf.dropout(x, state.dropout) as tf.Tensor2D) : x;
    const dora = state.dora.get(modulePath);
    const baseDelta = state.baseDeltas.get(modulePath);
    // Plain LoRA, dropout or not, is one op (a fused kernel where the backend has it): base + s · B A dropout(x).
    if (!dora && !baseDelta) return loraPath(input, base, module.a as tf.Tensor2D, module.b as tf.Tensor2D, state.scaling);
    const adapterDelta = lowRankDelta(input, module.a as tf.Tensor2D, module.b as tf.Tensor2D, state.scaling); // [N, out]
    if (dora) {
      const { weight, fanInFanOut, rowNorms } = dora;
      const product = tf.mul(tf.matMul(module.b, module.a), state.scaling); // [out, in]
      const adapted = fanInFanOut ? tf.add(weight, tf.transpose(product)) : tf.add(weight, product);
      const norm = detached(tf.norm(adapted, 'euclidean', fanInFanOut ? 0 : 1)); // [out]
      const scale = tf.div(tf.add(rowNorms, module.magnitudeOffset!), norm); // [out]
      // With dropout, PEFT rescales the dropped input's base output: base + (scale − 1) W dropout(x).
      const droppedBase = input === x ? base : tf.matMul(input, weight, false, !fanInFanOut);
      return tf.add(tf.add(base, tf.mul(tf.sub(scale, 1), droppedBase)), tf.mul(scale, adapterDelta));
    }
    // (W + ΔW) x = W x + b (a x): the accumulated change is applied in factored form, never materialised.
    return tf.add(base, tf.add<tf.Tensor2D>(adapterDelta, tf.matMul(tf.matMul(x, baseDelta!.a, false, true), baseDelta!.b, false, true)));
  }

  /**
   * The current LoRA variables as an adapter (copies). Read asynchronously and all at once: a GPU backend cannot
   * read synchronously, and one wait for all the reads costs one round trip to the device, not one per tensor.
   */
  async read(): Promise<AdapterWeights> {
    const tensors: [string, tf.Variable][] = [...(this.state?.modules.values() ?? [])].flatMap(({ target, a, b, magnitudeOffset }) => {
      const names = loraTensorNames(target.modulePath);
      const entries: [string, tf.Variable][] = [
        [names.a, a],
        [names.b, b],
      ];
      if (magnitudeOffset) entries.push([doraMagnitudeName(target.modulePath), magnitudeOffset]);
      return entries;
    });
    const values = await Promise.all(tensors.map(([, variable]) => variable.data()));
    return makeAdapter(tensors.map(([name, variable], i) => [name, { shape: [...variable.shape], data: new Float32Array(values[i] as Float32Array) }]));
  }

  /**
   * The LoRA variables that training changes, in a fixed order (target order, A before B before DoRA's
   * magnitude; no A when the loaded LoRA config freezes A); empty before the first load.
   */
  variables(): tf.Variable[] {
    const frozenA = this.state?.freezeA ?? false;
    return [...(this.state?.modules.values() ?? [])].flatMap(({ a, b, magnitudeOffset }) => [
      ...(frozenA ? [] : [a]),
      b,
      ...(magnitudeOffset ? [magnitudeOffset] : []),
    ]);
  }

  /** ‖W‖ by output row of a DoRA module, as an offset-carrying adapter is measured against. */
  async rowNorms(): Promise<Map<string, Float32Array>> {
    const dora = [...(this.state?.dora ?? [])];
    const values = await Promise.all(dora.map(([, { rowNorms }]) => rowNorms.data()));
    return new Map(dora.map(([path], i) => [path, values[i] as Float32Array]));
  }

  dispose(): void {
    for (const { a, b, magnitudeOffset } of this.state?.modules.values() ?? []) tf.dispose([a, b, ...(magnitudeOffset ? [magnitudeOffset] : [])]);
    for (const { rowNorms } of this.state?.dora.values() ?? []) rowNorms.dispose();
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
function assertAdapterMatches(targets: readonly LoraTarget[], rank: number, dora: boolean, adapter: AdapterWeights): void {
  const expected = new Map<string, number[]>();
  for (const target of targets) {
    const names = loraTensorNames(target.modulePath);
    expected.set(names.a, [rank, target.inFeatures]);
    expected.set(names.b, [target.outFeatures, rank]);
    if (dora) expected.set(doraMagnitudeName(target.modulePath), [target.outFeatures]);
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
