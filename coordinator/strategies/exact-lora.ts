/**
 * Exact LoRA aggregation (`lora.aggregation: exact`, after FLoRA, Wang et al. 2024). Averaging A and B separately
 * is not the average of the products; this aggregates the products themselves:
 *
 *   ΔW_t = ΔW_{t−1} + Σ_k p_k · s · B_k A_k,   p_k = n_k / Σ n,   s = the run's LoRA scaling,
 *
 * by stacking the factors, B = [ΔW_B, s·B_1 … s·B_K] and A = [ΔW_A; p_1·A_1; …; p_K·A_K], so that B·A is that sum
 * whatever the clients' ranks. The accumulated ΔW of every module travels beside the adapter as two frozen factors
 * (`base_delta_B`, `base_delta_A`, see shared/lora/lora.ts) that clients fold into their base weights; every round then
 * trains a fresh adapter (A drawn from a seed, B = 0). After each round the stack is re-factorised through QR and
 * an SVD of its small core (low-rank.ts), dropping only singular values at float64 rounding level: the factors
 * never exceed rank min(in, out) and stay exact to float32 storage.
 *
 * The round's PEFT checkpoint is ΔW truncated to rank r (Eckart–Young), with its relative Frobenius error in the
 * round's metrics. The strategy keeps the whole global adapter itself and persists it as its state, so a restarted
 * coordinator, and any client that joins later, continues from the same accumulated ΔW.
 */
import { adapterDigest, assertSameLayout, makeAdapter, zerosLike, type AdapterWeights, type TensorData } from '../../shared/lora/adapter.js';
import { TensorMismatchError } from '../../shared/infra/errors.js';
import {
  LORA_B_SUFFIX,
  baseDeltaTensorNames,
  initialAdapter,
  isBaseDeltaName,
  loraModulePaths,
  loraScaling,
  loraTensorNames,
  type LoraConfig,
} from '../../shared/lora/lora.js';
import { layoutAtRank, rankOf } from '../../shared/lora/lora-ranks.js';
import type { AggregationResult, ClientTrainingSettings, RoundAggregation, Strategy, StrategyState } from './strategy.js';
import { factoredSvd, matrix, truncateSvd, type Matrix } from './low-rank.js';
import { assertUpdateWeight } from './weighted-mean.js';

interface Contribution {
  readonly clientId: string;
  readonly update: AdapterWeights;
  readonly weight: number;
}

function toMatrix(t: TensorData): Matrix {
  return matrix(t.shape[0], t.shape[1], t.data);
}

function toTensor(m: Matrix): TensorData {
  return { shape: [m.rows, m.cols], data: Float32Array.from(m.data) };
}

/** Stacks factor pairs (b_i [out, r_i], a_i [r_i, in]) into b [out, Σ r_i] and a [Σ r_i, in]: b·a = Σ b_i·a_i. */
function stack(pairs: readonly { b: Matrix; a: Matrix }[], out: number, inFeatures: number): { b: Matrix; a: Matrix } {
  const rank = pairs.reduce((n, p) => n + p.a.rows, 0);
  const b = new Float64Array(out * rank);
  const a = new Float64Array(rank * inFeatures);
  let offset = 0;
  for (const pair of pairs) {
    const r = pair.a.rows;
    for (let i = 0; i < out; i++) for (let j = 0; j < r; j++) b[i * rank + offset + j] = pair.b.data[i * r + j];
    a.set(pair.a.data, offset * inFeatures);
    offset += r;
  }
  return { b: { rows: out, cols: rank, data: b }, a: { rows: rank, cols: inFeatures, data: a } };
}

/** A client's trained factor, global + update, over its own rank (float64). */
function trainedFactor(global: TensorData, update: TensorData, scale: number): Matrix {
  const m = toMatrix(update);
  const cols = global.shape[1];
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) m.data[i * m.cols + j] = scale * (global.data[i * cols + j] + m.data[i * m.cols + j]);
  return m;
}

export class ExactLora implements Strategy {
  readonly name: string;
  readonly clientSettings: ClientTrainingSettings;
  private readonly scaling: number;
  /** Fresh adapter plus base deltas: what clients train from and evaluate. */
  private global: AdapterWeights;

  /**
   * `inner` is FedAvg or FedProx (its sampling and client settings are kept; its name gains `+exact`, so that the
   * status and the dashboard tell the two aggregations apart). An initial adapter whose B is
   * not zero (a PEFT adapter to start from) is folded into the base deltas at once.
   */
  constructor(
    private readonly inner: Strategy,
    private readonly lora: LoraConfig,
    initial: AdapterWeights,
  ) {
    this.name = `${inner.name}+exact`;
    this.clientSettings = inner.clientSettings;
    this.scaling = loraScaling(lora);
    this.global = initial;
    const startsFromZero = [...initial].every(([name, t]) => !name.endsWith(LORA_B_SUFFIX) || t.data.every((v) => v === 0));
    if (!startsFromZero) this.global = this.aggregate(initial, [{ clientId: 'initial', update: zerosLike(initial), weight: 1 }]).adapter;
  }

