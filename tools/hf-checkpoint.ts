/**
 * Small Hugging Face checkpoints written the way the Hub stores them — `config.json`, `model.safetensors` (or
 * shards with `model.safetensors.index.json`), `tokenizer.json` (byte-level BPE), `tokenizer_config.json` — with
 * seeded random weights, for tests and benchmarks that must not download anything.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Gpt2Config, LlamaConfig, LlavaConfig, LlavaLayout, VisionConfig } from '../shared/model/model-config.js';
import { SeededRandom } from '../shared/infra/random.js';
import { decodeSafetensors, encodeSafetensors, type WritableDtype } from '../shared/model/safetensors.js';

/** GPT-2's byte ↔ printable-character table (`bytes_to_unicode`), the alphabet of byte-level BPE. */
function byteAlphabet(): string[] {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const chars: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) chars[b] = printable.includes(b) ? String.fromCharCode(b) : String.fromCharCode(256 + extra++);
  return chars;
}

export const CHATML_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** Byte tokens 0–255, two merges (ids 256, 257), then the special tokens. */
export const SPECIAL_TOKENS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>', '<s>'] as const;
export const TOKENIZER_VOCAB = 258 + SPECIAL_TOKENS.length;

export interface TokenizerSpec {
  /** Prepend `<s>` through the post-processor, as Llama tokenizers do; the chat template then writes `{{ bos_token }}`. */
  readonly addsBos: boolean;
  readonly chatTemplate?: string;
  /** Write only `model_max_length`, as the original GPT-2 files do (their special tokens are class defaults). */
  readonly bareConfig?: boolean;
}

export function writeTokenizer(dir: string, spec: TokenizerSpec): void {
  const alphabet = byteAlphabet();
  const vocab: Record<string, number> = { ...Object.fromEntries(alphabet.map((char, id) => [char, id])), 'Ġt': 256, he: 257 };
  const specialIds = Object.fromEntries(SPECIAL_TOKENS.map((token, i) => [token, 258 + i]));
  const addedTokens = SPECIAL_TOKENS.map((content) => ({
    id: specialIds[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
  }));
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
  const postProcessor = spec.addsBos
    ? {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
        pair: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }],
        special_tokens: { '<s>': { id: '<s>', ids: [specialIds['<s>']], tokens: ['<s>'] } },
      }
    : byteLevel;
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens,
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: postProcessor,
    decoder: byteLevel,
    model: {
      type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null,
      fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab, merges: ['Ġ t', 'h e'],
    },
  };
  const config = spec.bareConfig ? { model_max_length: 1024 } : {
    bos_token: spec.addsBos ? '<s>' : null,
    eos_token: '<|endoftext|>',
    pad_token: '<|endoftext|>',
    model_max_length: 2048,
    tokenizer_class: 'PreTrainedTokenizerFast',
    ...(spec.chatTemplate ? { chat_template: spec.chatTemplate } : {}),
  };
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tokenizer));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify(config));
}

export type Architecture = 'LlamaForCausalLM' | 'Qwen2ForCausalLM' | 'GPT2LMHeadModel';

export interface CheckpointSpec {
  readonly hfConfig: Record<string, unknown>;
  /** Tensors as stored: state-dict name → [shape, values]. */
  readonly tensors: ReadonlyMap<string, { shape: number[]; data: Float32Array }>;
  readonly dtype?: WritableDtype;
  /** Split the tensors over this many `model-0000i-of-0000n.safetensors` files. */
  readonly shards?: number;
  readonly tokenizer: TokenizerSpec;
}

/**
 * Writes the checkpoint and returns its weights as they decode from disk (rounded to the stored dtype), keyed
 * by stored name, for an independent reference computation.
 */
