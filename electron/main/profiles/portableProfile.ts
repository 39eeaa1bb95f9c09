// Reading a portable connection profile (the text of `<org>.portable.json`) into a profile the app can store: the file
// is outside input from another computer, so it is parsed, validated and its certificates decoded before anything is
// written, and no error message quotes it.
import { createHash, X509Certificate } from 'node:crypto';
import { safeIssues } from '@pediledger/domain';
import type { ConnectionProfile } from '../../../shared/schemas/connectionProfile.ts';
import {
  PortableConnectionProfile,
  PRIVATE_KEY_IN_PROFILE_MESSAGE,
  PRIVATE_KEY_PEM_HEADER,
} from '../../../shared/schemas/portableConnectionProfile.ts';
import { InvalidConnectionProfileError } from '../enrollment/errors.ts';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** A certificate file the imported profile names: its canonical PEM text and its content-derived file name. */
export interface PortableCertificate {
  /** `<sha256 of the PEM>.pem`: the same certificates always land in the same file. */
  readonly fileName: string;
  readonly pem: string;
}

/** A validated portable profile: the profile with certificate file names in place of paths, and the certificates. */
export interface ParsedPortableProfile {
  /** The profile; each `tlsCaCertPath` is a file name from `certificates`, to be resolved by the caller. */
  readonly profile: ConnectionProfile;
  /** The distinct certificate files the profile names. */
  readonly certificates: readonly PortableCertificate[];
}

function looksLikeHostProfile(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || 'format' in json) return false;
  const ca: unknown = (json as { ca?: unknown }).ca;
  return typeof ca === 'object' && ca !== null && 'tlsCaCertPath' in ca;
}

/** The certificate blocks of one field, re-encoded canonically; each must decode as X.509. */
function canonicalCertificates(pem: string, field: string): string {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  return blocks
    .map((block) => {
      try {
        return new X509Certificate(block).toString();
      } catch (cause) {
        throw new InvalidConnectionProfileError(`${field} is not a readable X.509 certificate`, { cause });
      }
    })
    .join('');
}

/**
 * Parses and validates the text of a portable profile.
 * @throws InvalidConnectionProfileError with a message that names the problem (never the file's content).
 */
export function parsePortableProfile(content: string): ParsedPortableProfile {
  // Checked on the raw text, so a key is refused wherever it sits (any field, or a field the schema would drop).
  if (PRIVATE_KEY_PEM_HEADER.test(content)) throw new InvalidConnectionProfileError(PRIVATE_KEY_IN_PROFILE_MESSAGE);
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (cause) {
    // JSON.parse quotes the text around the error, so its message is not passed on.
    throw new InvalidConnectionProfileError('The file is not a connection profile: it is not valid JSON.', { cause });
  }
  if (looksLikeHostProfile(json)) {
    throw new InvalidConnectionProfileError(
      'This is the network host’s own connection profile (it names certificate files on that computer). Import the <org>.portable.json file instead.',
    );
  }
  const parsed = PortableConnectionProfile.safeParse(json);
  if (!parsed.success) {
    const issues = safeIssues(parsed.error, PortableConnectionProfile, 5).map(
      (issue) => `${issue.path === '' ? 'file' : issue.path}: ${issue.message}`,
    );
    throw new InvalidConnectionProfileError(`The connection profile is invalid: ${issues.join('; ')}`);
  }
  const portable = parsed.data;
  const certificates = new Map<string, PortableCertificate>();
  const certificateFile = (pem: string, field: string): string => {
    const canonical = canonicalCertificates(pem, field);
    const fileName = `${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}.pem`;
    certificates.set(fileName, { fileName, pem: canonical });
    return fileName;
  };
  const profile: ConnectionProfile = {
    org: portable.org,
    mspId: portable.mspId,
    channels: portable.channels,
    gatewayPeers: portable.gatewayPeers.map(({ tlsCaCertPem, ...peer }, index) => ({
      ...peer,
      tlsCaCertPath: certificateFile(tlsCaCertPem, `gatewayPeers.${String(index)}.tlsCaCertPem`),
    })),
    ca: {
      url: portable.ca.url,
      caName: portable.ca.caName,
      tlsCaCertPath: certificateFile(portable.ca.tlsCaCertPem, 'ca.tlsCaCertPem'),
    },
  };
  return { profile, certificates: [...certificates.values()] };
}
