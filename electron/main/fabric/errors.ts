// Typed errors of the network-facing services. Each one carries a stable code the renderer switches on, and converts
// to the plain IPC DTO through `toSerializableError` like every other AppError.
import { AppError, type AppErrorOptions } from '../../../shared/errors.ts';

/** Codes of the errors in this module. */
export const FabricErrorCode = {
  /** The chaincode refused the proposal (its coded message is kept: FORBIDDEN, NOT_FOUND, INVALID_ARGUMENT, CONFLICT). */
  EndorsementRefused: 'ENDORSEMENT_REFUSED',
  /** The transaction was ordered but failed validation (MVCC conflict, endorsement policy failure, …). */
  CommitFailed: 'COMMIT_FAILED',
  /** No gateway peer of the profile answers. */
  Offline: 'NETWORK_OFFLINE',
  /** There is no active identity, or no connection was opened for it. */
  NotConnected: 'NOT_CONNECTED',
  /** A gateway call failed for a reason that is not the chaincode's verdict (orderer down, deadline, …). */
  Gateway: 'GATEWAY_FAILURE',
  /** The chaincode answered with data the app does not understand (version skew between app and chaincode). */
  UnexpectedResponse: 'UNEXPECTED_LEDGER_RESPONSE',
} as const;

/** The stable prefixes of the chaincode's rejections (chaincode/src/shared/errors.ts). */
export type ChaincodeErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_ARGUMENT' | 'CONFLICT';

/** Properties of {@link EndorsementRefusedError}. */
export interface EndorsementRefusedProperties {
  /** The chaincode's code, or null when the refusal carried no coded message (e.g. an ACL refusal by the peer). */
  chaincodeCode: ChaincodeErrorCode | null;
  /** The chaincode's one-line message after the code. */
  reason: string;
  transactionName: string;
  txId?: string;
  cause?: unknown;
}

/**
 * The chaincode (or the peer, before it) refused a proposal. `chaincodeCode` is API: the UI maps `FORBIDDEN` to "you
 * may not do this", `CONFLICT` to "someone changed this first", and so on.
 */
export class EndorsementRefusedError extends AppError {
  override name = 'EndorsementRefusedError';
  /** The chaincode's coded prefix, if there was one. */
  readonly chaincodeCode: ChaincodeErrorCode | null;
  /** The chaincode's message after its code. */
  readonly reason: string;

  constructor(properties: Readonly<EndorsementRefusedProperties>) {
    const prefix = properties.chaincodeCode === null ? '' : `${properties.chaincodeCode}: `;
    super(FabricErrorCode.EndorsementRefused, `${properties.transactionName} refused: ${prefix}${properties.reason}`, {
      ...(properties.txId === undefined ? {} : { txId: properties.txId }),
      details: {
        chaincodeCode: properties.chaincodeCode,
        reason: properties.reason,
        transaction: properties.transactionName,
      },
      cause: properties.cause,
    });
    this.chaincodeCode = properties.chaincodeCode;
    this.reason = properties.reason;
  }
}

/** Properties of {@link CommitFailedError}. */
export interface CommitFailedProperties {
  txId: string;
  /** Fabric's TxValidationCode number. */
  validationCode: number;
  /** Its name, e.g. `MVCC_READ_CONFLICT`. */
  validationCodeName: string;
  transactionName: string;
  cause?: unknown;
}

/** The transaction reached a block but was marked invalid: none of its writes happened. */
export class CommitFailedError extends AppError {
  override name = 'CommitFailedError';
  /** Fabric's TxValidationCode. */
  readonly validationCode: number;
  /** The validation code's name. */
  readonly validationCodeName: string;

  constructor(properties: Readonly<CommitFailedProperties>) {
    super(
      FabricErrorCode.CommitFailed,
      `${properties.transactionName} was not committed: ${properties.validationCodeName}`,
      {
        txId: properties.txId,
        details: {
          validationCode: properties.validationCode,
          validationCodeName: properties.validationCodeName,
          transaction: properties.transactionName,
        },
        cause: properties.cause,
      },
    );
    this.validationCode = properties.validationCode;
    this.validationCodeName = properties.validationCodeName;
  }
}

/** No gateway peer could be reached. Nothing was submitted, unless `txId` is set (then the outcome is unknown). */
export class OfflineError extends AppError {
  override name = 'OfflineError';
  constructor(message: string, options: AppErrorOptions = {}) {
    super(FabricErrorCode.Offline, message, options);
  }
}

/** The service was used before a connection was opened for the active identity. */
export class NotConnectedError extends AppError {
  override name = 'NotConnectedError';
  constructor(message = 'Not connected: choose an identity first') {
    super(FabricErrorCode.NotConnected, message);
  }
}

/** A gateway failure that is neither a refusal nor a lost connection. */
export class GatewayFailureError extends AppError {
  override name = 'GatewayFailureError';
  constructor(message: string, options: AppErrorOptions = {}) {
    super(FabricErrorCode.Gateway, message, options);
  }
}

/** The ledger answered with something outside the shared schemas. */
export class UnexpectedResponseError extends AppError {
  override name = 'UnexpectedResponseError';
  constructor(message: string, options: AppErrorOptions = {}) {
    super(FabricErrorCode.UnexpectedResponse, message, options);
  }
}
