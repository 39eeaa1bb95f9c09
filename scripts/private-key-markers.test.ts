import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { privateKeyMarkers } from './private-key-markers.ts';

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const ec384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
const ed = generateKeyPairSync('ed25519').privateKey;
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const pkcs8 = ec.export({ type: 'pkcs8', format: 'der' });
const sec1 = ec.export({ type: 'sec1', format: 'der' });

describe('privateKeyMarkers', () => {
  it.each([
    ['a PKCS#8 PEM key', ec.export({ type: 'pkcs8', format: 'pem' })],
    ['a SEC1 PEM key', ec.export({ type: 'sec1', format: 'pem' })],
    ['an RSA PEM key', rsa.export({ type: 'pkcs1', format: 'pem' })],
  ])('finds %s', (_name, pem) => {
    expect(privateKeyMarkers(Buffer.from(`log line\n${pem.toString()}\n`))).toContain('pem');
  });

  it('finds raw PKCS#8 DER of EC, Ed25519 and RSA keys inside other bytes', () => {
    for (const key of [ec, ec384, ed, rsa]) {
      const der = key.export({ type: 'pkcs8', format: 'der' });
      expect(privateKeyMarkers(Buffer.concat([randomBytes(37), der, randomBytes(11)]))).toContain('pkcs8-der');
    }
  });

  it('finds raw SEC1 DER', () => {
    expect(privateKeyMarkers(Buffer.concat([randomBytes(5), sec1]))).toContain('sec1-der');
  });

  it('finds DER hidden as base64 (no PEM headers) or hex, e.g. in JSON or a log line', () => {
    expect(privateKeyMarkers(Buffer.from(JSON.stringify({ key: pkcs8.toString('base64') })))).toEqual(['base64-der']);
    expect(privateKeyMarkers(Buffer.from(`key=${sec1.toString('hex')}`))).toEqual(['hex-der']);
  });

  it('finds a private JWK but not a public one', () => {
    const jwk = ec.export({ format: 'jwk' });
    expect(privateKeyMarkers(Buffer.from(JSON.stringify(jwk)))).toEqual(['jwk']);
    const publicJwk = { ...jwk };
    delete publicJwk.d;
    expect(privateKeyMarkers(Buffer.from(JSON.stringify(publicJwk)))).toEqual([]);
  });

  it('stays quiet for certificates, public keys, identity lists and random bytes', () => {
    const publicKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    expect(privateKeyMarkers(Buffer.from(publicKey.export({ type: 'spki', format: 'pem' })))).toEqual([]);
    expect(privateKeyMarkers(Buffer.concat([spki, Buffer.from(spki.toString('base64'))]))).toEqual([]);
    expect(
      privateKeyMarkers(
        Buffer.from('{"identities":[],"activeId":null,"certificatePem":"-----BEGIN CERTIFICATE-----"}'),
      ),
    ).toEqual([]);
    expect(privateKeyMarkers(randomBytes(1 << 16))).toEqual([]);
  });
});
