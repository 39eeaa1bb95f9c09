import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { curveOrder, encodeDerSignature, signLowS } from './lowSSignature.ts';

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

describe('signLowS', () => {
  for (const namedCurve of ['P-256', 'P-384'] as const) {
    it(`always yields valid DER signatures with S <= n/2 on ${namedCurve}`, () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
      const order = curveOrder(privateKey);
      for (let i = 0; i < 64; i++) {
        const data = Buffer.from(`message ${i}`);
        const signature = signLowS(data, privateKey);
        const { s } = decodeDer(signature);
        expect(s <= order / 2n).toBe(true);
        expect(verify('sha256', data, publicKey, signature)).toBe(true);
      }
    });
  }

  it('refuses keys that are not P-256/P-384 EC keys', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    expect(() => signLowS(Buffer.from('x'), privateKey)).toThrow(/Unsupported signing key/);
  });

  it('encodes integers minimally and pads a set high bit', () => {
    expect(encodeDerSignature(1n, 0x80n).toString('hex')).toBe('3007020101020200' + '80');
  });
});
