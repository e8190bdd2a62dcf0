/**
 * Independent plain-JS (float64) forward passes of Llama, Qwen2 and GPT-2, one vector at a time, written from the
 * formulas in Hugging Face transformers' `modeling_llama.py`, `modeling_qwen2.py` and `modeling_gpt2.py`
 * (see REFERENCES.md "Architectures"). Weights are keyed by state-dict name.
 */
import type { Gpt2Config, Llama3RopeScaling, LlamaConfig } from '../../shared/model/model-config.js';

export type Vector = number[];
export type RefWeights = Map<string, Float32Array>;
export type RefLora = Map<string, { a: Float32Array; b: Float32Array; r: number; scaling: number }>;
/** A position's input: a token id, or an embedding that stands in for one (a vision-language model's image features). */
export type RefInput = number | Vector;

export function refRmsNorm(x: Vector, weight: ArrayLike<number>, eps: number): Vector {
  const meanSquare = x.reduce((s, v) => s + v * v, 0) / x.length;
  return x.map((v, i) => (v / Math.sqrt(meanSquare + eps)) * weight[i]);
}

export function refLayerNorm(x: Vector, weight: ArrayLike<number>, bias: ArrayLike<number>, eps: number): Vector {
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
  return x.map((v, i) => ((v - mean) / Math.sqrt(variance + eps)) * weight[i] + bias[i]);
}

/** transformers' `_compute_llama3_parameters`, written from its description: stretch long wavelengths only. */
function refFrequency(i: number, headDim: number, theta: number, scaling?: Llama3RopeScaling): number {
  const base = theta ** ((-2 * i) / headDim);
  if (!scaling) return base;
  const wavelength = (2 * Math.PI) / base;
  const lowWavelength = scaling.originalMaxPositionEmbeddings / scaling.lowFreqFactor;
  const highWavelength = scaling.originalMaxPositionEmbeddings / scaling.highFreqFactor;
  if (wavelength > lowWavelength) return base / scaling.factor;
  if (wavelength < highWavelength) return base;
  const smooth = (scaling.originalMaxPositionEmbeddings / wavelength - scaling.lowFreqFactor) / (scaling.highFreqFactor - scaling.lowFreqFactor);
  return (1 - smooth) * (base / scaling.factor) + smooth * base;
}

/** Rotates pairs (i, i + D/2) by position · frequency_i: the expanded form of q·cos + rotate_half(q)·sin. */
export function refRotary(x: Vector, position: number, theta: number, scaling?: Llama3RopeScaling): Vector {
  const half = x.length / 2;
  const out = [...x];
  for (let i = 0; i < half; i++) {
    const angle = position * refFrequency(i, x.length, theta, scaling);
    out[i] = x[i] * Math.cos(angle) - x[i + half] * Math.sin(angle);
    out[i + half] = x[i + half] * Math.cos(angle) + x[i] * Math.sin(angle);
  }
  return out;
}

/** q[h][t], k[j][t], v[j][t]: head vectors. Query head h reads kv head floor(h / (H/K)); keys s ≤ t only. */
export function refAttention(q: Vector[][], k: Vector[][], v: Vector[][]): Vector[][] {
  const groups = q.length / k.length;
  return q.map((headQueries, h) => {
    const kvHead = Math.floor(h / groups);
    return headQueries.map((query, t) => {
      const scores = k[kvHead].slice(0, t + 1).map((key) => dot(query, key) / Math.sqrt(query.length));
      const max = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - max));
      const total = exps.reduce((a, b) => a + b, 0);
      return query.map((_, d) => exps.reduce((s, e, j) => s + (e / total) * v[kvHead][j][d], 0));
    });
  });
}

function dot(a: Vector, b: ArrayLike<number>): number {
  return a.reduce((s, v, i) => s + v * b[i], 0);
}

/** y = W x for W stored [out, in] row-major. */
export function refMatVec(weight: ArrayLike<number>, out: number, x: Vector): Vector {
  return Array.from({ length: out }, (_, o) => x.reduce((s, v, i) => s + weight[o * x.length + i] * v, 0));
}

/** y = x W for W stored [in, out] row-major (GPT-2's Conv1D). */
function refVecMat(x: Vector, weight: ArrayLike<number>, out: number): Vector {
  return Array.from({ length: out }, (_, o) => x.reduce((s, v, i) => s + v * weight[i * out + o], 0));
}

export function withLora(y: Vector, x: Vector, path: string, lora: RefLora): Vector {
  const adapter = lora.get(path);
  if (!adapter) return y;
  const bax = refMatVec(adapter.b, y.length, refMatVec(adapter.a, adapter.r, x));
  return y.map((v, i) => v + adapter.scaling * bax[i]);
}

function splitIntoHeads(rows: Vector[], count: number, headDim: number): Vector[][] {
  return Array.from({ length: count }, (_, h) => rows.map((row) => row.slice(h * headDim, (h + 1) * headDim)));
}

