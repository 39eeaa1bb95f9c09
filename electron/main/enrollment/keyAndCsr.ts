// A fresh ECDSA P-256 key pair, generated on this machine, and the PKCS#10 request that carries its public half.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { Pkcs10CertificateRequestGenerator } from '../util/x509.ts';

/** A new private key and a CSR for it. */
export interface KeyAndCsr {
  /** The private key; it never leaves this process except into the keychain. */
  privateKey: KeyObject;
  /** PEM `CERTIFICATE REQUEST` with subject CN = the enrollment ID. */
  csrPem: string;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/**
 * Generates the key pair with WebCrypto and signs a CSR whose subject is `CN=<enrollmentId>` (Fabric CA requires
 * the CN to equal the enrollment ID).
 */
export async function createKeyAndCsr(enrollmentId: string): Promise<KeyAndCsr> {
  // The global `crypto` is Node's WebCrypto too, but typed with the global CryptoKeyPair, so this file also
  // typechecks in projects that load the DOM lib (renderer/e2e reaches it through the browser shell's services).
  const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const csr = await Pkcs10CertificateRequestGenerator.create({
    // JSON name form: the value is taken literally, so commas or '=' in an ID cannot inject RDNs.
    name: [{ CN: [enrollmentId] }],
    keys,
    signingAlgorithm: ALGORITHM,
  });
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  pkcs8.fill(0);
  return { privateKey, csrPem: csr.toString('pem') };
}
