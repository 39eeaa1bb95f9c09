/**
 * Taking an identity back, in two halves. At the organisation's Fabric CA ({@link revokeAtCa}): every certificate of
 * the enrollment id is revoked and the identity disabled, and the CA's certificate revocation list (CRL) generated.
 * On the ledger ({@link revokeIdentity}, `npm run network:revoke`): peers never ask a CA, so the CRL is put into the
 * organisation's MSP (`revocation_list`) in every channel it is a member of, through channel configuration updates
 * signed by that organisation's admin. Each peer's MSP then refuses any certificate whose serial the CRL lists
 * (Fabric `msp/mspimplvalidate.go`, validateIdentityAgainstCRLs: "The certificate has been revoked"), so the endorser
 * answers `access denied: channel [<ch>] creator org [<MSP>]` to evaluate and submit alike.
 */
import 'reflect-metadata';
import { X509Crl } from '@peculiar/x509';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { updateChannelConfig, type ChannelConfig, type ConfigGroup } from './configUpdate.ts';
import { caClient, orgRegistrarMsp } from './identities.ts';
import { channels, orgs, type ChannelName, type PeerOrgKey } from './topology.ts';

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
  /**
   * Serial numbers (lower-case hex) of the certificates this call revoked; empty when the identity was revoked
   * already (or never enrolled): the CA then only disables it again.
   */
  revokedSerials: string[];
  /** The CA's complete CRL after the revocation (PEM `X509 CRL`): every certificate it has revoked so far. */
  crlPem: string;
}

/**
 * Revokes every certificate of `enrollmentId` at `org`'s CA, as the CA's bootstrap registrar (`hf.Revoker`,
 * `hf.GenCRL`), and generates the CA's CRL. Fabric CA (lib/serverrevoke.go) also sets the identity's state to -1, so it
 * can no longer enroll or re-enroll. Revoking again is not an error: nothing new is revoked, and the CRL is generated
 * all the same (`gencrl`; `revoke --gencrl` only returns one when a certificate was revoked by that call).
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
  const output = await caClient(
    org,
    ['revoke', '--mspdir', registrar, '--revoke.name', enrollmentId, '--revoke.reason', reason],
    `revoking ${enrollmentId} at ${orgs[org].ca.name}`,
  );
  // fabric-ca-client stores the CRL it asked for in the caller's MSP folder; remove any earlier one first, so a
  // stale file can never stand in for the CA's answer.
  const crlFile = path.join(registrar, 'crls', 'crl.pem');
  rmSync(crlFile, { force: true });
  await caClient(org, ['gencrl', '--mspdir', registrar], `generating the CRL of ${orgs[org].ca.name}`);
  const crlPem = readFileSync(crlFile, 'utf8');
  return { org, enrollmentId, reason, revokedSerials: revokedSerialsIn(output), crlPem };
}

/**
 * The serials fabric-ca-client reports as revoked by one call (cmd/fabric-ca-client/command/revoke.go logs
 * `Successfully revoked certificates: [{Serial:… AKI:…} …]`).
 */
export function revokedSerialsIn(output: string): string[] {
  const line = /Successfully revoked certificates: \[(.*)\]/.exec(output)?.[1];
  if (line === undefined) throw new Error(`unexpected answer from fabric-ca-client revoke:\n${output}`);
  return [...line.matchAll(/Serial:([0-9a-fA-F]+)/g)].map((match) => normalSerial(match[1] ?? ''));
}

/** A certificate serial as hex without leading zeros, lower case: how Fabric CA and @peculiar/x509 compare. */
function normalSerial(serial: string): string {
  return serial.toLowerCase().replace(/^0+(?=.)/, '');
}

/** What a CRL says: who issued it (name and authority key id) and the serials it lists. */
interface CrlFacts {
  issuer: string;
  authorityKeyId: string | null;
  serials: Set<string>;
}

/** Reads a CRL given as PEM text or DER bytes (Fabric's MSP accepts either, `x509.ParseCRL`). */
function crlFacts(crl: string | Buffer): CrlFacts {
  const parsed = typeof crl === 'string' ? new X509Crl(crl) : toCrl(crl);
  // 2.5.29.35: the authority key identifier, which Fabric matches against the issuing CA's subject key identifier.
  const aki = parsed.extensions.find((extension) => extension.type === '2.5.29.35');
  return {
    issuer: parsed.issuer,
    authorityKeyId: aki === undefined ? null : Buffer.from(aki.value).toString('hex'),
    serials: new Set(parsed.entries.map((entry) => normalSerial(entry.serialNumber))),
  };
}

function toCrl(bytes: Buffer): X509Crl {
  const text = bytes.toString('utf8');
  return text.includes('-----BEGIN') ? new X509Crl(text) : new X509Crl(new Uint8Array(bytes));
}

/**
 * An MSP's `revocation_list` (base64 of each CRL's PEM, as configtxlator shows the bytes) with `crlPem` in it: every
 * CRL of another issuer is kept; CRLs of the same issuer (name and authority key id) are replaced by `crlPem`, since
 * a CA's CRL lists everything it has revoked. Returns the list unchanged when a CRL of that issuer already lists every
 * serial `crlPem` lists.
 */
