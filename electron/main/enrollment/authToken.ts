// Fabric CA token authentication for requests made as an enrolled identity (reenroll, register, revoke).
import type { KeyObject } from 'node:crypto';
import { signLowS } from '../identity/lowSSignature.ts';

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
 * The `Authorization` header value: `b64(certPEM) "." b64(sig)`, where sig is a low-S ECDSA-SHA256 DER signature
 * over `METHOD "." b64(uri) "." b64(body) "." b64(certPEM)` (standard base64 with padding).
 */
export function createAuthToken(input: AuthTokenInput): string {
  const b64 = (data: Uint8Array | string): string => Buffer.from(data).toString('base64');
  const b64Cert = b64(input.certificatePem);
  const payload = `${input.method}.${b64(input.uri)}.${b64(input.body)}.${b64Cert}`;
  return `${b64Cert}.${b64(signLowS(Buffer.from(payload, 'utf8'), input.privateKey))}`;
}
