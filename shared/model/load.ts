/**
 * A model ready to run: built-in weights generated from their seed, or a Hugging Face checkpoint read tensor by
 * tensor straight into the tfjs backend, so that the weights never exist twice in memory. With `quantize`, each
 * linear projection is quantised as it is read: the float32 model never exists whole.
 */
import * as tf from '@tensorflow/tfjs';
import { CheckpointError, ConfigError } from '../infra/errors.js';
import type { Logger } from '../infra/log.js';
import { holdsMagnitudeOffsets, shiftMagnitudes } from '../lora/dora.js';
import { peftMethod } from '../lora/lora.js';
import { adapterBaseMismatch, readPeftAdapter, type PeftAdapter } from '../lora/peft.js';
import { holdsPromptOffsets, withTextEmbeddings } from '../lora/prompt-text-init.js';
import { adapterInRunLayout, modelWeightShapes } from './base-weights.js';
import type { BaseWeight, CausalLM } from './causal-lm.js';
import { readCheckpointTensors } from './checkpoint.js';
import { resolveModel, wantedWeightName, textModelConfig, type LlavaDescriptor, type ModelDescriptor } from './model-config.js';
import { LlavaModel, seededLlavaWeights } from './llava.js';
import { HfTokenizer } from './hf-tokenizer.js';
import { Gpt2Model } from './gpt2.js';
import { createModel, LlamaModel } from './llama.js';
import { ByteTokenizer, type Tokenizer } from './tokenizer.js';
import { assertWebGpuHealthy } from './webgpu-backend.js';
import { type Quantization, type WeightStore, weightPlacement, weightStore } from './quantize.js';

export async function loadModel(descriptor: ModelDescriptor, quantize?: Quantization): Promise<CausalLM> {
  const dir = descriptor.checkpointDir;
  const store = weightStore(descriptor, quantize);
  if (dir === undefined) {
    if (descriptor.architecture === 'gpt2') throw new ConfigError(`model ${descriptor.id}: GPT-2 models are read from a checkpoint directory`);
    const model = descriptor.architecture === 'llava' ? createLlavaModel(descriptor, store) : createModel(descriptor, store);
    try {
      await assertWebGpuHealthy(`loading model ${descriptor.id} onto the GPU`);
    } catch (error) {
      model.dispose();
      throw error;
    }
    return model;
  }
  const expected = new Set(modelWeightShapes(descriptor).map(([name]) => name));
  // Tensors the model does not use (a tied lm_head stored anyway, GPT-2's mask buffers) are never read.
  const rename = wantedWeightName(descriptor, expected);
  const weights = new Map<string, BaseWeight>();
  try {
    const place = weightPlacement(descriptor, quantize, (name, tensor) => weights.set(name, tensor));
    await readCheckpointTensors(dir, rename, (name, tensor) => weights.set(name, store(name, tensor.data, tensor.shape)), place);
    await assertWebGpuHealthy(`loading model ${descriptor.id} onto the GPU`);
    if (descriptor.architecture === 'llava') return new LlavaModel(descriptor, weights);
    return descriptor.architecture === 'gpt2' ? new Gpt2Model(descriptor, weights) : new LlamaModel(descriptor, weights);
  } catch (error) {
    tf.dispose([...weights.values()].filter((weight) => weight instanceof tf.Tensor));
    throw error;
  }
}

/** A built-in vision-language model with its weights generated from the seed. */
function createLlavaModel(descriptor: LlavaDescriptor, store: WeightStore): LlavaModel {
  const seed = descriptor.config.initSeed;
  if (seed === undefined) throw new ConfigError(`model ${descriptor.id} has no built-in weights; load it from its checkpoint directory`);
  return new LlavaModel(descriptor, seededLlavaWeights(descriptor.config, seed, store));
}

/**
 * Loads a PEFT directory's adapter onto `model`, in the run's layout: modules_to_save as differences (see
 * adapterInRunLayout), and PEFT's DoRA magnitudes become the offsets from ‖W‖ that the
 * model trains (a run's own checkpoints hold offsets already): loaded once to measure ‖W‖, then again. A
 * text-initialised run's checkpoint holds offsets from the text's embeddings, which `tokenizer` and the model give.
 */
export async function loadPeftAdapter(model: CausalLM, peft: PeftAdapter, descriptor: ModelDescriptor, tokenizer: Tokenizer): Promise<void> {
  const adapter = await adapterInRunLayout(peft, descriptor);
  model.loadAdapter(peft.lora, holdsPromptOffsets(peft.metadata) ? await withTextEmbeddings(adapter, peft.lora, model, tokenizer) : adapter);
  if (peftMethod(peft.lora) !== 'dora' || holdsMagnitudeOffsets(peft.metadata)) return;
  const norms = await model.doraRowNorms();
  model.loadAdapter(
    peft.lora,
    shiftMagnitudes(adapter, (path) => norms.get(path)!, -1),
  );
}

/** The byte tokenizer of the built-in models, or the checkpoint's own Hugging Face tokenizer. */
export async function loadTokenizer(descriptor: ModelDescriptor): Promise<Tokenizer> {
  const tokenizer = descriptor.checkpointDir === undefined ? new ByteTokenizer() : await HfTokenizer.load(descriptor.checkpointDir);
  const { vocabSize } = textModelConfig(descriptor).config;
  if (tokenizer.vocabSize > vocabSize) {
    throw new ConfigError(`model ${descriptor.id} has ${vocabSize} token embeddings but its tokenizer produces ids up to ${tokenizer.vocabSize - 1}`);
  }
  return tokenizer;
}

export interface LoadedModel {
  readonly descriptor: ModelDescriptor;
  readonly model: CausalLM;
  readonly tokenizer: Tokenizer;
}

export interface AdapterOptions {
  /** A PEFT adapter directory to load onto the model. */
  readonly dir?: string;
  /** Refuse an adapter that belongs to another base model instead of warning. */
  readonly strict?: boolean;
  readonly logger: Logger;
}

/**
 * Model and tokenizer of `modelId`, with the PEFT adapter in `adapter.dir` loaded when given. An adapter recorded as
 * trained on another base model is loaded with a warning, or refused when strict: its shapes may fit a sibling model
 * it was never trained on. With `quantize`, the base model's linear projections are held in NF4.
 */
export async function loadModelWithAdapter(modelId: string, adapter: AdapterOptions, quantize?: Quantization): Promise<LoadedModel> {
  const descriptor = resolveModel(modelId);
  const tokenizer = await loadTokenizer(descriptor);
  const peft = adapter.dir === undefined ? undefined : await readPeftAdapter(adapter.dir);
  const mismatch = peft && adapterBaseMismatch(peft, descriptor);
  if (mismatch !== undefined) {
    const message = `adapter ${adapter.dir} may not belong to model ${modelId}: ${mismatch}`;
    if (adapter.strict) throw new CheckpointError(`${message} (refused with --strict)`);
    adapter.logger.warn({ event: 'adapter_base_mismatch', adapter: adapter.dir, model: modelId }, `${message}; --strict refuses it`);
  }
  const model = await loadModel(descriptor, quantize);
  try {
    if (peft) await loadPeftAdapter(model, peft, descriptor, tokenizer);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { descriptor, model, tokenizer };
}