export function writeCheckpoint(dir: string, spec: CheckpointSpec): Map<string, Float32Array> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(spec.hfConfig, null, 2));
  writeTokenizer(dir, spec.tokenizer);
  const entries = [...spec.tensors];
  const shards = spec.shards ?? 1;
  const decoded = new Map<string, Float32Array>();
  const weightMap: Record<string, string> = {};
  for (let shard = 0; shard < shards; shard++) {
    const part = entries.filter((_, i) => i % shards === shard);
    const file = shards === 1 ? 'model.safetensors' : `model-${String(shard + 1).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}.safetensors`;
    const bytes = encodeSafetensors(part, { format: 'pt' }, spec.dtype ?? 'F32');
    writeFileSync(join(dir, file), bytes);
    for (const [name, tensor] of decodeSafetensors(bytes).tensors) {
      decoded.set(name, new Float32Array(tensor.data));
      weightMap[name] = file;
    }
  }
  if (shards > 1) writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: { total_size: 0 }, weight_map: weightMap }));
  return decoded;
}

/** Normal weights (std `std`), norms around 1, biases small: every part of the network moves the logits. */
export function randomTensors(shapes: readonly [string, number[]][], seed: number, std: number): Map<string, { shape: number[]; data: Float32Array }> {
  const random = new SeededRandom(seed);
  return new Map(
    shapes.map(([name, shape]) => {
      const data = random.fillNormal(new Float32Array(shape.reduce((n, d) => n * d, 1)), std);
      if (/(norm|ln_\d|ln_f)\.weight$/.test(name)) data.forEach((v, i) => (data[i] = 1 + v));
      return [name, { shape, data }];
    }),
  );
}

export function llamaHfConfig(config: LlamaConfig, architecture: 'LlamaForCausalLM' | 'Qwen2ForCausalLM', extra: Record<string, unknown> = {}) {
  return {
    architectures: [architecture],
    model_type: architecture === 'Qwen2ForCausalLM' ? 'qwen2' : 'llama',
    vocab_size: config.vocabSize,
    hidden_size: config.hiddenSize,
    intermediate_size: config.intermediateSize,
    num_hidden_layers: config.numLayers,
    num_attention_heads: config.numHeads,
    num_key_value_heads: config.numKvHeads,
    head_dim: config.headDim,
    rms_norm_eps: config.rmsNormEps,
    rope_theta: config.ropeTheta,
    max_position_embeddings: config.maxPositionEmbeddings,
    tie_word_embeddings: config.tieWordEmbeddings,
    hidden_act: 'silu',
    torch_dtype: 'float32',
    transformers_version: '4.46.0',
    ...extra,
  };
}

export function gpt2HfConfig(config: Gpt2Config) {
  return {
    architectures: ['GPT2LMHeadModel'],
    model_type: 'gpt2',
    vocab_size: config.vocabSize,
    n_embd: config.hiddenSize,
    n_layer: config.numLayers,
    n_head: config.numHeads,
    n_positions: config.maxPositionEmbeddings,
    n_inner: null,
    activation_function: 'gelu_new',
    layer_norm_epsilon: config.layerNormEps,
  };
}

/** A GPT-2 small enough for tests: 2 layers of width 16. */
export const TINY_GPT2: Gpt2Config = {
  vocabSize: 270,
  hiddenSize: 16,
  intermediateSize: 64,
  numLayers: 2,
  numHeads: 4,
  headDim: 4,
  layerNormEps: 1e-5,
  maxPositionEmbeddings: 32,
};

/** SmolLM2-135M's configuration (HuggingFaceTB/SmolLM2-135M config.json). */
export const SMOLLM2_135M: LlamaConfig = {
  vocabSize: 49152,
  hiddenSize: 576,
  intermediateSize: 1536,
  numLayers: 30,
  numHeads: 9,
  numKvHeads: 3,
  headDim: 64,
  rmsNormEps: 1e-5,
  ropeTheta: 100000,
  maxPositionEmbeddings: 8192,
  tieWordEmbeddings: true,
};

/**
 * A tiny Llama with every feature the references check: GQA (4 query heads on 2 kv heads), an untied lm_head and a
 * vocabulary above the byte tokenizer's; also the language model of the tiny LLaVA checkpoints of the tests.
 */
export const TINY_GQA_LLAMA: LlamaConfig = {
  vocabSize: 270,
  hiddenSize: 16,
  intermediateSize: 24,
  numLayers: 2,
  numHeads: 4,
  numKvHeads: 2,
  headDim: 4,
  rmsNormEps: 1e-5,
  ropeTheta: 100,
  maxPositionEmbeddings: 32,
  tieWordEmbeddings: false,
};

