// Reading an X.509 enrollment certificate issued by Fabric CA: subject, validity and the Fabric attributes.
import { X509Certificate, type KeyObject } from 'node:crypto';
import { PeculiarCertificate } from '../util/x509.ts';
import { errorMessage } from '../util/errorMessage.ts';
import { InvalidCredentialsError } from './errors.ts';

/** Extension that Fabric CA writes the identity's attributes into, as JSON `{"attrs":{...}}`. */
export const FABRIC_ATTRS_OID = '1.2.3.4.5.6.7.8.1';

/** What the app needs from an enrollment certificate. */
export interface ParsedCertificate {
  /** The certificate, re-encoded as a single canonical PEM block. */
  pem: string;
  /** Subject common name, which Fabric CA sets to the enrollment ID. */
  enrollmentId: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint256: string;
  /** Fabric attributes (e.g. `uid`, `role`, `schoolId`, `hf.EnrollmentID`); empty when the extension is absent. */
  attributes: Record<string, string>;
  /** The certificate's public key. */
  publicKey: KeyObject;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

function parseAttributes(certificate: PeculiarCertificate): Record<string, string> {
  const extension = certificate.getExtension(FABRIC_ATTRS_OID);
  if (extension === null) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(extension.value).toString('utf8'));
  } catch (cause) {
    throw new InvalidCredentialsError('The certificate attribute extension is not valid JSON', { cause });
  }
  const attrs = typeof parsed === 'object' && parsed !== null ? (parsed as { attrs?: unknown }).attrs : undefined;
  if (typeof attrs !== 'object' || attrs === null) {
    throw new InvalidCredentialsError('The certificate attribute extension has no "attrs" object');
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

function commonName(certificate: PeculiarCertificate): string {
  const values = certificate.subjectName.getField('CN');
  const cn = values[0];
  if (cn === undefined || cn === '') throw new InvalidCredentialsError('The certificate subject has no common name');
  return cn;
}

/**
 * Parses the first PEM certificate in `pem`.
 * @throws InvalidCredentialsError when there is no parsable certificate.
 */
export function parseCertificate(pem: string): ParsedCertificate {
  const block = PEM_CERT.exec(pem)?.[0];
  if (block === undefined) throw new InvalidCredentialsError('No PEM certificate found');
  let node: X509Certificate;
  let peculiar: PeculiarCertificate;
  try {
    node = new X509Certificate(block);
    peculiar = new PeculiarCertificate(node.raw);
  } catch (cause) {
    throw new InvalidCredentialsError(`The certificate cannot be parsed: ${errorMessage(cause)}`, { cause });
  }
  return {
    pem: `${block.trim()}\n`,
    enrollmentId: commonName(peculiar),
    notBefore: peculiar.notBefore,
    notAfter: peculiar.notAfter,
    fingerprint256: node.fingerprint256,
    attributes: parseAttributes(peculiar),
    publicKey: node.publicKey,
  };
}

/**
 * True when `privateKey` is the private half of the certificate's key pair.
 */
export function keyMatchesCertificate(certificatePem: string, privateKey: KeyObject): boolean {
  try {
    return new X509Certificate(certificatePem).checkPrivateKey(privateKey);
  } catch {
    return false;
  }
}
