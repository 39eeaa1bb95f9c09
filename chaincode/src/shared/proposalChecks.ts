// Checks every proposal passes before any transaction of either contract runs (`beforeTransaction`), evaluations
// included: Fabric 2.5 checks neither a proposal's timestamp nor, on the gateway's own organisation's peer, the expiry
// of the caller's certificate (see chaincode/README.md, "Identity and time").
import { X509Certificate } from 'node:crypto';
import type { PediLedgerContext } from './context';
import { certificateExpired, certificateNotYetValid, clockSkew, forbidden } from './errors';

/**
 * How far a proposal's timestamp may be from the endorser's clock: 5 minutes. Every time rule (expiry of a
 * certificate, an agreement's `validUntil`, a school's permission, "not in the future", `recordedAt`) uses the
 * proposal's timestamp, which the client chooses; this bound makes each of them exact to within 5 minutes. It is the
 * clock skew Kerberos tolerates by default for the same trade-off (RFC 4120, "acceptable clock skew"): wide enough for
 * any computer whose clock is set automatically plus the gateway's 30 s endorsement timeout, narrow compared with the
 * days an agreement or a permission lasts and the day-precision of entry dates.
 */
export const CLOCK_SKEW_BOUND_MS = 5 * 60 * 1000;

/** Validity of the caller's certificate, in milliseconds since the epoch. */
function certificateValidity(ctx: PediLedgerContext): { notBefore: number; notAfter: number } {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(ctx.clientIdentity.getIDBytes()));
  } catch {
    throw forbidden("the caller's certificate cannot be read");
  }
  return { notBefore: certificate.validFromDate.getTime(), notAfter: certificate.validToDate.getTime() };
}

/**
 * Refuses the proposal unless its timestamp is within {@link CLOCK_SKEW_BOUND_MS} of this endorser's clock
 * (`CLOCK_SKEW`) and the caller's certificate is valid at that timestamp (`CERTIFICATE_EXPIRED`,
 * `CERTIFICATE_NOT_YET_VALID`). It only ever rejects, and changes nothing a transaction writes or returns.
 */
export function checkProposal(ctx: PediLedgerContext): void {
  const txTimeMs = ctx.stub.getDateTimestamp().getTime();
  const boundSeconds = CLOCK_SKEW_BOUND_MS / 1000;
  const skewMs = txTimeMs - ctx.endorserClockMs;
  if (skewMs < -CLOCK_SKEW_BOUND_MS) {
    throw clockSkew(`the proposal's timestamp is more than ${boundSeconds} s behind the endorsing peer's clock`);
  }
  if (skewMs > CLOCK_SKEW_BOUND_MS) {
    throw clockSkew(`the proposal's timestamp is more than ${boundSeconds} s ahead of the endorsing peer's clock`);
  }
  const { notBefore, notAfter } = certificateValidity(ctx);
  if (txTimeMs > notAfter) throw certificateExpired("the caller's certificate had expired at the transaction time");
  if (txTimeMs < notBefore) {
    throw certificateNotYetValid("the caller's certificate was not yet valid at the transaction time");
  }
}
