// Test-only: self-signed Fabric-style certificates (with the attribute extension) and their keys.
import { webcrypto } from 'node:crypto';
import { Extension, X509CertificateGenerator } from '../../util/x509.ts';
import { FABRIC_ATTRS_OID } from '../certificate.ts';

/** Options for {@link makeTestCredentials}. */
export interface TestCredentialsOptions {
  enrollmentId: string;
  attrs?: Record<string, string>;
  /** Validity in days from now (default 365). */
  days?: number;
}

/** A certificate and its PKCS#8 private key, both PEM. */
export interface TestCredentials {
  certificatePem: string;
  privateKeyPem: string;
}

function toPem(label: string, der: ArrayBuffer): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Generates a fresh P-256 key pair and a self-signed certificate carrying Fabric attributes. */
export async function makeTestCredentials(options: TestCredentialsOptions): Promise<TestCredentials> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const extensions =
    options.attrs === undefined
      ? []
      : [new Extension(FABRIC_ATTRS_OID, false, Buffer.from(JSON.stringify({ attrs: options.attrs })))];
  const now = Date.now();
  const certificate = await X509CertificateGenerator.createSelfSigned({
    serialNumber: webcrypto
      .getRandomValues(new Uint8Array(8))
      .reduce((hex, b) => hex + b.toString(16).padStart(2, '0'), '01'),
    name: [{ CN: [options.enrollmentId] }],
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + (options.days ?? 365) * 86_400_000),
    keys,
    signingAlgorithm: algorithm,
    extensions,
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certificatePem: certificate.toString('pem') + '\n', privateKeyPem: toPem('PRIVATE KEY', pkcs8) };
}
