/**
 * Text ↔ token ids. The built-in models read UTF-8 bytes directly (ids 0..255) plus three special tokens, so no
 * vocabulary file is needed; a Hugging Face tokenizer can implement the same interface later.
 */

export interface Tokenizer {
  readonly vocabSize: number;
  readonly bosId: number;
  readonly eosId: number;
  /** Fills sequences up to a batch's length; never a target of the loss. */
  readonly padId: number;
  /** Token ids of `text`, without special tokens. */
  encode(text: string): number[];
  /** Text of `ids`; special tokens are dropped. */
  decode(ids: readonly number[]): string;
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
