/**
 * The base weights of the text architectures by state-dict name, with their shapes, from config.json alone (what
 * the models check their weights against), and the weights that modules_to_save names among a model's.
 */
import { ConfigError } from '../infra/errors.js';
import { isSavedWeight, peftMethod, type LoraConfig, type SavedWeight } from '../lora/lora.js';
import { gpt2LayerLinears, layerLinears, loraTargets, type Gpt2Config, type LlamaConfig, type ModelDescriptor } from './model-config.js';

/** Qwen2's projections with biases. */
const QKV_MODULES: ReadonlySet<string> = new Set(['q_proj', 'k_proj', 'v_proj']);

/** Every base weight by Hugging Face name with its shape, in a fixed order (the order of seeded initialisation). */
export function baseWeightShapes(config: LlamaConfig): [string, number[]][] {
  const { vocabSize, hiddenSize } = config;
  const shapes: [string, number[]][] = [['model.embed_tokens.weight', [vocabSize, hiddenSize]]];
  for (let layer = 0; layer < config.numLayers; layer++) {
    shapes.push([`model.layers.${layer}.input_layernorm.weight`, [hiddenSize]]);
    shapes.push([`model.layers.${layer}.post_attention_layernorm.weight`, [hiddenSize]]);
    for (const [module, linear] of Object.entries(layerLinears(config, layer))) {
      shapes.push([`${linear.modulePath}.weight`, [linear.outFeatures, linear.inFeatures]]);
      if (config.qkvBias && QKV_MODULES.has(module)) shapes.push([`${linear.modulePath}.bias`, [linear.outFeatures]]);
    }
  }
  shapes.push(['model.norm.weight', [hiddenSize]]);
  if (!config.tieWordEmbeddings) shapes.push(['lm_head.weight', [vocabSize, hiddenSize]]);
  return shapes;
}

/** Every base weight by its name in GPT2LMHeadModel's state dict, with its shape. */
export function gpt2WeightShapes(config: Gpt2Config): [string, number[]][] {
  const { vocabSize, hiddenSize, maxPositionEmbeddings } = config;
  const shapes: [string, number[]][] = [
    ['transformer.wte.weight', [vocabSize, hiddenSize]],
    ['transformer.wpe.weight', [maxPositionEmbeddings, hiddenSize]],
  ];
  for (let layer = 0; layer < config.numLayers; layer++) {
    const prefix = `transformer.h.${layer}`;
    for (const norm of ['ln_1', 'ln_2']) {
      shapes.push([`${prefix}.${norm}.weight`, [hiddenSize]], [`${prefix}.${norm}.bias`, [hiddenSize]]);
    }
    for (const linear of Object.values(gpt2LayerLinears(config, layer))) {
      shapes.push([`${linear.modulePath}.weight`, [linear.inFeatures, linear.outFeatures]]);
      shapes.push([`${linear.modulePath}.bias`, [linear.outFeatures]]);
    }
  }
  shapes.push(['transformer.ln_f.weight', [hiddenSize]], ['transformer.ln_f.bias', [hiddenSize]]);
  return shapes;
}

/**
 * The base weights of the modules `modulesToSave` names, in the model's order; refuses an entry that names no
 * weight (a tied lm_head has none of its own: its weight is the embedding's).
 */
export function savedWeights(model: ModelDescriptor, shapes: readonly [string, number[]][], modulesToSave: readonly string[]): SavedWeight[] {
  const unmatched = modulesToSave.filter((entry) => !shapes.some(([name]) => isSavedWeight(name, [entry])));
  if (unmatched.length > 0) {
    throw new ConfigError(`modules_to_save ${unmatched.join(', ')} name(s) no module with weights of model ${model.id}`);
  }
  return shapes.filter(([name]) => isSavedWeight(name, modulesToSave)).map(([name, shape]) => ({ name, shape }));
}

/**
 * The base weights a run trains in full: BitFit's bias terms (every `.bias` of the model: GPT-2's linear and
 * layer-norm biases, Qwen2's q/k/v biases), else the weights of the modules_to_save. Both travel as differences
 * from the base weights (see SAVED_DIFFERENCE_SUFFIX).
 */
export function trainedBaseWeights(model: ModelDescriptor, shapes: readonly [string, number[]][], lora: LoraConfig): SavedWeight[] {
  const biases = shapes.filter(([name]) => name.endsWith('.bias')).map(([name, shape]) => ({ name, shape }));
  if (peftMethod(lora) === 'bitfit') {
    if (biases.length === 0) throw new ConfigError(`model ${model.id} has no bias terms, and BitFit trains only those: use another peft.method`);
    return biases;
  }
  const saved = savedWeights(model, shapes, lora.modulesToSave ?? []);
  // LoRA's bias (PEFT's): all of them, or those of the target modules; each once, beside the modules_to_save.
  const targets = lora.bias === 'lora_only' ? new Set(loraTargets(model, lora.targetModules).map((target) => `${target.modulePath}.bias`)) : undefined;
  const trainedBiases = lora.bias === 'all' || targets ? biases.filter(({ name }) => !targets || targets.has(name)) : [];
  return [...saved, ...trainedBiases.filter(({ name }) => !saved.some((weight) => weight.name === name))];
}