export function revocationListWith(current: readonly string[], crlPem: string): string[] {
  const wanted = crlFacts(crlPem);
  const sameIssuer = (facts: CrlFacts): boolean =>
    facts.issuer === wanted.issuer && facts.authorityKeyId === wanted.authorityKeyId;
  const others: string[] = [];
  for (const entry of current) {
    const facts = crlFacts(Buffer.from(entry, 'base64'));
    if (!sameIssuer(facts)) {
      others.push(entry);
      continue;
    }
    // Every serial the CA's CRL lists is refused already: revoking twice changes nothing on the ledger.
    if ([...wanted.serials].every((serial) => facts.serials.has(serial))) return [...current];
  }
  return [...others, Buffer.from(crlPem, 'utf8').toString('base64')];
}

/** The decoded value of an organization's `MSP` configuration value: the parts revocation reads and writes. */
interface FabricMspValue {
  config: { name: string; revocation_list?: string[] };
}

/**
 * Puts `crlPem` into `mspId`'s MSP in `config` (see {@link revocationListWith}). Refuses when the MSP value is
 * governed by anything but that organization's own `Admins` policy, since only that organization's admin signs.
 */
export function putCrlIntoMsp(config: ChannelConfig, mspId: string, crlPem: string): void {
  const org: ConfigGroup | undefined = config.channel_group.groups?.['Application']?.groups?.[mspId];
  const msp = org?.values?.['MSP'];
  if (org === undefined || msp === undefined) throw new Error(`the channel configuration has no MSP for ${mspId}`);
  // Fabric evaluates a value's mod_policy relative to its group: "Admins" is /Channel/Application/<MSP>/Admins.
  if (msp.mod_policy !== 'Admins' || org.policies?.['Admins'] === undefined) {
    throw new Error(`the MSP of ${mspId} is governed by "${msp.mod_policy}", not by ${mspId}'s own Admins policy`);
  }
  const value = msp.value as FabricMspValue;
  const current = value.config.revocation_list ?? [];
  const next = revocationListWith(current, crlPem);
  if (next.length !== current.length || next.some((entry, index) => entry !== current[index])) {
    value.config.revocation_list = next;
  }
}

/** What {@link revokeIdentity} did in one channel. */
export interface ChannelRevocation {
  channel: ChannelName;
  /** False when the channel's configuration already listed every serial (nothing was submitted). */
  updated: boolean;
  /** The channel's configuration block that carries the CRL, committed on every member peer. */
  configBlock: number;
}

/** What {@link revokeIdentity} did. */
export interface LedgerRevocation extends CaRevocation {
  channels: ChannelRevocation[];
  /** True when nothing changed: revoked at the CA before, and every channel's configuration listed it already. */
  alreadyRevoked: boolean;
}

/**
 * Revokes `enrollmentId` at `org`'s CA ({@link revokeAtCa}) and puts the CA's CRL into `org`'s MSP in every channel
 * `org` is a member of, one channel configuration update each, signed and submitted by `org`'s admin (the MSP value's
 * `mod_policy` is the organization's `Admins` policy, `OR('<MSP>.admin')` in config/configtx.yaml). Resolves once every
 * member peer of each channel has committed the new configuration block: from then on every peer refuses the
 * identity's certificates. Idempotent: revoking again changes nothing and says so (`alreadyRevoked`).
 * @throws Error when the CA refuses (an unknown identity), or when a configuration update is refused; channels
 *   already updated keep their CRL, and running the command again completes the others.
 */
export async function revokeIdentity(
  org: PeerOrgKey,
  enrollmentId: string,
  reason: RevocationReason = 'unspecified',
  progress: (message: string) => void = () => undefined,
): Promise<LedgerRevocation> {
  const atCa = await revokeAtCa(org, enrollmentId, reason);
  progress(
    atCa.revokedSerials.length > 0
      ? `Revoked ${atCa.revokedSerials.length} certificate(s) of ${enrollmentId} at ${orgs[org].ca.name} (serial ${atCa.revokedSerials.join(', ')}); the identity is disabled there`
      : `${enrollmentId} was already revoked at ${orgs[org].ca.name} (no certificate left to revoke)`,
  );
  const mspId = orgs[org].mspId;
  const results: ChannelRevocation[] = [];
  for (const channel of Object.values(channels).filter((spec) => spec.members.includes(org))) {
    const result = await updateChannelConfig(
      channel.name,
      (config) => {
        putCrlIntoMsp(config, mspId, atCa.crlPem);
      },
      { signers: [org], purpose: `revocation list of ${mspId}`, progress },
    );
    progress(
      result.updated
        ? `${channel.name}: ${mspId}'s CRL is in configuration block ${result.configBlock}, committed on every member peer`
        : `${channel.name}: ${mspId}'s CRL already lists ${enrollmentId}'s certificates`,
    );
    results.push({ channel: channel.name, updated: result.updated, configBlock: result.configBlock });
  }
  const alreadyRevoked = atCa.revokedSerials.length === 0 && results.every((result) => !result.updated);
  return { ...atCa, channels: results, alreadyRevoked };
}
