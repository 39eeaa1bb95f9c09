// Turns what fabric-gateway throws into the app's typed errors. The chaincode's verdict travels as text inside the
// gRPC error (message and per-endorser details), so the coded prefix is recovered from there.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { chaincodeErrorCodes as ERROR_CODES } from '@pediledger/domain';
import { AppError } from '../../../shared/errors.ts';
import { describeError } from '../util/appLog.ts';
import {
  ClockSkewError,
  CommitFailedError,
  EndorsementRefusedError,
  EndorsingOrgUnavailableError,
  GatewayFailureError,
  IdentityExpiredError,
  IdentityRevokedError,
  OfflineError,
  type ChaincodeErrorCode,
} from './errors.ts';

/** `CODE: message`, with CODE one of the chaincode's own (@pediledger/domain `chaincodeErrorCodes`). */
const CODED_MESSAGE = new RegExp(`\\b(${ERROR_CODES.join('|')}): ([^\\n]*)`);

/** `CLOCK_SKEW: the proposal's timestamp is more than 300 s behind|ahead of the endorsing peer's clock`. */
const CLOCK_SKEW_REASON = /more than (\d+) s (behind|ahead of)/;

/**
 * The endorser's refusal of a creator certificate that deserialized but did not validate (Fabric 2.5
 * core/endorser/msgvalidation.go: `access denied: channel [<ch>] creator org [<MSP>]`), which the gateway returns
 * with gRPC FAILED_PRECONDITION for an evaluation and ABORTED (per-endorser details) for an endorsement. A creator of
 * an org that is not in the channel gets `creator org unknown` instead, which this does not match.
 */
const CREATOR_REFUSED = /access denied: channel \[[^\]]*\] creator org \[([^\]]+)\]/;

/** What the `ExpirationCheck` auth filter of another organisation's peer answers for an expired creator. */
const EXPIRED_AT_PEER = 'proposal client identity expired';

/** gRPC codes that mean the gateway peer did not answer in time or at all. */
const UNREACHABLE_CODES: ReadonlySet<number> = new Set<number>([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED]);

/** gRPC codes the peer uses to refuse a caller before any chaincode runs (ACLs, unknown channel). */
const PEER_REFUSAL_CODES: ReadonlySet<number> = new Set<number>([
  GrpcStatus.FAILED_PRECONDITION,
  GrpcStatus.PERMISSION_DENIED,
]);

const STATUS_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(StatusCode).map(([name, code]) => [code, name] as const),
);

/** The name of a Fabric transaction validation code (e.g. 11 → `MVCC_READ_CONFLICT`). */
export function validationCodeName(code: number): string {
  return STATUS_NAMES.get(code) ?? `UNKNOWN_${code}`;
}

/**
 * What a Fabric 2.5 gateway answers, as gRPC UNAVAILABLE, when it cannot plan an endorsement because no peer of some
 * organisation is reachable from it (internal/pkg/gateway/registry.go). The gateway itself answered.
 */
const MISSING_ENDORSERS = /failed to find any endorsing peers for org\(s\): ([^\s].*?)\s*$/;
const NO_ENDORSER_COMBINATION = 'no combination of peers can be derived which satisfy the endorsement policy';

/** The organisations an endorsement planning failure names (empty: it named none), or null if `error` is not one. */
export function unavailableEndorsingOrgs(error: unknown): string[] | null {
  if (!(error instanceof GatewayError) || error.code !== (GrpcStatus.UNAVAILABLE as number)) return null;
  const missing = MISSING_ENDORSERS.exec(error.message);
  if (missing?.[1] !== undefined) return missing[1].split(/,\s*/).filter((org) => org !== '');
  return error.message.includes(NO_ENDORSER_COMBINATION) ? [] : null;
}

/** gRPC codes that mean "this peer cannot be reached right now", where another peer may do. */
export function isUnreachable(error: unknown): boolean {
  return (
    error instanceof GatewayError &&
    UNREACHABLE_CODES.has(error.code) &&
    // The gateway answered that *another organisation's* peers are missing: every gateway would say the same, so
    // dropping this healthy one would only tear down a working connection.
    unavailableEndorsingOrgs(error) === null &&
    // A deadline hit while the gateway waited on *other* endorsers is reported with their details; the gateway peer
    // itself answered, so moving to another gateway would not help.
    error.details.length === 0
  );
}

/** Every text a gateway error carries: each endorser's detail, then the message. */
function textsOf(error: GatewayError): string[] {
  return [...error.details.map((detail) => detail.message), error.message];
}

function codedMessage(error: GatewayError): { code: ChaincodeErrorCode; reason: string } | null {
  for (const text of textsOf(error)) {
    const match = CODED_MESSAGE.exec(text);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      return { code: match[1] as ChaincodeErrorCode, reason: match[2].trim() };
    }
  }
  return null;
}

