// Fabric CA token authentication for requests made as an enrolled identity (reenroll, revoke).
import { createHash, type KeyObject } from 'node:crypto';
import { newSigning } from '../fabric/signer.ts';

/** Input of {@link createAuthToken}. */
export interface AuthTokenInput {
  /** HTTP method, upper case. */
  method: string;
  /** Request URI exactly as sent: path plus query string, e.g. `/api/v1/reenroll`. */
  uri: string;
  /** Request body bytes exactly as sent (empty for none). */
  body: Uint8Array;
  /** The caller's enrollment certificate, PEM. */
  certificatePem: string;
  /** The caller's private key. */
  privateKey: KeyObject;
}

/**
 * The `Authorization` header value: `b64(certPEM) "." b64(sig)`, where sig is a low-S ECDSA DER signature over the
 * SHA-256 of `METHOD "." b64(uri) "." b64(body) "." b64(certPEM)` (standard base64 with padding), as Fabric CA's
 * `util.VerifyToken` checks it. Signed by fabric-gateway's signer, as transactions are.
 */
export async function createAuthToken(input: AuthTokenInput): Promise<string> {
  const b64 = (data: Uint8Array | string): string => Buffer.from(data).toString('base64');
  const b64Cert = b64(input.certificatePem);
  const payload = `${input.method}.${b64(input.uri)}.${b64(input.body)}.${b64Cert}`;
  const digest = createHash('sha256').update(payload, 'utf8').digest();
  return `${b64Cert}.${b64(await newSigning(input.privateKey).signer(digest))}`;
}
