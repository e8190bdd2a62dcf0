/**
 * Which member of the PEFT family a run trains, defined once: the coordinator's config validates `peft` with
 * peftSpecSchema, and the wire decoder the spec every train and evaluate instruction carries, so that clients
 * build the trainables the run asks for.
 */
import { z } from 'zod';

export const PEFT_METHODS = ['lora', 'qlora', 'dora', 'prompt-tuning'] as const;
export type PeftMethod = (typeof PEFT_METHODS)[number];

/** PEFT's prompt_tuning_init: RANDOM draws the virtual tokens as nn.Embedding does, N(0, 1). */
export const PROMPT_TUNING_INITS = ['random'] as const;

/** The one tensor of prompt-tuning, [num_virtual_tokens, hidden size], under PEFT's name. */
export const PROMPT_EMBEDDINGS = 'prompt_embeddings';

export const peftSpecSchema = z.strictObject({
  method: z
    .enum(PEFT_METHODS)
    .default('lora')
    .describe(
      'What clients train: lora; qlora (LoRA, the 4-bit base being a client choice); dora (LoRA with a magnitude per output row); prompt-tuning (virtual tokens before the input).',
    ),
  numVirtualTokens: z
    .number()
    .int()
    .positive()
    .max(4096)
    .default(20)
    .describe("prompt-tuning: PEFT's num_virtual_tokens, the trained positions before the input."),
  promptTuningInit: z.enum(PROMPT_TUNING_INITS).default('random').describe("prompt-tuning: PEFT's prompt_tuning_init, random (N(0, 1))."),
});
export type PeftSpec = z.output<typeof peftSpecSchema>;
export type PeftSpecInput = z.input<typeof peftSpecSchema>;

/** The methods whose trainables are LoRA factors (and whose settings are the `lora` block). */
export function usesLoraFactors(method: PeftMethod): boolean {
  return method === 'lora' || method === 'qlora' || method === 'dora';
}