/** Logits [T][V] of one Llama (or Qwen2, with biases) sequence. `lora` maps a module path to its A, B and scaling. */
export function refForward(config: LlamaConfig, weights: RefWeights, ids: readonly RefInput[], lora: RefLora = new Map()): Vector[] {
  const { hiddenSize: c, numHeads, numKvHeads, headDim, intermediateSize, rmsNormEps: eps } = config;
  const w = (name: string) => weights.get(name)!;
  const linear = (path: string, out: number, x: Vector): Vector => {
    const bias = weights.get(`${path}.bias`);
    const y = refMatVec(w(`${path}.weight`), out, x).map((v, i) => v + (bias ? bias[i] : 0));
    return withLora(y, x, path, lora);
  };
  const heads = (rows: Vector[], count: number) => splitIntoHeads(rows, count, headDim);

  let hidden = ids.map((id) => (typeof id === 'number' ? Array.from(w('model.embed_tokens.weight').subarray(id * c, (id + 1) * c)) : [...id]));
  for (let layer = 0; layer < config.numLayers; layer++) {
    const p = `model.layers.${layer}`;
    const x = hidden.map((row) => refRmsNorm(row, w(`${p}.input_layernorm.weight`), eps));
    const q = heads(
      x.map((row) => linear(`${p}.self_attn.q_proj`, numHeads * headDim, row)),
      numHeads,
    );
    const k = heads(
      x.map((row) => linear(`${p}.self_attn.k_proj`, numKvHeads * headDim, row)),
      numKvHeads,
    );
    const v = heads(
      x.map((row) => linear(`${p}.self_attn.v_proj`, numKvHeads * headDim, row)),
      numKvHeads,
    );
    const rotate = (hs: Vector[][]) => hs.map((rows) => rows.map((row, t) => refRotary(row, t, config.ropeTheta, config.ropeScaling)));
    const attended = refAttention(rotate(q), rotate(k), v);
    const merged = ids.map((_, t) => attended.flatMap((head) => head[t]));
    const attentionOut = merged.map((row) => linear(`${p}.self_attn.o_proj`, c, row));
    hidden = hidden.map((row, t) => row.map((value, i) => value + attentionOut[t][i]));

    const m = hidden.map((row) => refRmsNorm(row, w(`${p}.post_attention_layernorm.weight`), eps));
    const mlpOut = m.map((row) => {
      const gate = linear(`${p}.mlp.gate_proj`, intermediateSize, row);
      const up = linear(`${p}.mlp.up_proj`, intermediateSize, row);
      const activated = gate.map((g, i) => (g / (1 + Math.exp(-g))) * up[i]);
      return linear(`${p}.mlp.down_proj`, c, activated);
    });
    hidden = hidden.map((row, t) => row.map((value, i) => value + mlpOut[t][i]));
  }
  const head = config.tieWordEmbeddings ? w('model.embed_tokens.weight') : w('lm_head.weight');
  return hidden.map((row) => refMatVec(head, config.vocabSize, refRmsNorm(row, w('model.norm.weight'), eps)));
}

/** gelu_new: 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))). */
function refGeluNew(x: number): number {
  return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
}

/** Logits [T][V] of one GPT-2 sequence; weights by GPT2LMHeadModel state-dict name (`transformer.` prefix). */
export function refGpt2Forward(config: Gpt2Config, weights: RefWeights, ids: readonly RefInput[], lora: RefLora = new Map()): Vector[] {
  const { hiddenSize: c, numHeads, headDim, intermediateSize, layerNormEps: eps } = config;
  const w = (name: string) => weights.get(name)!;
  const conv1d = (path: string, out: number, x: Vector): Vector => {
    const bias = w(`${path}.bias`);
    return withLora(
      refVecMat(x, w(`${path}.weight`), out).map((v, i) => v + bias[i]),
      x,
      path,
      lora,
    );
  };
  const norm = (row: Vector, name: string) => refLayerNorm(row, w(`${name}.weight`), w(`${name}.bias`), eps);
  let hidden = ids.map((id, t) => {
    const token = typeof id === 'number' ? w('transformer.wte.weight').subarray(id * c, (id + 1) * c) : id;
    const position = w('transformer.wpe.weight').subarray(t * c, (t + 1) * c);
    return Array.from(token, (v, i) => v + position[i]);
  });
  for (let layer = 0; layer < config.numLayers; layer++) {
    const p = `transformer.h.${layer}`;
    const qkv = hidden.map((row) => conv1d(`${p}.attn.c_attn`, 3 * c, norm(row, `${p}.ln_1`)));
    const part = (index: number) =>
      splitIntoHeads(
        qkv.map((row) => row.slice(index * c, (index + 1) * c)),
        numHeads,
        headDim,
      );
    const attended = refAttention(part(0), part(1), part(2));
    const merged = ids.map((_, t) => attended.flatMap((head) => head[t]));
    const attentionOut = merged.map((row) => conv1d(`${p}.attn.c_proj`, c, row));
    hidden = hidden.map((row, t) => row.map((value, i) => value + attentionOut[t][i]));
    const mlpOut = hidden.map((row) => {
      const activated = conv1d(`${p}.mlp.c_fc`, intermediateSize, norm(row, `${p}.ln_2`)).map(refGeluNew);
      return conv1d(`${p}.mlp.c_proj`, c, activated);
    });
    hidden = hidden.map((row, t) => row.map((value, i) => value + mlpOut[t][i]));
  }
  return hidden.map((row) => refMatVec(w('transformer.wte.weight'), config.vocabSize, norm(row, 'transformer.ln_f')));
}
