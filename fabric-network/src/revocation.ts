/**
 * The certificate authority's half of taking an identity back: revoke it at its organisation's Fabric CA and get the
 * CA's certificate revocation list. Peers never ask a CA, so this alone changes nothing on the ledger: the identity
 * keeps working until the CRL is in that organisation's MSP in every channel's configuration (`network:revoke`,
 * which builds on this, does that through channel configuration updates).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { caClient, orgRegistrarMsp } from './identities.ts';
import { orgs, type PeerOrgKey } from './topology.ts';

/** The revocation reasons Fabric CA accepts: RFC 5280 CRLReason names, lower case. */
export const REVOCATION_REASONS = [
  'unspecified',
  'keycompromise',
  'cacompromise',
  'affiliationchange',
  'superseded',
  'cessationofoperation',
  'certificatehold',
  'removefromcrl',
  'privilegewithdrawn',
  'aacompromise',
] as const;

export type RevocationReason = (typeof REVOCATION_REASONS)[number];

const ENROLLMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What {@link revokeAtCa} did. */
export interface CaRevocation {
  org: PeerOrgKey;
  enrollmentId: string;
  reason: RevocationReason;
  /** The CA's complete CRL after the revocation (PEM `X509 CRL`): every certificate it has revoked so far. */
  crlPem: string;
}

/**
 * Revokes every certificate of `enrollmentId` at `org`'s CA, as the CA's bootstrap registrar (`hf.Revoker`,
 * `hf.GenCRL`), and generates the CA's CRL. The identity can no longer enroll or re-enroll.
 * @throws Error for an enrollment id that is not a PediLedger id, or when the CA refuses (e.g. an unknown identity:
 *   "Identity '<id>' not found"); nothing is revoked then.
 */
export async function revokeAtCa(
  org: PeerOrgKey,
  enrollmentId: string,
  reason: RevocationReason = 'unspecified',
): Promise<CaRevocation> {
  if (!ENROLLMENT_ID.test(enrollmentId)) throw new Error('the enrollment id is not a valid PediLedger id');
  if (!REVOCATION_REASONS.includes(reason))
    throw new Error(`the reason must be one of ${REVOCATION_REASONS.join(', ')}`);
  const registrar = orgRegistrarMsp(org);
  await caClient(
    org,
    ['revoke', '--mspdir', registrar, '--revoke.name', enrollmentId, '--revoke.reason', reason, '--gencrl'],
    `revoking ${enrollmentId} at ${orgs[org].ca.name}`,
  );
  // fabric-ca-client stores the CRL it asked for in the caller's MSP folder.
  const crlPem = readFileSync(path.join(registrar, 'crls', 'crl.pem'), 'utf8');
  return { org, enrollmentId, reason, crlPem };
}
