import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePrivateKeyPem } from '../identity/privateKey.ts';
import { makeTestCredentials } from '../identity/testing/testCredentials.ts';
import { createAuthToken } from './authToken.ts';

describe('createAuthToken', () => {
  it('is b64(cert).b64(sig) with sig over METHOD.b64(uri).b64(body).b64(cert)', async () => {
    const credentials = await makeTestCredentials({ enrollmentId: 'alice' });
    const body = Buffer.from('{"certificate_request":"..."}');
    const token = await createAuthToken({
      method: 'POST',
      uri: '/api/v1/reenroll',
      body,
      certificatePem: credentials.certificatePem,
      privateKey: parsePrivateKeyPem(credentials.privateKeyPem),
    });
    const [b64Cert, b64Sig, ...rest] = token.split('.');
    expect(rest).toEqual([]);
    expect(Buffer.from(b64Cert ?? '', 'base64').toString()).toBe(credentials.certificatePem);
    const payload = [
      'POST',
      Buffer.from('/api/v1/reenroll').toString('base64'),
      body.toString('base64'),
      b64Cert ?? '',
    ].join('.');
    const publicKey = createPublicKey(credentials.certificatePem);
    expect(verify('sha256', Buffer.from(payload), publicKey, Buffer.from(b64Sig ?? '', 'base64'))).toBe(true);
    // Any change to the signed parts invalidates it.
    const tampered = payload.replace('POST', 'GET');
    expect(verify('sha256', Buffer.from(tampered), publicKey, Buffer.from(b64Sig ?? '', 'base64'))).toBe(false);
  });
});
