import { createHash } from 'node:crypto';
import type { Context } from 'fabric-contract-api';
import { parseJsonArg } from '../shared/args';
import { invalidArgument } from '../shared/errors';
import { LIMITS, ReportEnvelope } from '@pediledger/domain';
import { toBytes } from '../shared/serialization';

/** The transient-data key that carries the report envelope. */
export const TRANSIENT_REPORT_KEY = 'report';

/** A validated envelope and the canonical bytes that are stored and hashed. */
export interface CanonicalEnvelope {
  envelope: ReportEnvelope;
  bytes: Uint8Array;
  /** sha256 of `bytes`, lower-case hex: what Fabric's getPrivateDataHash returns for the stored value. */
  hash: string;
}

/** sha256 as lower-case hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads the envelope from transient data, validates it and re-serializes it canonically, so any client's JSON
 * formatting of the same envelope yields the same stored bytes and hash.
 */
export function envelopeFromTransient(ctx: Context): CanonicalEnvelope {
  const raw = ctx.stub.getTransient().get(TRANSIENT_REPORT_KEY);
  if (raw === undefined || raw.length === 0) {
    throw invalidArgument(`transient data "${TRANSIENT_REPORT_KEY}" with the report envelope is required`);
  }
  if (raw.length > LIMITS.transientReportBytes) {
    throw invalidArgument(`transient ${TRANSIENT_REPORT_KEY}: must be at most ${LIMITS.transientReportBytes} bytes`);
  }
  const text = Buffer.from(raw).toString('utf8');
  const envelope = parseJsonArg(ReportEnvelope, text, `transient ${TRANSIENT_REPORT_KEY}`, LIMITS.transientReportBytes);
  const bytes = toBytes(envelope);
  return { envelope, bytes, hash: sha256Hex(bytes) };
}