  sampleClients: Strategy['sampleClients'] = (available, sampling, random) => this.inner.sampleClients(available, sampling, random);

  currentGlobal(): AdapterWeights {
    return this.global;
  }

  beginAggregation(trained: AdapterWeights): RoundAggregation {
    const contributions: Contribution[] = [];
    return {
      add: (clientId, update, weight) => {
        assertSameLayout(layoutAtRank(trained, rankOf(update)), update);
        assertUpdateWeight(weight);
        contributions.push({ clientId, update, weight });
      },
      get updateCount() {
        return contributions.length;
      },
      finish: () => {
        if (contributions.length === 0) throw new Error('cannot aggregate a round without updates');
        const result = this.aggregate(trained, contributions);
        this.global = result.adapter;
        return result;
      },
    };
  }

  saveState(): StrategyState {
    return this.global;
  }

  loadState(state: StrategyState): void {
    if (state.size === 0) return;
    const missing = [...this.global.keys()].filter((name) => !isBaseDeltaName(name) && !state.has(name));
    if (missing.length > 0) throw new TensorMismatchError(`the stored exact-aggregation state lacks ${missing.join(', ')}`);
    this.global = state;
  }

  /** Adds the contributions' weighted products to the base deltas; the next global adapter and the round's checkpoint. */
  private aggregate(trained: AdapterWeights, contributions: readonly Contribution[]): AggregationResult & { checkpoint: AdapterWeights } {
    // In client order, not arrival order: the same updates give the same factors, bit for bit.
    const ordered = [...contributions].sort((x, y) => (x.clientId < y.clientId ? -1 : x.clientId > y.clientId ? 1 : 0));
    const totalWeight = ordered.reduce((sum, c) => sum + c.weight, 0);
    const baseDeltas: [string, TensorData][] = [];
    const checkpoint: [string, TensorData][] = [];
    let squaredNorm = 0;
    let squaredError = 0;
    let largestRank = 0;
    for (const modulePath of loraModulePaths(trained)) {
      const names = loraTensorNames(modulePath);
      const deltaNames = baseDeltaTensorNames(modulePath);
      const freshA = trained.get(names.a)!;
      const freshB = trained.get(names.b)!;
      const [out, inFeatures] = [freshB.shape[0], freshA.shape[1]];
      const pairs: { b: Matrix; a: Matrix }[] = [];
      const previousB = this.global.get(deltaNames.b);
      const previousA = this.global.get(deltaNames.a);
      if (previousB && previousA) pairs.push({ b: toMatrix(previousB), a: toMatrix(previousA) });
      for (const { update, weight } of ordered) {
        pairs.push({ b: trainedFactor(freshB, update.get(names.b)!, this.scaling), a: trainedFactor(freshA, update.get(names.a)!, weight / totalWeight) });
      }
      const stacked = stack(pairs, out, inFeatures);
      const svd = factoredSvd(stacked.b, stacked.a);
      const rank = svd.sigma.length;
      largestRank = Math.max(largestRank, rank);
      if (rank > 0) {
        const left = matrix(out, rank);
        for (let i = 0; i < out; i++) for (let j = 0; j < rank; j++) left.data[i * rank + j] = svd.left.data[i * rank + j] * svd.sigma[j];
        baseDeltas.push([deltaNames.b, toTensor(left)], [deltaNames.a, toTensor(svd.right)]);
      }
      const truncated = truncateSvd(svd, this.lora.r, this.scaling);
      checkpoint.push([names.b, toTensor(truncated.b)], [names.a, toTensor(truncated.a)]);
      const norm2 = svd.sigma.reduce((sum, s) => sum + s * s, 0);
      squaredNorm += norm2;
      squaredError += truncated.relativeError ** 2 * norm2;
    }
    const deltas = makeAdapter(baseDeltas);
    const adapter = makeAdapter([...this.freshAdapter(trained), ...deltas]);
    return {
      adapter,
      checkpoint: makeAdapter(checkpoint),
      metrics: {
        total_weight: totalWeight,
        update_ranks: Object.fromEntries(ordered.map((c) => [c.clientId, rankOf(c.update)])),
        base_delta_rank: largestRank,
        base_delta_norm: Math.sqrt(squaredNorm),
        truncation_error: squaredNorm > 0 ? Math.sqrt(squaredError / squaredNorm) : 0,
      },
    };
  }

  /**
   * The next fresh adapter of the run's rank (A as PEFT initialises it, B = 0), seeded by the digest of the one the
   * round started from: a sequence fixed by the run's seed, whatever the clients sent.
   */
  private freshAdapter(trained: AdapterWeights): AdapterWeights {
    const targets = loraModulePaths(trained).map((modulePath) => {
      const names = loraTensorNames(modulePath);
      return { modulePath, inFeatures: trained.get(names.a)!.shape[1], outFeatures: trained.get(names.b)!.shape[0] };
    });
    return initialAdapter(targets, this.lora.r, Number.parseInt(adapterDigest(trained).slice(0, 8), 16));
  }
}
