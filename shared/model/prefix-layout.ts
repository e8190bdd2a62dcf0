/**
 * Prefix-tuning's layout for a model: how many layers, heads and head dimensions its trained keys and values span,
 * and the tensors of a prefix adapter, as PEFT lays them out.
 */
import { ConfigError } from '../infra/errors.js';
import { PREFIX_ENCODER, PROMPT_EMBEDDINGS, type PeftSpec } from '../lora/peft-method.js';
import type { ModelDescriptor } from './model-config.js';

/** Prefix-tuning's per-layer keys and values, as PEFT lays them out for `model`. */
export interface PrefixLayout {
  readonly numLayers: number;
  /** Heads of the prefix: num_key_value_heads where the config has it (PEFT's grouped-query layout), else the heads. */
  readonly heads: number;
  readonly headDim: number;
  /** PEFT's token_dim: heads · headDim. */
  readonly tokenDim: number;
}

export function prefixLayout(model: ModelDescriptor): PrefixLayout {
  if (model.architecture === 'llava') throw new ConfigError(`prefix-tuning is for text models, and ${model.id} is a vision-language model`);
  const { numLayers, headDim } = model.config;
  const heads = model.architecture === 'gpt2' ? model.config.numHeads : model.config.numKvHeads;
  return { numLayers, heads, headDim, tokenDim: heads * headDim };
}

/** The tensors of a prefix adapter with their shapes: the embedding itself, or PEFT's PrefixEncoder with projection. */
export function prefixTensorShapes(spec: PeftSpec, layout: PrefixLayout): [string, number[]][] {
  const count = spec.numVirtualTokens;
  const width = layout.numLayers * 2 * layout.tokenDim;
  if (!spec.prefixProjection) return [[PROMPT_EMBEDDINGS, [count, width]]];
  const hidden = encoderHiddenSize(spec, layout);
  return [
    [PREFIX_ENCODER.embedding, [count, layout.tokenDim]],
    [PREFIX_ENCODER.firstWeight, [hidden, layout.tokenDim]],
    [PREFIX_ENCODER.firstBias, [hidden]],
    [PREFIX_ENCODER.secondWeight, [width, hidden]],
    [PREFIX_ENCODER.secondBias, [width]],
  ];
}

/** PEFT's encoder_hidden_size, token_dim when left at 0. */
export function encoderHiddenSize(spec: PeftSpec, layout: PrefixLayout): number {
  return spec.encoderHiddenSize || layout.tokenDim;
}
