/**
 * The cryptographic primitives of secure aggregation, all from node:crypto: X25519 key pairs (raw 32-byte keys
 * on the wire), key agreement followed by HKDF-SHA256, AES-256-GCM for the shares relayed by the coordinator,
 * AES-256-CTR as the pseudo-random generator that expands a 32-byte seed into a mask, and SHA-256 commitments.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

export const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
// DER headers of an X25519 PKCS#8 private key and SubjectPublicKeyInfo, followed by the 32 raw key bytes.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export interface RawKeyPair {
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

export function generateX25519(): RawKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length)),
    privateKey: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length)),
  };
}

/**
 * Parsing a key costs far more than the key agreement: each raw key is parsed once, while its bytes live. Private
 * and public keys are cached apart, so that the same bytes used in both roles never get the other's key object.
 */
const parsedPrivateKeys = new WeakMap<Uint8Array, KeyObject>();
const parsedPublicKeys = new WeakMap<Uint8Array, KeyObject>();

function parsed(cache: WeakMap<Uint8Array, KeyObject>, raw: Uint8Array, parse: (raw: Uint8Array) => KeyObject): KeyObject {
  let key = cache.get(raw);
  if (!key) {
    key = parse(raw);
    cache.set(raw, key);
  }
  return key;
}

function privateKeyObject(raw: Uint8Array): KeyObject {
  return parsed(parsedPrivateKeys, raw, () => createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw]), format: 'der', type: 'pkcs8' }));
}

function publicKeyObject(raw: Uint8Array): KeyObject {
  if (raw.length !== KEY_BYTES) throw new RangeError(`an X25519 public key has ${KEY_BYTES} bytes, got ${raw.length}`);
  return parsed(parsedPublicKeys, raw, () => createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' }));
}

/** A private key of no one's, to test peers' public keys against (any clamped scalar serves: see below). */
const probeKey = generateKeyPairSync('x25519').privateKey;
/** 2^255 − 19, little-endian: X25519 coordinates are below it. */
const FIELD_PRIME = Buffer.from('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', 'hex');

/**
 * Why `raw` is not a usable X25519 public key, or undefined when it is. Refused: a wrong length; a non-canonical
 * encoding (u ≥ 2^255 − 19, or the top bit set: never produced by a key generator, and a second spelling of
 * another key); a point of small order, whose key agreement gives the all-zero secret for every private key
 * (X25519 scalars are multiples of the cofactor 8, so one probe decides it for all of them).
 */
export function publicKeyProblem(raw: Uint8Array): string | undefined {
  if (raw.length !== KEY_BYTES) return `an X25519 public key has ${KEY_BYTES} bytes, got ${raw.length}`;
  const littleEndian = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (Buffer.from(littleEndian).reverse().compare(Buffer.from(FIELD_PRIME).reverse()) >= 0) return 'the public key is not a canonical X25519 encoding';
  try {
    diffieHellman({ privateKey: probeKey, publicKey: publicKeyObject(raw) });
  } catch {
    return 'the public key is a point of small order (key agreement with it yields no secret)';
  }
  return undefined;
}

/** The public key belonging to a raw private key (to check a reconstructed secret key). */
export function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  return new Uint8Array(createPublicKey(privateKeyObject(privateKey)).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length));
}

/** Purposes of derived keys: one key agreement never serves two purposes. */
export type KeyPurpose = 'pairwise-mask' | 'share-encryption';

/** HKDF-SHA256 of the X25519 shared secret, bound to the purpose and the round. */
export function agreeKey(privateKey: Uint8Array, peerPublicKey: Uint8Array, purpose: KeyPurpose, round: number): Uint8Array {
  const shared = diffieHellman({ privateKey: privateKeyObject(privateKey), publicKey: publicKeyObject(peerPublicKey) });
  return new Uint8Array(hkdfSync('sha256', shared, Buffer.from(`fedlora secagg round ${round}`), Buffer.from(`fedlora secagg ${purpose}`), KEY_BYTES));
}

/** AES-256-GCM: nonce ‖ ciphertext ‖ tag, authenticated together with `context`. */
export function seal(key: Uint8Array, plaintext: Uint8Array, context: string): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([nonce, body, cipher.getAuthTag()]));
}

/** The plaintext of `seal`, or undefined when the ciphertext, key or context do not match. */
export function open(key: Uint8Array, sealed: Uint8Array, context: string): Uint8Array | undefined {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) return undefined;
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]));
  } catch {
    return undefined;
  }
}

export function sealedLength(plaintextBytes: number): number {
  return NONCE_BYTES + plaintextBytes + TAG_BYTES;
}

/** `length` pseudo-random 32-bit words: AES-256-CTR keystream of `seed` (each seed is used for one mask only). */
export function expandMask(seed: Uint8Array, length: number): Uint32Array {
  const cipher = createCipheriv('aes-256-ctr', seed, Buffer.alloc(16));
  const stream = cipher.update(Buffer.alloc(length * 4));
  const words = new Uint32Array(length);
  // Copied bytewise (the keystream buffer need not be 4-byte aligned) as little-endian words: little-endian hosts
  // only, like the tensor codec.
  new Uint8Array(words.buffer).set(stream);
  return words;
}

export function randomSeed(): Uint8Array {
  return new Uint8Array(randomBytes(KEY_BYTES));
}

/** SHA-256 commitment to a self-mask seed (the seed is random, so the commitment hides it). */
export function commitToSeed(seed: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update('fedlora secagg self-mask commitment').update(seed).digest());
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
