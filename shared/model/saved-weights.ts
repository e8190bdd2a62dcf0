/**
 * The base weights that train in full (PEFT's modules_to_save), as tfjs variables holding their difference from
 * the frozen base weight: what the adapter carries (see SAVED_DIFFERENCE_SUFFIX), so that loading, reading and
 * the optimizer see the same values the coordinator averages.
 */
import * as tf from '@tensorflow/tfjs';
import { makeAdapter, type AdapterWeights, type TensorData } from '../lora/adapter.js';
import { TensorMismatchError } from '../infra/errors.js';
import { peftMethod, savedDifferenceName, savedWeightOf, type LoraConfig, type SavedWeight } from '../lora/lora.js';
import { usesLoraFactors } from '../lora/peft-method.js';
import type { BaseWeight, LoraLayers } from './lora-layers.js';
import { loraTargets, type ModelDescriptor } from './model-config.js';
import { trainedBaseWeights } from './weight-shapes.js';

export class SavedWeights {
  /** By state-dict name, in the order of the saved weights given: the optimizer's variable order. */
  private differences = new Map<string, tf.Variable>();

  /**
   * Throws unless `adapter` holds a difference of the right shape for each of `weights`: called before anything
   * is loaded, so that a bad adapter never half-loads.
   */
  static assertMatches(weights: readonly SavedWeight[], adapter: AdapterWeights): void {
    const expected = new Set(weights.map(({ name }) => name));
    const unexpected = [...adapter.keys()].filter((name) => {
      const weight = savedWeightOf(name);
      return weight !== undefined && !expected.has(weight);
    });
    if (unexpected.length > 0) throw new TensorMismatchError(`adapter has differences of weights outside modules_to_save: ${unexpected.join(', ')}`);
    for (const { name, shape } of weights) {
      const tensor = adapter.get(savedDifferenceName(name));
      if (!tensor) throw new TensorMismatchError(`adapter lacks tensor ${savedDifferenceName(name)}`);
      if (!tf.util.arraysEqual([...tensor.shape], [...shape])) {
        throw new TensorMismatchError(`adapter tensor ${savedDifferenceName(name)} has shape [${tensor.shape.join(', ')}], expected [${shape.join(', ')}]`);
      }
    }
  }

  /**
   * Puts the adapter's differences into the variables (see assertMatches). They are reused with `assign` while
   * the saved weights stay the same, so that their order and identity (which Adam's state follows) stay fixed.
   */
  load(weights: readonly SavedWeight[], adapter: AdapterWeights): void {
    SavedWeights.assertMatches(weights, adapter);
    const value = (name: string) => {
      const { data, shape } = adapter.get(savedDifferenceName(name))!;
      return tf.tensor(data, [...shape]);
    };
    const unchanged = this.differences.size === weights.length && weights.every(({ name }) => this.differences.has(name));
    if (unchanged) {
      tf.tidy(() => {
        for (const [name, variable] of this.differences) variable.assign(value(name));
      });
      return;
    }
    this.dispose();
    for (const { name } of weights)
      this.differences.set(
        name,
        tf.tidy(() => tf.variable(value(name))),
      );
  }

  /** Whether the weight `name` trains in full. */
  has(name: string): boolean {
    return this.differences.has(name);
  }

  /** `base` plus the trained difference of weight `name` when it trains in full, else `base` (call inside tf.tidy). */
  applyTo<R extends tf.Rank>(name: string, base: tf.Tensor<R>): tf.Tensor<R> {
    const difference = this.differences.get(name);
    return difference ? tf.add<tf.Tensor<R>>(base, difference) : base;
  }

  /** The differences as adapter tensors (copies), read asynchronously like the LoRA variables. */
  async read(): Promise<AdapterWeights> {
    const entries = [...this.differences];
    const values = await Promise.all(entries.map(([, variable]) => variable.data()));
    return makeAdapter(
      entries.map(([name, variable], i): [string, TensorData] => [
        savedDifferenceName(name),
        { shape: [...variable.shape], data: new Float32Array(values[i] as Float32Array) },
      ]),
    );
  }

  variables(): tf.Variable[] {
    return [...this.differences.values()];
  }

  dispose(): void {
    tf.dispose([...this.differences.values()]);
    this.differences = new Map();
  }
}

/**
 * Puts `adapter` into the LoRA layers and saved weights of `model`, whose weights are `shapes`; both parts are
 * checked before either loads, so that a bad adapter never half-loads.
 */
export function loadTrainable(
  model: ModelDescriptor,
  shapes: readonly [string, number[]][],
  lora: LoraConfig,
  adapter: AdapterWeights,
  layers: LoraLayers,
  saved: SavedWeights,
  baseWeight?: (modulePath: string) => BaseWeight,
): void {
  const weights = trainedBaseWeights(model, shapes, lora);
  SavedWeights.assertMatches(weights, adapter);
  if (usesLoraFactors(peftMethod(lora))) {
    layers.load(loraTargets(model, lora.targetModules), lora, makeAdapter([...adapter].filter(([name]) => savedWeightOf(name) === undefined)), baseWeight);
  } else {
    layers.dispose();
  }
  saved.load(weights, adapter);
}

/** The LoRA factors and the saved weights' differences of a model, as one adapter. */
export async function readTrainable(layers: LoraLayers, saved: SavedWeights): Promise<AdapterWeights> {
  const [factors, differences] = await Promise.all([layers.read(), saved.read()]);
  return makeAdapter([...factors, ...differences]);
}
