/**
 * Heterogeneous ranks: a client may train fewer rank components than the run's `lora.r` (a smaller memory, a
 * slower machine). It trains the leading `rank` components of the global adapter (the first rows of every A, the
 * first columns of every B) with the run's scaling, so that its adapter is the global one truncated. The
 * coordinator zero-pads such an update back to `lora.r` (HetLoRA, Cho et al. 2024), or stacks it at its own rank
 * with exact aggregation.
 */
import { makeAdapter, type AdapterLayout, type AdapterWeights, type TensorData } from './adapter.js';
import { TensorMismatchError } from '../infra/errors.js';
import { LORA_A_SUFFIX, LORA_B_SUFFIX, loraScaling, type LoraConfig } from './lora.js';

/** The rank a client trains: what it asked for (0: the run's), at most the run's. */
export function effectiveRank(requested: number, runRank: number): number {
  return requested === 0 ? runRank : Math.min(requested, runRank);
}

/** Copies the leading `count` columns of a row-major [rows, cols] tensor into [rows, width] (zeros beyond). */
function resizeColumns(t: TensorData, count: number, width: number): TensorData {
  const [rows, cols] = t.shape;
  const data = new Float32Array(rows * width);
  for (let i = 0; i < rows; i++) data.set(t.data.subarray(i * cols, i * cols + count), i * width);
  return { shape: [rows, width], data };
}

/**
 * The names and shapes of `truncateRank(adapter, rank)`, without copying any data: what an update of that rank
 * is checked against.
 */
export function layoutAtRank(adapter: AdapterWeights, rank: number): AdapterLayout {
  return new Map(
    [...adapter].map(([name, { shape }]) => {
      if (name.endsWith(LORA_A_SUFFIX)) return [name, { shape: [Math.min(rank, shape[0]), shape[1]] }];
      if (name.endsWith(LORA_B_SUFFIX)) return [name, { shape: [shape[0], Math.min(rank, shape[1])] }];
      return [name, { shape }];
    }),
  );
}

/** The adapter's LoRA factors cut to their leading `rank` components; other tensors unchanged. */
export function truncateRank(adapter: AdapterWeights, rank: number): AdapterWeights {
  return makeAdapter(
    [...adapter].map(([name, t]): [string, TensorData] => {
      if (name.endsWith(LORA_A_SUFFIX) && t.shape[0] > rank) return [name, { shape: [rank, t.shape[1]], data: t.data.slice(0, rank * t.shape[1]) }];
      if (name.endsWith(LORA_B_SUFFIX) && t.shape[1] > rank) return [name, resizeColumns(t, rank, rank)];
      return [name, t];
    }),
  );
}

/**
 * What a client of rank `rank` trains from the global adapter: the adapter truncated to that rank and a LoRA
 * config of that rank whose alpha keeps the run's scaling (a truncated adapter then contributes exactly its
 * components of the global product).
 */
export function atRank(adapter: AdapterWeights, lora: LoraConfig, rank: number): { adapter: AdapterWeights; lora: LoraConfig } {
  if (rank >= lora.r) return { adapter, lora };
  const alpha = loraScaling(lora) * (lora.useRslora ? Math.sqrt(rank) : rank);
  return { adapter: truncateRank(adapter, rank), lora: { ...lora, r: rank, alpha } };
}

/** The rank of an adapter's LoRA factors (rows of its first lora_A, or columns of its first lora_B). */
export function rankOf(adapter: AdapterWeights): number {
  for (const [name, t] of adapter) {
    if (name.endsWith(LORA_A_SUFFIX)) return t.shape[0];
    if (name.endsWith(LORA_B_SUFFIX)) return t.shape[1];
  }
  throw new TensorMismatchError('the adapter holds no LoRA factors');
}

/** A lower-rank update zero-padded to the shapes of `layout` (HetLoRA): the missing components do not move. */
export function zeroPadRank(update: AdapterWeights, layout: AdapterWeights): AdapterWeights {
  return makeAdapter(
    [...update].map(([name, t]): [string, TensorData] => {
      const target = layout.get(name);
      if (!target || (target.shape[0] === t.shape[0] && target.shape[1] === t.shape[1])) return [name, t];
      if (name.endsWith(LORA_A_SUFFIX) && t.shape[0] < target.shape[0] && t.shape[1] === target.shape[1]) {
        const data = new Float32Array(target.data.length);
        data.set(t.data);
        return [name, { shape: [...target.shape], data }];
      }
      if (name.endsWith(LORA_B_SUFFIX) && t.shape[1] < target.shape[1] && t.shape[0] === target.shape[0]) {
        return [name, resizeColumns(t, t.shape[1], target.shape[1])];
      }
      throw new TensorMismatchError(`tensor ${name} has shape [${t.shape.join(', ')}], which does not pad to [${target.shape.join(', ')}]`);
    }),
  );
}