/**
 * A Llama shape whose LoRA adapters are large while the model stays a config: q and v over 4 layers of width 4096
 * hold 4 × 2 × r × 8192 values (4 MiB at r 16, 50 MiB at r 200, 256 MiB at r 1024).
 */
export const WIDE_LLAMA: LlamaConfig = {
  vocabSize: 259,
  hiddenSize: 4096,
  intermediateSize: 64,
  numLayers: 4,
  numHeads: 32,
  numKvHeads: 32,
  headDim: 128,
  rmsNormEps: 1e-5,
  ropeTheta: 10000,
  maxPositionEmbeddings: 64,
  tieWordEmbeddings: true,
  initSeed: 1,
};

/** A CLIP tower small enough for tests: 8 × 8 images in 4 × 4 patches (4 patches and a class token), 3 layers. */
export const TINY_CLIP_VISION: VisionConfig = {
  architecture: 'clip',
  hiddenSize: 8,
  intermediateSize: 12,
  numLayers: 3,
  numHeads: 2,
  headDim: 4,
  imageSize: 8,
  patchSize: 4,
  layerNormEps: 1e-5,
  hiddenAct: 'quick_gelu',
};

/** A SigLIP tower small enough for tests: 8 × 8 images in 4 × 4 patches, 2 layers. */
export const TINY_SIGLIP_VISION: VisionConfig = { ...TINY_CLIP_VISION, architecture: 'siglip', numLayers: 2, layerNormEps: 1e-6, hiddenAct: 'gelu_pytorch_tanh' };

export function visionHfConfig(vision: VisionConfig) {
  return {
    model_type: vision.architecture === 'clip' ? 'clip_vision_model' : 'siglip_vision_model',
    hidden_size: vision.hiddenSize,
    intermediate_size: vision.intermediateSize,
    num_hidden_layers: vision.numLayers,
    num_attention_heads: vision.numHeads,
    image_size: vision.imageSize,
    patch_size: vision.patchSize,
    layer_norm_eps: vision.layerNormEps,
    hidden_act: vision.hiddenAct,
    num_channels: 3,
  };
}

/** Every tensor CLIPVisionModel or SiglipVisionModel stores (SigLIP's pooling head left out), by state-dict name. */
export function visionTensorShapes(vision: VisionConfig): [string, number[]][] {
  const { hiddenSize: c, intermediateSize: inner, patchSize: p } = vision;
  const patches = (vision.imageSize / p) ** 2;
  const clip = vision.architecture === 'clip';
  const shapes: [string, number[]][] = [
    ['vision_model.embeddings.patch_embedding.weight', [c, 3, p, p]],
    ['vision_model.embeddings.position_embedding.weight', [clip ? patches + 1 : patches, c]],
    ...(clip
      ? ([
          ['vision_model.embeddings.class_embedding', [c]],
          ['vision_model.pre_layrnorm.weight', [c]],
          ['vision_model.pre_layrnorm.bias', [c]],
        ] as [string, number[]][])
      : ([['vision_model.embeddings.patch_embedding.bias', [c]]] as [string, number[]][])),
    ['vision_model.post_layernorm.weight', [c]],
    ['vision_model.post_layernorm.bias', [c]],
  ];
  for (let layer = 0; layer < vision.numLayers; layer++) {
    const prefix = `vision_model.encoder.layers.${layer}`;
    for (const [module, out, inp] of [
      ['self_attn.q_proj', c, c],
      ['self_attn.k_proj', c, c],
      ['self_attn.v_proj', c, c],
      ['self_attn.out_proj', c, c],
      ['mlp.fc1', inner, c],
      ['mlp.fc2', c, inner],
    ] as const) {
      shapes.push([`${prefix}.${module}.weight`, [out, inp]], [`${prefix}.${module}.bias`, [out]]);
    }
    for (const norm of ['layer_norm1', 'layer_norm2']) shapes.push([`${prefix}.${norm}.weight`, [c]], [`${prefix}.${norm}.bias`, [c]]);
  }
  return shapes;
}

