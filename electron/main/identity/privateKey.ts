// Loading and exporting EC private keys without ever echoing their content.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { InvalidCredentialsError } from './errors.ts';

/** Curves Fabric's default crypto provider accepts for identities. */
const SUPPORTED_CURVES = new Set(['prime256v1', 'secp384r1']);

/**
 * Parses a PEM private key (PKCS#8 or SEC1 "EC PRIVATE KEY") and checks it is an ECDSA P-256/P-384 key.
 * Error messages never include the input.
 * @throws InvalidCredentialsError
 */
export function parsePrivateKeyPem(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (cause) {
    const code = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : 'unknown';
    throw new InvalidCredentialsError(`The private key cannot be parsed (${code})`, { details: { reason: code } });
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== 'ec' || curve === undefined || !SUPPORTED_CURVES.has(curve)) {
    throw new InvalidCredentialsError('The private key must be an ECDSA P-256 or P-384 key', {
      details: { keyType: key.asymmetricKeyType ?? 'unknown', curve: curve ?? 'none' },
    });
  }
  return key;
}

/** The key as a PKCS#8 PEM string (only ever handed to the keychain). */
export function privateKeyToPkcs8Pem(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'pkcs8' }).toString();
}
