import { generateKeyPairSync, verify } from 'node:crypto';
import { hash } from '@hyperledger/fabric-gateway';
import { describe, expect, it } from 'vitest';
import { curveOrder } from '../identity/lowSSignature.ts';
import { newNativeSigning } from './signer.ts';

/** S of a DER ECDSA signature (both integers use short-form lengths on P-256/P-384). */
function sOf(der: Uint8Array): bigint {
  const rLength = der[3] ?? 0;
  const sLength = der[5 + rLength] ?? 0;
  return BigInt(`0x${Buffer.from(der.subarray(6 + rLength, 6 + rLength + sLength)).toString('hex')}`);
}

describe('newNativeSigning', () => {
  it.each(['prime256v1', 'secp384r1'])(
    '%s: signs the whole message (hash.none), verifiable, always low-S',
    async (curve) => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
      const signing = newNativeSigning(privateKey);
      expect(signing.hash).toBe(hash.none);
      const half = curveOrder(privateKey) / 2n;
      for (let i = 0; i < 64; i++) {
        const message = Buffer.from(`proposal bytes ${String(i)}`);
        const signature = await signing.signer(message);
        expect(verify('sha256', message, publicKey, signature)).toBe(true);
        expect(sOf(signature) <= half).toBe(true);
      }
    },
  );

  it('refuses a key Fabric identities never have, when the connection is built', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => newNativeSigning(privateKey)).toThrow(/Unsupported signing key/);
  });
});
