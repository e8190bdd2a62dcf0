/**
 * Text ↔ token ids. The built-in models read UTF-8 bytes directly (ids 0..255) plus three special tokens, so no
 * vocabulary file is needed; Hugging Face tokenizers implement the same interface (hf-tokenizer.ts).
 */

export interface ChatMessage {
  readonly role: string;
  readonly content: string;
}

export interface Tokenizer {
  /** Ids are below this; a model's embedding table may be larger (padded vocabularies). */
  readonly vocabSize: number;
  /** Prepended to every plain-text sequence; undefined for tokenizers that add none (Qwen2, GPT-2). */
  readonly bosId: number | undefined;
  readonly eosId: number;
  /** Fills sequences up to a batch's length; never a target of the loss. */
  readonly padId: number;
  /** Token ids of `text`; special tokens written in the text (e.g. from a chat template) become their ids. */
  encode(text: string): number[];
  /** Text of `ids`; special tokens are dropped. */
  decode(ids: readonly number[]): string;
  /**
   * The conversation rendered with the model's chat template, ending with the assistant's turn header when
   * `addGenerationPrompt`; undefined for tokenizers without a template.
   */
  readonly renderChat?: (messages: readonly ChatMessage[], addGenerationPrompt: boolean) => string;
}

const BYTE_COUNT = 256;

export class ByteTokenizer implements Tokenizer {
  readonly bosId = BYTE_COUNT;
  readonly eosId = BYTE_COUNT + 1;
  readonly padId = BYTE_COUNT + 2;
  readonly vocabSize = BYTE_COUNT + 3;

  private readonly encoder = new TextEncoder();
  /** Invalid UTF-8 (e.g. a multi-byte character cut by truncation) decodes to U+FFFD instead of throwing. */
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  encode(text: string): number[] {
    return Array.from(this.encoder.encode(text));
  }

  decode(ids: readonly number[]): string {
    const bytes: number[] = [];
    for (const id of ids) {
      if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) {
        throw new RangeError(`token id ${id} is outside the vocabulary [0, ${this.vocabSize})`);
      }
      if (id < BYTE_COUNT) bytes.push(id);
    }
    return this.decoder.decode(new Uint8Array(bytes));
  }
}
