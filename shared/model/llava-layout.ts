/**
 * Where LlavaForConditionalGeneration keeps its parts in each weight-name layout: the vision tower, the projector
 * and the language model, whose names inside the text model alone (`model.layers.0.self_attn.q_proj`) map to full
 * paths (`language_model.model.layers.0.self_attn.q_proj` in the legacy layout, `model.language_model.layers.0…`
 * in the current one). PEFT names adapter tensors after these full paths.
 */
import type { LoraTarget } from '../lora/lora.js';
import type { LlavaConfig, LlavaLayout, TextModelConfig, VisionConfig } from './model-config.js';

/** The language model's own top-level module: `model` in LlamaForCausalLM and Qwen2ForCausalLM, `transformer` in GPT-2. */
function textBaseModule(text: TextModelConfig): string {
  return text.architecture === 'gpt2' ? 'transformer' : 'model';
}

/** Prefixes of the vision tower's and the projector's weights in the checkpoint (`vision_tower.`, `multi_modal_projector.`). */
export function llavaPartPrefixes(layout: LlavaLayout): { vision: string; projector: string } {
  return layout === 'legacy'
    ? { vision: 'vision_tower.', projector: 'multi_modal_projector.' }
    : { vision: 'model.vision_tower.', projector: 'model.multi_modal_projector.' };
}

/**
 * A language-model weight or module name (as in the text model alone: `model.layers.0.self_attn.q_proj`,
 * `lm_head.weight`) → its path inside LlavaForConditionalGeneration.
 */
export function llavaTextModulePath(config: LlavaConfig): (textPath: string) => string {
  if (config.layout === 'legacy') return (path) => `language_model.${path}`;
  const base = `${textBaseModule(config.text)}.`;
  return (path) => (path.startsWith(base) ? `model.language_model.${path.slice(base.length)}` : path);
}

/** The inverse of llavaTextModulePath: a stored name → the text model's own name, or undefined for other parts. */
export function llavaTextWeightName(config: LlavaConfig): (stored: string) => string | undefined {
  if (config.layout === 'legacy') return (stored) => (stored.startsWith('language_model.') ? stored.slice('language_model.'.length) : undefined);
  const base = textBaseModule(config.text);
  return (stored) => {
    if (stored.startsWith('model.language_model.')) return `${base}.${stored.slice('model.language_model.'.length)}`;
    return stored.startsWith('lm_head.') ? stored : undefined;
  };
}

export const VISION_LINEAR_MODULES = ['self_attn.q_proj', 'self_attn.k_proj', 'self_attn.v_proj', 'self_attn.out_proj', 'mlp.fc1', 'mlp.fc2'] as const;
export type VisionLinearModule = (typeof VISION_LINEAR_MODULES)[number];

/** The linear modules of encoder layer `layer`, with paths as in CLIPVisionModel / SiglipVisionModel (weights [out, in]). */
export function visionLayerLinears(vision: VisionConfig, layer: number, prefix = ''): Record<VisionLinearModule, LoraTarget> {
  const { hiddenSize, intermediateSize } = vision;
  const linear = (module: VisionLinearModule, inFeatures: number, outFeatures: number): LoraTarget => ({
    modulePath: `${prefix}vision_model.encoder.layers.${layer}.${module}`,
    inFeatures,
    outFeatures,
  });
  return {
    'self_attn.q_proj': linear('self_attn.q_proj', hiddenSize, hiddenSize),
    'self_attn.k_proj': linear('self_attn.k_proj', hiddenSize, hiddenSize),
    'self_attn.v_proj': linear('self_attn.v_proj', hiddenSize, hiddenSize),
    'self_attn.out_proj': linear('self_attn.out_proj', hiddenSize, hiddenSize),
    'mlp.fc1': linear('mlp.fc1', hiddenSize, intermediateSize),
    'mlp.fc2': linear('mlp.fc2', intermediateSize, hiddenSize),
  };
}

/** Encoder layers the features need: up to the deepest feature layer; later layers are never run. */
export function visionLayersUsed(config: LlavaConfig): number {
  return Math.max(...config.visionFeatureLayers);
}

/** Every linear module of the tower's layers that are run, with full paths in the checkpoint's layout, in tower order. */
export function llavaVisionLinears(config: LlavaConfig): LoraTarget[] {
  const prefix = llavaPartPrefixes(config.layout).vision;
  return Array.from({ length: visionLayersUsed(config) }, (_, layer) => Object.values(visionLayerLinears(config.vision, layer, prefix))).flat();
}
