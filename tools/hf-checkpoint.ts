/**
 * Small Hugging Face checkpoints written the way the Hub stores them — `config.json`, `model.safetensors` (or
 * shards with `model.safetensors.index.json`), `tokenizer.json` (byte-level BPE), `tokenizer_config.json` — with
 * seeded random weights, for tests and benchmarks that must not download anything.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Gpt2Config, LlamaConfig } from '../shared/model/model-config.js';
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
