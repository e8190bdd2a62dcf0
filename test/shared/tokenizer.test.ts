import { describe, expect, it } from 'vitest';
import { resolveModel, textModelConfig } from '../../shared/model/model-config.js';
import { ByteTokenizer } from '../../shared/model/tokenizer.js';

describe('ByteTokenizer', () => {
  const tokenizer = new ByteTokenizer();

  it('maps ASCII text to its byte values', () => {
    expect(tokenizer.encode('Hi!')).toEqual([72, 105, 33]);
    expect(tokenizer.encode('')).toEqual([]);
  });

  it('encodes characters beyond ASCII as their UTF-8 bytes', () => {
    expect(tokenizer.encode('é')).toEqual([0xc3, 0xa9]);
    expect(tokenizer.encode('€')).toEqual([0xe2, 0x82, 0xac]);
  });

  it('round-trips any text, including multi-byte characters and emoji', () => {
    for (const text of ['plain', 'Grüße aus Köln', '日本語のテキスト', 'emoji 🎉 and\nnewlines\t']) {
      expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
    }
  });

  it('puts BOS, EOS and PAD after the 256 bytes, matching builtin:tiny', () => {
    expect([tokenizer.bosId, tokenizer.eosId, tokenizer.padId]).toEqual([256, 257, 258]);
    expect(tokenizer.vocabSize).toBe(textModelConfig(resolveModel('builtin:tiny')).config.vocabSize);
  });

  it('drops special tokens when decoding', () => {
    const ids = [tokenizer.bosId, ...tokenizer.encode('ok'), tokenizer.eosId, tokenizer.padId, tokenizer.padId];
    expect(tokenizer.decode(ids)).toBe('ok');
  });

  it('decodes a multi-byte character cut in half to U+FFFD instead of throwing', () => {
    const cut = tokenizer.encode('aé').slice(0, 2);
    expect(tokenizer.decode(cut)).toBe('a\ufffd');
  });

  it('refuses ids outside the vocabulary', () => {
    expect(() => tokenizer.decode([259])).toThrow(RangeError);
    expect(() => tokenizer.decode([-1])).toThrow(/outside the vocabulary/);
    expect(() => tokenizer.decode([1.5])).toThrow(RangeError);
  });
});
