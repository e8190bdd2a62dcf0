/**
 * Independent plain-JS (float64) forward passes of CLIP's and SigLIP's vision towers and of LLaVA's projector and
 * feature splicing, one vector at a time, written from transformers' `modeling_clip.py`, `modeling_siglip.py` and
 * `modeling_llava.py`: the patch conv as an explicit loop over the kernel, attention over all positions.
 */
import type { VisionConfig } from '../../shared/model/model-config.js';
import { refLayerNorm, refMatVec, withLora, type RefLora, type Vector } from './reference.js';

/** Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

export function refActivation(name: string): (x: number) => number {
  switch (name) {
    case 'gelu':
      return (x) => 0.5 * x * (1 + erf(x / Math.SQRT2));
    case 'quick_gelu':
      return (x) => x / (1 + Math.exp(-1.702 * x));
    case 'gelu_pytorch_tanh':
      return (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
    default:
      throw new Error(`no reference for ${name}`);
  }
}

/**
 * hidden_states of one image (pixels [3, H, W] row-major): index 0 the embeddings (after CLIP's pre_layrnorm),
 * index i the output of layer i. `w` reads CLIPVisionModel / SiglipVisionModel names; LoRA keys are `prefix` + path.
 */
export function refVisionHiddenStates(
  vision: VisionConfig,
  w: (name: string) => Float32Array,
  pixels: Float32Array,
  lora: RefLora,
  prefix: string,
): Vector[][] {
  const { hiddenSize: c, patchSize: p, imageSize, numHeads, headDim, layerNormEps: eps } = vision;
  const side = imageSize / p;
  const clip = vision.architecture === 'clip';
  const conv = w('vision_model.embeddings.patch_embedding.weight');
  let hidden: Vector[] = [];
  for (let gy = 0; gy < side; gy++) {
    for (let gx = 0; gx < side; gx++) {
      hidden.push(
        Array.from({ length: c }, (_, o) => {
          let sum = clip ? 0 : w('vision_model.embeddings.patch_embedding.bias')[o];
          for (let ch = 0; ch < 3; ch++)
            for (let ky = 0; ky < p; ky++)
              for (let kx = 0; kx < p; kx++) sum += conv[((o * 3 + ch) * p + ky) * p + kx] * pixels[(ch * imageSize + gy * p + ky) * imageSize + gx * p + kx];
          return sum;
        }),
      );
    }
  }
  if (clip) hidden.unshift(Array.from(w('vision_model.embeddings.class_embedding')));
  const positions = w('vision_model.embeddings.position_embedding.weight');
  hidden = hidden.map((row, s) => row.map((v, i) => v + positions[s * c + i]));
  if (clip) hidden = hidden.map((row) => refLayerNorm(row, w('vision_model.pre_layrnorm.weight'), w('vision_model.pre_layrnorm.bias'), eps));
  const states = [hidden];
  const act = refActivation(vision.hiddenAct);
  for (let layer = 0; layer < vision.numLayers; layer++) {
    const path = `vision_model.encoder.layers.${layer}`;
    const linear = (module: string, out: number, x: Vector) =>
      withLora(
        refMatVec(w(`${path}.${module}.weight`), out, x).map((v, i) => v + w(`${path}.${module}.bias`)[i]),
        x,
        `${prefix}${path}.${module}`,
        lora,
      );
    const norm = (row: Vector, name: string) => refLayerNorm(row, w(`${path}.${name}.weight`), w(`${path}.${name}.bias`), eps);
    const x = hidden.map((row) => norm(row, 'layer_norm1'));
    const q = x.map((row) => linear('self_attn.q_proj', c, row));
    const k = x.map((row) => linear('self_attn.k_proj', c, row));
    const v = x.map((row) => linear('self_attn.v_proj', c, row));
    const attended = q.map((query) => {
      const out = new Array<number>(c).fill(0);
      for (let h = 0; h < numHeads; h++) {
        const slice = (row: Vector) => row.slice(h * headDim, (h + 1) * headDim);
        const scores = k.map((key) => slice(query).reduce((s, qv, d) => s + qv * slice(key)[d], 0) / Math.sqrt(headDim));
        const max = Math.max(...scores);
        const exps = scores.map((s) => Math.exp(s - max));
        const total = exps.reduce((a, b) => a + b, 0);
        for (let d = 0; d < headDim; d++) out[h * headDim + d] = exps.reduce((s, e, j) => s + (e / total) * v[j][h * headDim + d], 0);
      }
      return out;
    });
    hidden = hidden.map((row, s) => row.map((value, i) => value + linear('self_attn.out_proj', c, attended[s])[i]));
    hidden = hidden.map((row) => {
      const inner = linear('mlp.fc1', vision.intermediateSize, norm(row, 'layer_norm2')).map(act);
      return row.map((value, i) => value + linear('mlp.fc2', c, inner)[i]);
    });
    states.push(hidden);
  }
  return states;
}

export interface RefLlava {
  readonly vision: VisionConfig;
  /** Non-negative hidden-state indices. */
  readonly featureLayers: readonly number[];
  readonly dropFirst: boolean;
  readonly projectorAct: string;
  readonly textWidth: number;
}

/** Projected features of one image, [P][C]: the feature layers concatenated per position, then linear_1, act, linear_2. */
export function refImageEmbeddings(
  llava: RefLlava,
  w: (name: string) => Float32Array,
  pixels: Float32Array,
  lora: RefLora,
  prefixes: { vision: string; projector: string },
): Vector[] {
  const states = refVisionHiddenStates(llava.vision, (name) => w(`${prefixes.vision}${name}`), pixels, lora, prefixes.vision);
  let features = states[llava.featureLayers[0]].map((_, s) => llava.featureLayers.flatMap((layer) => states[layer][s]));
  if (llava.dropFirst) features = features.slice(1);
  const act = refActivation(llava.projectorAct);
  const width = llava.textWidth;
  const linear = (name: string, x: Vector) =>
    refMatVec(w(`${prefixes.projector}${name}.weight`), width, x).map((v, i) => v + w(`${prefixes.projector}${name}.bias`)[i]);
  return features.map((row) => linear('linear_2', linear('linear_1', row).map(act)));
}
