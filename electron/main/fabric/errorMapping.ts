// Turns what fabric-gateway throws into the app's typed errors. The chaincode's verdict travels as text inside the
// gRPC error (message and per-endorser details), so the coded prefix is recovered from there.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { AppError } from '../../../shared/errors.ts';
import { describeError } from '../util/appLog.ts';
import {
  CommitFailedError,
  EndorsementRefusedError,
  GatewayFailureError,
  OfflineError,
  type ChaincodeErrorCode,
} from './errors.ts';

const CODED_MESSAGE = /\b(NOT_FOUND|FORBIDDEN|INVALID_ARGUMENT|CONFLICT): ([^\n]*)/;

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

/** gRPC codes that mean "this peer cannot be reached right now", where another peer may do. */
export function isUnreachable(error: unknown): boolean {
  return (
    error instanceof GatewayError &&
    UNREACHABLE_CODES.has(error.code) &&
    // A deadline hit while the gateway waited on *other* endorsers is reported with their details; the gateway peer
    // itself answered, so moving to another gateway would not help.
    error.details.length === 0
  );
}

function codedMessage(error: GatewayError): { code: ChaincodeErrorCode; reason: string } | null {
  for (const text of [...error.details.map((detail) => detail.message), error.message]) {
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
}

/**
 * Maps anything a gateway call threw to an {@link AppError}: the chaincode's coded refusals become
 * {@link EndorsementRefusedError}, invalid commits {@link CommitFailedError}, unreachable peers {@link OfflineError};
 * AppErrors pass through.
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
    if (coded !== null) {
      return new EndorsementRefusedError({
        chaincodeCode: coded.code,
        reason: coded.reason,
        transactionName: call.transactionName,
        ...txIdOption,
        cause: error,
      });
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
