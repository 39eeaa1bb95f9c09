import { z } from 'zod';

// Every string that arrives from the renderer is bounded and, where it names something, allow-listed: ids end up as
// keychain account names, file names and log fields, so they must never carry separators, control characters or
// arbitrary length.

/** A Fabric CA enrollment id (the registered user name). */
export const enrollmentIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'Enrollment ids use letters, digits and . _ @ - (at most 64)');

/** A Fabric CA enrollment secret: printable ASCII only, so it survives HTTP Basic auth unchanged. */
export const enrollmentSecretSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[\x20-\x7E]+$/, 'Secrets use printable ASCII characters');

/** A user-chosen display name: trimmed, 1–80 characters, no control characters. */
export const labelSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  // eslint-disable-next-line no-control-regex -- the point of this pattern is to reject control characters
  .regex(/^[^\x00-\x1F\x7F]+$/, 'Labels cannot contain control characters');

/** One PEM-encoded X.509 certificate (leaf certificates stay far below 16 KiB). */
export const certificatePemSchema = z
  .string()
  .max(16_384)
  .regex(
    /^\s*-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*$/,
    'Expected one PEM certificate',
  );

/** A chain of PEM certificates, e.g. a CA's chain. */
export const certificateChainPemSchema = z
  .string()
  .max(65_536)
  .regex(
    /^(\s*-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*)+$/,
    'Expected PEM certificates',
  );

/** A PEM-encoded PKCS#8 or SEC1 EC private key. */
export const privateKeyPemSchema = z
  .string()
  .max(8_192)
  .regex(
    /^\s*-----BEGIN (EC )?PRIVATE KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END (EC )?PRIVATE KEY-----\s*$/,
    'Expected one PEM private key',
  );

/** The MSP ids of the peer organisations. */
export const mspIdSchema = z.enum(['HospitalMSP', 'ParentsMSP', 'SchoolMSP']);

/** A Fabric channel name (Fabric allows lower-case letters, digits, `.` and `-`). */
export const channelNameSchema = z.string().regex(/^[a-z][a-z0-9.-]{0,48}$/, 'Not a Fabric channel name');

/** A Fabric transaction id: 64 hex characters (SHA-256 of nonce and creator). */
export const txIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'Not a transaction id');

/** An ISO-8601 UTC timestamp, as produced by `Date.prototype.toISOString`. */
export const timestampSchema = z.iso.datetime();
