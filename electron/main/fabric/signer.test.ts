import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { hash } from '@hyperledger/fabric-gateway';
import { describe, expect, it } from 'vitest';
import { newSigning } from './signer.ts';

/** Orders of the curves Fabric identities use. */
const ORDERS: Readonly<Record<string, bigint>> = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp384r1: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

/** S of a DER ECDSA signature (both integers use short-form lengths on P-256/P-384). */
function sOf(der: Uint8Array): bigint {
  const rLength = der[3] ?? 0;
  const sLength = der[5 + rLength] ?? 0;
  return BigInt(`0x${Buffer.from(der.subarray(6 + rLength, 6 + rLength + sLength)).toString('hex')}`);
}

describe('newSigning', () => {
  it.each(['prime256v1', 'secp384r1'])(
    '%s: signs the SHA-256 digest (hash.sha256), verifiable, always low-S',
    async (curve) => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
      const signing = newSigning(privateKey);
      expect(signing.hash).toBe(hash.sha256);
      const half = (ORDERS[curve] ?? 0n) / 2n;
      for (let i = 0; i < 64; i++) {
        const message = Buffer.from(`proposal bytes ${String(i)}`);
        const signature = await signing.signer(createHash('sha256').update(message).digest());
        expect(verify('sha256', message, publicKey, signature)).toBe(true);
        expect(sOf(signature) <= half).toBe(true);
      }
    },
  );

  it('refuses a key Fabric identities never have, when the connection is built', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => newSigning(privateKey)).toThrow(/Unsupported signing key/);
  });
});
