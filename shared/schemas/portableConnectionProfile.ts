// A connection profile that can be handed to another computer: the same fields as `ConnectionProfile`, with every TLS
// certificate inline as PEM instead of a path on the network host. The network scripts write one per organisation
// (`<org>.portable.json`); the app imports it with `profiles:import`.
import { z } from 'zod';
import { CaEndpoint, ConnectionProfile, GatewayPeer } from './connectionProfile.ts';

/** The `format` field that makes a portable profile file recognisable. */
export const PORTABLE_PROFILE_FORMAT = 'pediledger-connection-profile';
/** The version of the format this code reads and writes. */
export const PORTABLE_PROFILE_VERSION = 1;

/** Upper bound of one certificate field (a short chain of CA certificates stays far below it). */
export const MAX_PORTABLE_PEM_LENGTH = 32 * 1024;

/** Any PEM private key block header (PKCS#8, SEC1, PKCS#1, encrypted). */
export const PRIVATE_KEY_PEM_HEADER = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

/** The message for a file that carries a private key; it never quotes the key. */
export const PRIVATE_KEY_IN_PROFILE_MESSAGE =
  'The profile file contains a private key. A connection profile only holds public certificates: do not use or pass on this file, and ask your administrator for the portable profile (<org>.portable.json).';

/** One or more PEM `CERTIFICATE` blocks and nothing else. */
export const PortableCertificatePem = z
  .string()
  .max(MAX_PORTABLE_PEM_LENGTH, 'a certificate field is larger than a CA certificate chain can be')
  .refine((pem) => !PRIVATE_KEY_PEM_HEADER.test(pem), PRIVATE_KEY_IN_PROFILE_MESSAGE)
  .regex(
    /^(\s*-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*)+$/,
    'expected PEM certificate blocks (-----BEGIN CERTIFICATE-----) only',
  );

/** A gateway peer with its TLS CA certificate inline. */
export const PortableGatewayPeer = z.strictObject({
  ...GatewayPeer.omit({ tlsCaCertPath: true }).shape,
  tlsCaCertPem: PortableCertificatePem,
});
export type PortableGatewayPeer = z.infer<typeof PortableGatewayPeer>;

/** The organisation's CA with its TLS certificate inline. */
export const PortableCaEndpoint = z.strictObject({
  ...CaEndpoint.omit({ tlsCaCertPath: true }).shape,
  tlsCaCertPem: PortableCertificatePem,
});
export type PortableCaEndpoint = z.infer<typeof PortableCaEndpoint>;

/** A portable connection profile file. */
export const PortableConnectionProfile = z.strictObject({
  format: z.literal(PORTABLE_PROFILE_FORMAT, { error: 'this is not a PediLedger portable connection profile' }),
  version: z.literal(PORTABLE_PROFILE_VERSION, {
    error: `unsupported profile version (this app reads version ${String(PORTABLE_PROFILE_VERSION)})`,
  }),
  // Never the local network's marker: an imported profile must not offer the network host's demo users.
  ...ConnectionProfile.omit({ gatewayPeers: true, ca: true, localNetwork: true }).shape,
  gatewayPeers: z.array(PortableGatewayPeer).min(1).max(16),
  ca: PortableCaEndpoint,
});
export type PortableConnectionProfile = z.infer<typeof PortableConnectionProfile>;
