/**
 * Which member of the PEFT family a run trains, defined once: the coordinator's config validates `peft` with
 * peftSpecSchema, and the wire decoder the spec every train and evaluate instruction carries, so that clients
 * build the trainables the run asks for.
 */
import { z } from 'zod';

export const PEFT_METHODS = ['lora', 'qlora', 'dora', 'prompt-tuning', 'prefix-tuning', 'bitfit'] as const;
export type PeftMethod = (typeof PEFT_METHODS)[number];

/**
 * PEFT's prompt_tuning_init: RANDOM draws the virtual tokens as nn.Embedding does, N(0, 1); TEXT starts them at the
 * word embeddings of a text's tokens (see prompt-text-init.ts).
 */
export const PROMPT_TUNING_INITS = ['random', 'text'] as const;

/**
 * PEFT's one saved tensor of prompt-tuning, [num_virtual_tokens, hidden size], and of prefix-tuning,
 * [num_virtual_tokens, num_layers · 2 · token_dim] (the projection's output when prefix_projection is on).
 */
export const PROMPT_EMBEDDINGS = 'prompt_embeddings';

/** Prefix-tuning with prefix_projection: PEFT's PrefixEncoder parameters, embedding then Linear, Tanh, Linear. */
export const PREFIX_ENCODER = {
  embedding: 'prompt_encoder.embedding.weight',
  firstWeight: 'prompt_encoder.transform.0.weight',
  firstBias: 'prompt_encoder.transform.0.bias',
  secondWeight: 'prompt_encoder.transform.2.weight',
  secondBias: 'prompt_encoder.transform.2.bias',
} as const;

const peftSpecFields = z.strictObject({
  method: z
    .enum(PEFT_METHODS)
    .default('lora')
    .describe(
      'What clients train: lora; qlora (LoRA, the 4-bit base being a client choice); dora (LoRA with a magnitude per output row); prompt-tuning (virtual tokens before the input); prefix-tuning (keys and values before the input, in every layer); bitfit (the bias terms of the model).',
    ),
  numVirtualTokens: z
    .number()
    .int()
    .positive()
    .max(4096)
    .default(20)
    .describe("prompt-tuning: PEFT's num_virtual_tokens, the trained positions before the input."),
  promptTuningInit: z
    .enum(PROMPT_TUNING_INITS)
    .default('random')
    .describe("prompt-tuning: PEFT's prompt_tuning_init, random (N(0, 1)) or text (the word embeddings of promptTuningInitText's tokens)."),
  promptTuningInitText: z
    .string()
    .max(10_000)
    .default('')
    .describe("prompt-tuning with promptTuningInit text: PEFT's prompt_tuning_init_text, whose tokens' embeddings the virtual tokens start from."),
  prefixProjection: z
    .boolean()
    .default(false)
    .describe("prefix-tuning: PEFT's prefix_projection, the prefixes computed by a two-layer MLP (tanh) from smaller embeddings, all trained."),
  encoderHiddenSize: z
    .number()
    .int()
    .min(0)
    .max(65536)
    .default(0)
    .describe("prefix-tuning with prefixProjection: PEFT's encoder_hidden_size, the MLP's width; 0: token_dim, as PEFT defaults."),
});

export const peftSpecSchema = peftSpecFields.superRefine((spec, context) => {
  // An empty text is the field left out (proto3's unset string): text initialisation needs one, nothing else takes one.
  const text = spec.promptTuningInit === 'text';
  if (text && spec.method !== 'prompt-tuning') {
    context.addIssue({
      code: 'custom',
      path: ['promptTuningInit'],
      message: `text initialises prompt-tuning's virtual tokens, and peft.method is ${spec.method}`,
    });
  } else if (text && spec.promptTuningInitText.length === 0) {
    context.addIssue({
      code: 'custom',
      path: ['promptTuningInitText'],
      message: 'required with promptTuningInit text: the text whose tokens start the virtual tokens',
    });
  } else if (!text && spec.promptTuningInitText.length > 0) {
    context.addIssue({ code: 'custom', path: ['promptTuningInitText'], message: 'only with promptTuningInit text' });
  }
});

export type PeftSpec = z.output<typeof peftSpecSchema>;
export type PeftSpecInput = z.input<typeof peftSpecSchema>;

/** The methods whose trainables are LoRA factors (and whose settings are the `lora` block). */
export function usesLoraFactors(method: PeftMethod): boolean {
  return method === 'lora' || method === 'qlora' || method === 'dora';
}
