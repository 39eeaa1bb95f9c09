// Turns what fabric-gateway throws into the app's typed errors. The chaincode's verdict travels as text inside the
// gRPC error (message and per-endorser details), so the coded prefix is recovered from there.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, EndorseError, GatewayError, StatusCode, type SubmitError } from '@hyperledger/fabric-gateway';
import { chaincodeErrorCodes as ERROR_CODES } from '@pediledger/domain';
import { AppError } from '../../../shared/errors.ts';
import { describeError } from '../util/appLog.ts';
import {
  ChaincodeUnavailableError,
  ClockSkewError,
  CommitFailedError,
  EndorsementRefusedError,
  EndorserFailedError,
  EndorsingOrgUnavailableError,
  GatewayFailureError,
  IdentityExpiredError,
  IdentityRevokedError,
  NetworkSettlingError,
  OfflineError,
  OrderingServiceUnavailableError,
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

/** The organisations an endorsement planning failure names, or null if `error` is not one. */
export function unavailableEndorsingOrgs(error: unknown): string[] | null {
  if (!(error instanceof GatewayError) || error.code !== (GrpcStatus.UNAVAILABLE as number)) return null;
  const missing = MISSING_ENDORSERS.exec(error.message);
  return missing?.[1] === undefined ? null : missing[1].split(/,\s*/).filter((org) => org !== '');
}

/**
 * Whether the gateway could not derive any set of peers for the endorsement policy from its discovery view
 * (registry.go wraps `PeersForEndorsement`'s error so). Right after a peer restart this is transient: gossip has not
 * yet told the gateway about the peer's chaincodes. Retried with backoff before it is shown.
 */
export function isSettlingTopology(error: unknown): boolean {
  return (
    error instanceof GatewayError &&
    error.code === (GrpcStatus.UNAVAILABLE as number) &&
    error.message.includes(NO_ENDORSER_COMBINATION)
  );
}

/**
 * What the gateway answers when it gave up waiting itself, rather than the client's deadline passing: the endorsers
 * or the chaincode did not answer (`endorsement timeout expired while collecting endorsements`, `evaluate timeout
 * expired`, endorse.go/evaluate.go), or the orderer did not (`submit timeout expired while broadcasting …`, submit.go).
 */
const GATEWAY_TIMEOUT = /\b(endorsement|evaluate|submit) timeout expired\b/;

/** The peer's answer when the chaincode server hung, stopped or could not be dialled (core/chaincode). */
const CHAINCODE_NOT_ANSWERING = /timeout expired while executing transaction|could not launch chaincode/;

/** The gateway found no orderer to broadcast to (submit.go). */
const NO_ORDERERS = 'no orderer nodes available';

/** Whether the gateway peer answered with a status of its own about the network behind it. */
function answeredByGateway(error: GatewayError): boolean {
  return (
    unavailableEndorsingOrgs(error) !== null ||
    isSettlingTopology(error) ||
    GATEWAY_TIMEOUT.test(error.message) ||
    error.message.includes(NO_ORDERERS) ||
    // A deadline hit while the gateway waited on *other* endorsers is reported with their details.
    error.details.length > 0
  );
}

/**
 * Whether the chaincode service behind a peer did not answer: the peer said so, or the gateway's endorsement or
 * evaluation deadline passed (with a responsive gateway peer, the slow part is the chaincode).
 */
export function isChaincodeNotAnswering(error: unknown): boolean {
  if (!(error instanceof GatewayError)) return false;
  if (textsOf(error).some((text) => CHAINCODE_NOT_ANSWERING.test(text))) return true;
  return (
    error.code === (GrpcStatus.DEADLINE_EXCEEDED as number) &&
    /\b(endorsement|evaluate) timeout expired\b/.test(error.message)
  );
}

/**
 * Whether the gateway could not hand the transaction to any orderer, so nothing was ordered: none was available,
 * or each refused the broadcast (ABORTED with one detail per orderer). A broadcast that timed out is not this: the
 * orderer may have taken it.
 */
export function isOrderingUnavailable(error: unknown): boolean {
  if (!isSubmitError(error)) return false;
  if (error.code === (GrpcStatus.UNAVAILABLE as number) && error.message.includes(NO_ORDERERS)) return true;
  return error.code === (GrpcStatus.ABORTED as number) && error.details.length > 0;
}

/**
 * Whether `error` is fabric-gateway's SubmitError (the submit to the orderer failed). fabric-gateway exports its class
 * as a type only, so it is known by the name its constructor sets.
 */
export function isSubmitError(error: unknown): error is SubmitError {
  return error instanceof GatewayError && error.name === 'SubmitError';
}

/** The endorsers an ABORTED endorsement names as failed, when none of them gave the chaincode's coded verdict. */
function failedEndorsers(error: GatewayError): { mspId: string; address: string }[] | null {
  if (!(error instanceof EndorseError) || error.code !== (GrpcStatus.ABORTED as number)) return null;
  if (error.details.length === 0) return null;
  if (error.details.some((detail) => detail.message.includes('ProposalResponsePayloads do not match'))) return null;
  return error.details.map(({ mspId, address }) => ({ mspId, address }));
}

/** Everything a gateway answered, verbatim, for the technical-details disclosure (never for the message). */
export function technicalText(error: unknown): string[] {
  if (!(error instanceof GatewayError)) return [];
  return [error.message, ...error.details.map((d) => `${d.mspId}@${d.address}: ${d.message}`)];
}

/** gRPC codes that mean "this peer cannot be reached right now", where another peer may do. */
export function isUnreachable(error: unknown): boolean {
  return (
    error instanceof GatewayError &&
    UNREACHABLE_CODES.has(error.code) &&
    // The gateway answered about the network behind it (another organisation's peers missing, its own view still
    // settling, the chaincode or the orderers not answering it): every gateway would say the same, so dropping this
    // healthy one would only tear down a working connection.
    !answeredByGateway(error)
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

/**
 * A gateway's answer about a part of the network behind it, naming that part: another organisation's peers, the
 * gateway's own view still settling, the chaincode service, the ordering service, a named endorser. Null otherwise.
 */
function networkFault(
  error: GatewayError,
  transactionName: string,
  options: { txId?: string; technical: string[]; cause: unknown },
): AppError | null {
  const missingOrgs = unavailableEndorsingOrgs(error);
  if (missingOrgs !== null) {
    return new EndorsingOrgUnavailableError(transactionName, missingOrgs, {
      ...(options.txId === undefined ? {} : { txId: options.txId }),
      cause: error,
    });
  }
  if (isSettlingTopology(error)) return new NetworkSettlingError(transactionName, options);
  if (isChaincodeNotAnswering(error)) return new ChaincodeUnavailableError(transactionName, options);
  if (isOrderingUnavailable(error)) return new OrderingServiceUnavailableError(transactionName, options);
  const endorsers = failedEndorsers(error);
  return endorsers === null ? null : new EndorserFailedError(transactionName, endorsers, options);
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
    const technical = technicalText(error);
    const fault = networkFault(error, call.transactionName, { ...txIdOption, technical, cause: error });
    if (fault !== null) return fault;
    if (isUnreachable(error)) {
      return new OfflineError(`${call.transactionName}: the network cannot be reached.`, {
        ...txIdOption,
        details: { technical },
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
    return new GatewayFailureError(`${call.transactionName} failed in the network.`, {
      ...txIdOption,
      details: { grpcCode: error.code, technical },
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