export interface LlavaCheckpointSpec {
  readonly text: { readonly hfConfig: Record<string, unknown>; readonly shapes: readonly [string, number[]][] };
  readonly vision: VisionConfig;
  readonly layout: LlavaLayout;
  /** Fields of config.json beyond text_config and vision_config (image_token_index, vision_feature_layer, ...). */
  readonly extra: Record<string, unknown>;
  /** Input width of linear_1: the vision hidden size times the number of feature layers. */
  readonly featureSize: number;
  readonly seed: number;
}

/**
 * The tensors of LlavaForConditionalGeneration as stored in `layout`: the text model's under `language_model.`
 * (legacy) or `model.language_model.` without the text model's own top module, with lm_head at the top (current).
 */
export function llavaTensors(spec: LlavaCheckpointSpec): Map<string, { shape: number[]; data: Float32Array }> {
  const width = (spec.text.hfConfig.hidden_size ?? spec.text.hfConfig.n_embd) as number;
  const legacy = spec.layout === 'legacy';
  const vision = legacy ? 'vision_tower.' : 'model.vision_tower.';
  const projector = legacy ? 'multi_modal_projector.' : 'model.multi_modal_projector.';
  const textName = (name: string) => (legacy ? `language_model.${name}` : name.startsWith('lm_head.') ? name : name.replace(/^(model|transformer)\./, 'model.language_model.'));
  const shapes: [string, number[]][] = [
    ...visionTensorShapes(spec.vision).map(([name, shape]): [string, number[]] => [`${vision}${name}`, shape]),
    [`${projector}linear_1.weight`, [width, spec.featureSize]],
    [`${projector}linear_1.bias`, [width]],
    [`${projector}linear_2.weight`, [width, width]],
    [`${projector}linear_2.bias`, [width]],
    ...spec.text.shapes.map(([name, shape]): [string, number[]] => [textName(name), shape]),
  ];
  return randomTensors(shapes, spec.seed, 0.3);
}

export function llavaHfConfig(spec: LlavaCheckpointSpec) {
  return {
    architectures: ['LlavaForConditionalGeneration'],
    model_type: 'llava',
    text_config: spec.text.hfConfig,
    vision_config: visionHfConfig(spec.vision),
    transformers_version: spec.layout === 'legacy' ? '4.46.0' : '4.53.0',
    ...spec.extra,
  };
}

/** preprocessor_config.json of a CLIP (shortest edge, then centre crop) or SigLIP (fixed size) image processor. */
export function writePreprocessorConfig(dir: string, vision: VisionConfig): void {
  const size = vision.imageSize;
  const common = { do_resize: true, do_rescale: true, rescale_factor: 1 / 255, do_normalize: true, resample: 3 };
  const config =
    vision.architecture === 'clip'
      ? {
          ...common,
          image_processor_type: 'CLIPImageProcessor',
          size: { shortest_edge: size },
          do_center_crop: true,
          crop_size: { height: size, width: size },
          image_mean: [0.48145466, 0.4578275, 0.40821073],
          image_std: [0.26862954, 0.26130258, 0.27577711],
        }
      : { ...common, image_processor_type: 'SiglipImageProcessor', size: { height: size, width: size }, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5] };
  writeFileSync(join(dir, 'preprocessor_config.json'), JSON.stringify(config, null, 2));
}

/** openai/clip-vit-base-patch16's vision_config over HuggingFaceTB/SmolLM2-135M's config, with llava-1.5's feature choice. */
export const CLIP_B16_SMOLLM2: LlavaConfig = {
  text: { architecture: 'llama', config: SMOLLM2_135M },
  vision: {
    architecture: 'clip',
    hiddenSize: 768,
    intermediateSize: 3072,
    numLayers: 12,
    numHeads: 12,
    headDim: 64,
    imageSize: 224,
    patchSize: 16,
    layerNormEps: 1e-5,
    hiddenAct: 'quick_gelu',
  },
  projectorHiddenAct: 'gelu',
  projectorBias: true,
  imageTokenId: 49151,
  visionFeatureLayers: [11],
  visionFeatureSelectStrategy: 'default',
  imageSeqLength: 196,
  layout: 'current',
  initSeed: 1,
};
