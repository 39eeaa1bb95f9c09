// The signatures fabric-gateway's signer gives are what Fabric accepts: minimal DER, S <= n/2, on both curves.
import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newSigning } from './signer.ts';

const ORDERS = {
  'P-256': 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  'P-384': 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
} as const;

/** Reads (r, s) back out of a DER ECDSA signature. */
function decodeDer(der: Buffer): { r: bigint; s: bigint } {
  expect(der[0]).toBe(0x30);
  expect(der[1]).toBe(der.length - 2);
  let offset = 2;
  const read = (): bigint => {
    expect(der[offset]).toBe(0x02);
    const length = der[offset + 1] ?? 0;
    const bytes = der.subarray(offset + 2, offset + 2 + length);
    // Minimal encoding: no superfluous leading zero, and no negative numbers.
    if (bytes.length > 1) expect(bytes[0] === 0 && (bytes[1] ?? 0) < 0x80).toBe(false);
    expect((bytes[0] ?? 0) & 0x80).toBe(0);
    offset += 2 + length;
    return BigInt(`0x${bytes.toString('hex')}`);
  };
  return { r: read(), s: read() };
}

describe('fabric-gateway signatures', () => {
  for (const namedCurve of ['P-256', 'P-384'] as const) {
    it(`always yields valid DER signatures with S <= n/2 on ${namedCurve}`, async () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
      const { signer } = newSigning(privateKey);
      for (let i = 0; i < 64; i++) {
        const data = Buffer.from(`message ${i}`);
        const signature = Buffer.from(await signer(createHash('sha256').update(data).digest()));
        const { s } = decodeDer(signature);
        expect(s <= ORDERS[namedCurve] / 2n).toBe(true);
        expect(verify('sha256', data, publicKey, signature)).toBe(true);
      }
    });
  }

  it('refuses keys that are not P-256/P-384 EC keys', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    expect(() => newSigning(privateKey)).toThrow(/Unsupported signing key/);
  });
});
