/** Secure aggregation's primitives alone: Shamir sharing, key agreement and sealing, masks, the neighbour graph. */
import { describe, expect, it } from 'vitest';
import { agreeKey, expandMask, generateX25519, open, publicKeyOf, publicKeyProblem, randomSeed, seal } from '../../shared/secagg/crypto.js';
import { addMask, decodeFixedPoint, encodeFixedPoint, fixedPointError, fixedPointScale } from '../../shared/secagg/fixed-point.js';
import { combineShares, recoverVerified, splitSecret } from '../../shared/secagg/shamir.js';
import { neighbourGraph, pairSign, shareThreshold } from '../../shared/secagg/topology.js';

describe('Shamir secret sharing', () => {
  const secret = randomSeed();

  it('recovers a 32-byte secret from any t of n shares', () => {
    const shares = splitSecret(secret, [1, 2, 3, 4, 5], 3);
    expect(combineShares([shares[0], shares[2], shares[4]], 3, 32)).toEqual(secret);
    expect(combineShares([shares[3], shares[1], shares[0]], 3, 32)).toEqual(secret);
  });

  it('gives a different value from fewer than t shares', () => {
    const shares = splitSecret(secret, [1, 2, 3, 4, 5], 3);
    expect(combineShares([shares[0], shares[1]], 2, 32)).not.toEqual(secret);
  });

  it('finds the verified secret despite a wrong share, and names it', () => {
    const shares = splitSecret(secret, [1, 2, 3, 4], 3);
    const lied = [{ x: 1, y: shares[0].y + 1n }, ...shares.slice(1)];
    const verify = (candidate: Uint8Array) => Buffer.from(candidate).equals(Buffer.from(secret));
    expect(recoverVerified(lied, 3, 32, verify)).toEqual({ secret, wrong: [1] });
    expect(recoverVerified(lied.slice(0, 3), 3, 32, verify)).toBeUndefined();
  });
});

describe('masks', () => {
  it('the AES-CTR generator is deterministic in its seed and differs between seeds', () => {
    const seed = randomSeed();
    expect(expandMask(seed, 1000)).toEqual(expandMask(seed, 1000));
    expect(expandMask(seed, 1000)).not.toEqual(expandMask(randomSeed(), 1000));
  });

  it('X25519 agreement gives both sides the same key, and a secret key gives back its public key', () => {
    const u = generateX25519();
    const v = generateX25519();
    expect(agreeKey(u.privateKey, v.publicKey, 'pairwise-mask', 3)).toEqual(agreeKey(v.privateKey, u.publicKey, 'pairwise-mask', 3));
    expect(agreeKey(u.privateKey, v.publicKey, 'pairwise-mask', 3)).not.toEqual(agreeKey(u.privateKey, v.publicKey, 'share-encryption', 3));
    expect(publicKeyOf(u.privateKey)).toEqual(u.publicKey);
  });

  it('refuses public keys of small order, non-canonical encodings and wrong lengths', () => {
    // The points of order 1, 2, 4 and 8 on Curve25519 and their encodings above p = 2^255 − 19 (libsodium's blocklist).
    const smallOrder = [
      '0000000000000000000000000000000000000000000000000000000000000000',
      '0100000000000000000000000000000000000000000000000000000000000000',
      'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
      '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    ];
    for (const hex of smallOrder) expect(publicKeyProblem(Buffer.from(hex, 'hex')), hex).toMatch(/small order/);
    for (const hex of [
      'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    ]) {
      expect(publicKeyProblem(Buffer.from(hex, 'hex')), hex).toMatch(/not a canonical/);
    }
    const { publicKey } = generateX25519();
    expect(publicKeyProblem(publicKey)).toBeUndefined();
    expect(publicKeyProblem(Uint8Array.from(publicKey, (b, i) => (i === 31 ? b | 0x80 : b)))).toMatch(/not a canonical/);
    expect(publicKeyProblem(publicKey.subarray(1))).toMatch(/32 bytes, got 31/);
  });

  it('AES-GCM refuses a tampered ciphertext or another context', () => {
    const key = randomSeed();
    const sealed = seal(key, Uint8Array.from([1, 2, 3]), 'ctx');
    expect(open(key, sealed, 'ctx')).toEqual(Uint8Array.from([1, 2, 3]));
    expect(open(key, sealed, 'other')).toBeUndefined();
    sealed[13] ^= 1;
    expect(open(key, sealed, 'ctx')).toBeUndefined();
  });

  it('pairwise masks cancel in the sum of a ring graph, leaving the encoded values', () => {
    const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
    const graph = neighbourGraph(ids, 2);
    expect([...graph.get('c1')!].sort()).toEqual(['c2', 'c6']);
    const keys = new Map(ids.map((id) => [id, generateX25519()]));
    const scale = fixedPointScale(1);
    const sum = new Uint32Array(4);
    ids.forEach((id, k) => {
      const vector = new Uint32Array(4);
      encodeFixedPoint([k * 1e-4, -k * 1e-4, 0.5, -1], 1 / ids.length, 1, scale, vector, 0);
      for (const peer of graph.get(id)!)
        addMask(vector, expandMask(agreeKey(keys.get(id)!.privateKey, keys.get(peer)!.publicKey, 'pairwise-mask', 1), 4), pairSign(id, peer));
      addMask(sum, vector, 1);
    });
    const decoded = decodeFixedPoint(sum, scale);
    const expected = [2.5e-4, -2.5e-4, 0.5, -1];
    decoded.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(fixedPointError(scale, ids.length)));
  });

  it('the threshold is a strict majority of the holders and tolerates maxDropouts', () => {
    expect(shareThreshold(3, 1)).toBe(2);
    expect(shareThreshold(9, 1)).toBe(8);
    expect(shareThreshold(9, 8)).toBe(5);
  });
});

/** Clients of the protocol in one process; the coordinator's messages go through the wire encoding. */
