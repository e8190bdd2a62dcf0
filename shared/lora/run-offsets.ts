/**
 * Values only holders of the base weights know travel in a run as offsets from what those weights give: DoRA's
 * magnitudes from the row norms ‖W‖ (dora.ts), text-initialised prompt embeddings from the text's word embeddings
 * (prompt-text-init.ts). A run's adapters say so in their safetensors metadata, so that readers add them back.
 */
import { DORA_OFFSET_METADATA, DORA_OFFSET_VALUE } from './dora.js';
import { peftMethod, type LoraConfig } from './lora.js';
import { PROMPT_OFFSET_METADATA, PROMPT_OFFSET_VALUE, startsFromText } from './prompt-text-init.js';

/** The metadata a run's adapter carries so that its offsets read as offsets (none for methods without any). */
export function runAdapterMetadata(lora: LoraConfig): Record<string, string> {
  if (peftMethod(lora) === 'dora') return { [DORA_OFFSET_METADATA]: DORA_OFFSET_VALUE };
  return startsFromText(lora) ? { [PROMPT_OFFSET_METADATA]: PROMPT_OFFSET_VALUE } : {};
}
