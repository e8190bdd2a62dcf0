/**
 * The LoRA spec, defined once: the coordinator's config validates `lora` with it, and the wire decoder validates
 * the spec every train and evaluate instruction carries.
 */
import { z } from 'zod';

export const LORA_BIASES = ['none', 'all', 'lora_only'] as const;

export const loraSpecSchema = z.strictObject({
  r: z.number().int().positive().max(1024).describe('LoRA rank r of A [r, in] and B [out, r].'),
  alpha: z.number().positive().describe('Scaling numerator: the update is (alpha / r) · B A x.'),
  targetModules: z
    .array(z.string().min(1))
    .default(['q_proj', 'v_proj'])
    .describe("The linear modules that carry an adapter, as in PEFT's target_modules (empty for a method without LoRA factors)."),
  modulesToSave: z
    .array(z.string().min(1))
    .default([])
    .describe(
      "PEFT's modules_to_save: modules (by name, such as lm_head or norm, or by full path) whose base weights train in full; they travel as differences from the base weights.",
    ),
  bias: z
    .enum(LORA_BIASES)
    .default('none')
    .describe(
      "PEFT's bias: none; all (every bias of the model trains too, as BitFit's do); lora_only (the biases of the target modules). They travel as differences from the base biases.",
    ),
  dropout: z.number().min(0).lt(1).default(0).describe("PEFT's lora_dropout on the adapter's input while clients train."),
  useRslora: z.boolean().default(false).describe("PEFT's use_rslora: scale by alpha / sqrt(r) instead of alpha / r."),
  // FFA-LoRA (Sun et al., ICLR 2024): the product B·A is then linear in what is averaged, so FedAvg of the updates
  // is exact, and uploads halve.
  freezeA: z.boolean().default(false).describe('FFA-LoRA: every lora_A stays as initialised; only the lora_B factors are trained and sent.'),
});