/** What {@link toFabricError} needs to know about the call that failed. */
export interface FailedCall {
  transactionName: string;
  /** The transaction id, once a proposal was built. */
  txId?: string;
  /** The identity that signed it (its MSP and certificate expiry), to explain refusals of that identity. */
  caller?: { mspId: string; notAfter: string };
}

type RefusalBase = { transactionName: string; txId?: string; cause: unknown };

function clockSkewRefusal(reason: string, base: RefusalBase): ClockSkewError {
  const match = CLOCK_SKEW_REASON.exec(reason);
  return new ClockSkewError({
    ...base,
    direction: match?.[2] === 'ahead of' ? 'fast' : 'slow',
    boundSeconds: Number(match?.[1] ?? 300),
  });
}

function revokedRefusal(texts: readonly string[], base: RefusalBase): IdentityRevokedError | null {
  for (const text of texts) {
    const mspId = CREATOR_REFUSED.exec(text)?.[1];
    if (mspId !== undefined) return new IdentityRevokedError({ ...base, mspId });
  }
  return null;
}

/**
 * The refusals that concern the identity or this computer rather than the request: an expired or revoked
 * certificate, a clock outside the chaincode's bound. Null for anything else.
 */
function identityRefusal(
  error: GatewayError,
  coded: { code: ChaincodeErrorCode; reason: string } | null,
  call: Readonly<FailedCall>,
): AppError | null {
  const base: RefusalBase = {
    transactionName: call.transactionName,
    ...(call.txId === undefined ? {} : { txId: call.txId }),
    cause: error,
  };
  const texts = textsOf(error);
  if (coded?.code === 'CERTIFICATE_EXPIRED' || texts.some((text) => text.includes(EXPIRED_AT_PEER))) {
    const caller = call.caller ?? { mspId: 'your organisation', notAfter: 'an earlier date' };
    return new IdentityExpiredError({ ...base, ...caller });
  }
  if (coded?.code === 'CLOCK_SKEW') return clockSkewRefusal(coded.reason, base);
  return coded === null ? revokedRefusal(texts, base) : null;
}

/**
 * Maps anything a gateway call threw to an {@link AppError}: refusals of the identity or of this computer's clock
 * become {@link IdentityExpiredError}, {@link IdentityRevokedError} or {@link ClockSkewError}; the chaincode's other
 * coded refusals {@link EndorsementRefusedError}, invalid commits {@link CommitFailedError}, unreachable peers
 * {@link OfflineError}; AppErrors pass through.
 */
export function toFabricError(error: unknown, call: Readonly<FailedCall>): AppError {
  if (error instanceof AppError) return error;
  const txIdOption = call.txId === undefined ? {} : { txId: call.txId };
  if (error instanceof CommitError) {
    return new CommitFailedError({
      txId: error.transactionId,
      validationCode: error.code,
      validationCodeName: validationCodeName(error.code),
      transactionName: call.transactionName,
      cause: error,
    });
  }
  if (error instanceof GatewayError) {
    const coded = codedMessage(error);
    const refusal = identityRefusal(error, coded, call);
    if (refusal !== null) return refusal;
    if (coded !== null) {
      return new EndorsementRefusedError({
        chaincodeCode: coded.code,
        reason: coded.reason,
        transactionName: call.transactionName,
        ...txIdOption,
        cause: error,
      });
    }
    const missingOrgs = unavailableEndorsingOrgs(error);
    if (missingOrgs !== null) {
      return new EndorsingOrgUnavailableError(call.transactionName, missingOrgs, { ...txIdOption, cause: error });
    }
    if (isUnreachable(error)) {
      return new OfflineError(`${call.transactionName}: the network cannot be reached (${error.message})`, {
        ...txIdOption,
        cause: error,
      });
    }
    if (PEER_REFUSAL_CODES.has(error.code)) {
      return new EndorsementRefusedError({
        chaincodeCode: null,
        reason: error.details[0]?.message ?? error.message,
        transactionName: call.transactionName,
        ...txIdOption,
        cause: error,
      });
    }
    return new GatewayFailureError(`${call.transactionName} failed: ${error.message}`, {
      ...txIdOption,
      details: { grpcCode: error.code, endorsers: error.details.map((d) => `${d.mspId}@${d.address}: ${d.message}`) },
      cause: error,
    });
  }
  // Not a gateway error: its message may quote data (a JSON parse error quotes its input), so it is described by class
  // and code, as the log would, and kept whole as the cause.
  return new GatewayFailureError(`${call.transactionName} failed: ${describeError(error)}`, {
    ...txIdOption,
    cause: error,
  });
}
