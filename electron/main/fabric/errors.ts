// Typed errors of the network-facing services. Each one carries a stable code the renderer switches on, and converts
// to the plain IPC DTO through `toSerializableError` like every other AppError.
import { errorCodes, type AppErrorCode, type ChaincodeErrorCode as ChaincodeCode } from '@pediledger/domain';
import { AppError, type AppErrorOptions, type JsonValue } from '../../../shared/errors.ts';
import { messageErrorClass } from '../../../shared/errorClass.ts';

/** Codes of the errors in this module. */
export const FabricErrorCode = {
  /** The chaincode refused the proposal (its coded message is kept: FORBIDDEN, NOT_FOUND, INVALID_ARGUMENT, …). */
  EndorsementRefused: errorCodes.endorsementRefused,
  /** The transaction was ordered but failed validation (MVCC conflict, endorsement policy failure, …). */
  CommitFailed: errorCodes.commitFailed,
  /** No gateway peer of the profile answers. */
  Offline: errorCodes.networkOffline,
  /** There is no active identity, or no connection was opened for it. */
  NotConnected: errorCodes.notConnected,
  /** A gateway call failed for a reason that is not the chaincode's verdict (orderer down, deadline, …). */
  Gateway: errorCodes.gatewayFailure,
  /** The gateway peer answered, but no peer of an organisation whose endorsement is needed can be reached. */
  EndorsingOrgUnavailable: errorCodes.endorsingOrgUnavailable,
  /** The chaincode answered with data the app does not understand (version skew between app and chaincode). */
  UnexpectedResponse: errorCodes.unexpectedLedgerResponse,
  /** The active identity's certificate has expired: the user needs a new one-time secret and to enroll again. */
  IdentityExpired: errorCodes.identityExpired,
  /** The network no longer accepts the identity's certificate: its organisation revoked it. */
  IdentityRevoked: errorCodes.identityRevoked,
  /** This computer's clock is further from the network's than the chaincode allows. */
  ClockSkew: errorCodes.clockSkew,
  /** A named organisation's peer failed to endorse (down, or its answer did not arrive). */
  EndorserFailed: errorCodes.endorserFailed,
  /** The chaincode service did not answer its peer in time. */
  ChaincodeUnavailable: errorCodes.chaincodeUnavailable,
  /** The gateway could not hand the transaction to any orderer. */
  OrderingServiceUnavailable: errorCodes.orderingServiceUnavailable,
  /** Handed to the orderer; no peer could say yet whether it committed. */
  OutcomeUnknown: errorCodes.outcomeUnknown,
  /** The gateway cannot plan an endorsement yet, right after a peer restart. */
  NetworkSettling: errorCodes.networkSettling,
} as const satisfies Record<string, AppErrorCode>;

/** The stable prefixes of the chaincode's rejections. */
export type ChaincodeErrorCode = ChaincodeCode;

/** Every chaincode code is part of the one vocabulary (domain/src/errorCodes.ts): one missing there fails to compile here. */
export function chaincodeCodeInVocabulary(code: ChaincodeErrorCode): AppErrorCode {
  return code;
}

/** What every refusal below knows of its transaction. */
interface RefusedTransaction {
  transactionName: string;
  txId?: string;
  cause?: unknown;
}

/** A refusal's options: its transaction id when known, `details` and the transaction's name, and the cause. */
function refusalOptions(refused: Readonly<RefusedTransaction>, details: Record<string, JsonValue>): AppErrorOptions {
  return {
    ...(refused.txId === undefined ? {} : { txId: refused.txId }),
    details: { ...details, transaction: refused.transactionName },
    cause: refused.cause,
  };
}

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
    super(
      FabricErrorCode.EndorsementRefused,
      `${properties.transactionName} refused: ${prefix}${properties.reason}`,
      refusalOptions(properties, { chaincodeCode: properties.chaincodeCode, reason: properties.reason }),
    );
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
export const OfflineError = messageErrorClass('OfflineError', FabricErrorCode.Offline);
export type OfflineError = InstanceType<typeof OfflineError>;

/** The service was used before a connection was opened for the active identity. */
export class NotConnectedError extends AppError {
  override name = 'NotConnectedError';
  constructor(message = 'Not connected: choose an identity first') {
    super(FabricErrorCode.NotConnected, message);
  }
}

/** A gateway failure that is neither a refusal nor a lost connection. */
export const GatewayFailureError = messageErrorClass('GatewayFailureError', FabricErrorCode.Gateway);
export type GatewayFailureError = InstanceType<typeof GatewayFailureError>;

/**
 * The gateway peer answered, but could not plan the endorsement: no peer of `orgs` is reachable from it (Fabric 2.5's
 * `failed to find any endorsing peers for org(s)` / `no combination of peers can be derived`, both gRPC UNAVAILABLE
 * from the gateway's own registry, internal/pkg/gateway/registry.go). Nothing was endorsed or ordered. Another gateway
 * would see the same organisations missing, so this is not "this computer is offline" and the connection stays.
 */
export class EndorsingOrgUnavailableError extends AppError {
  override name = 'EndorsingOrgUnavailableError';
  /** MSP ids the gateway named as unreachable; empty when it did not name them. */
  readonly orgs: readonly string[];
  constructor(transactionName: string, orgs: readonly string[], options: AppErrorOptions = {}) {
    const who = orgs.length === 0 ? 'another organisation' : orgs.join(', ');
    super(
      FabricErrorCode.EndorsingOrgUnavailable,
      `${transactionName} needs the endorsement of ${who}, whose peer the network cannot reach right now. ` +
        'Nothing was sent to the ledger.',
      { ...options, details: { orgs: [...orgs], transaction: transactionName } },
    );
    this.orgs = orgs;
  }
}

/** The ledger answered with something outside the shared schemas. */
export const UnexpectedResponseError = messageErrorClass('UnexpectedResponseError', FabricErrorCode.UnexpectedResponse);
export type UnexpectedResponseError = InstanceType<typeof UnexpectedResponseError>;

/** Properties of {@link IdentityExpiredError}. */
export interface IdentityExpiredProperties {
  mspId: string;
  /** When the certificate expired (ISO instant). */
  notAfter: string;
  transactionName: string;
  txId?: string;
  cause?: unknown;
}

/**
 * The network refused the active identity because its certificate has expired (the chaincode's
 * `CERTIFICATE_EXPIRED`, or a peer's "proposal client identity expired"). An expired certificate cannot renew itself
 * at the CA, so the user needs a new one-time secret from their administrator and must enroll again.
 */
export class IdentityExpiredError extends AppError {
  override name = 'IdentityExpiredError';
  constructor(properties: Readonly<IdentityExpiredProperties>) {
    super(
      FabricErrorCode.IdentityExpired,
      `Your certificate (${properties.mspId}) expired on ${properties.notAfter}, so the network refuses it. ` +
        'Ask your administrator for a new one-time secret, then enroll again.',
      refusalOptions(properties, { mspId: properties.mspId, notAfter: properties.notAfter }),
    );
  }
}

/** Properties of {@link IdentityRevokedError}. */
export interface IdentityRevokedProperties {
  /** The organisation (MSP) the peers named: the one whose CA issued the certificate and revoked it. */
  mspId: string;
  transactionName: string;
  txId?: string;
  cause?: unknown;
}

/**
 * The peers refused the active identity's certificate before any chaincode ran: `access denied: channel [<ch>]
 * creator org [<MSP>]` (Fabric 2.5 core/endorser/msgvalidation.go). The peer logs the reason ("The certificate has been
 * revoked", msp/mspimplvalidate.go) but tells the client only that generic line; for a certificate of the org's own
 * CA that is not expired (expiry is refused with its own code) and that signed its own proposal, it means the
 * organisation put the certificate on the CRL in its channel MSP.
 */
export class IdentityRevokedError extends AppError {
  override name = 'IdentityRevokedError';
  constructor(properties: Readonly<IdentityRevokedProperties>) {
    super(
      FabricErrorCode.IdentityRevoked,
      `Your identity has been revoked by your organisation (${properties.mspId}): the network no longer accepts its ` +
        'certificate. Ask your administrator for a new one-time secret, then enroll again.',
      refusalOptions(properties, { mspId: properties.mspId }),
    );
  }
}

/** Properties of {@link ClockSkewError}. */
export interface ClockSkewProperties {
  /** `slow`: the proposal was stamped behind the peers' clocks; `fast`: ahead of them. */
  direction: 'slow' | 'fast';
  /** The chaincode's bound, in seconds. */
  boundSeconds: number;
  transactionName: string;
  txId?: string;
  cause?: unknown;
}

/**
 * The chaincode refused the proposal's timestamp (`CLOCK_SKEW`): fabric-gateway stamps proposals with this computer's
 * clock, and it is further from the network's than the bound. Nothing was written.
 */
export class ClockSkewError extends AppError {
  override name = 'ClockSkewError';
  constructor(properties: Readonly<ClockSkewProperties>) {
    const minutes = Math.round(properties.boundSeconds / 60);
    super(
      FabricErrorCode.ClockSkew,
      `This computer's clock is more than ${String(minutes)} minutes ${properties.direction} compared with the ` +
        "network's, so the network refused the request. Set the date and time automatically (or correct them), " +
        'then try again. Nothing was changed.',
      refusalOptions(properties, { direction: properties.direction, boundSeconds: properties.boundSeconds }),
    );
  }
}

/**
 * The raw text a gateway answered (gRPC status line, each endorser's or orderer's detail), for the renderer's
 * "technical details" disclosure and the log: never part of a message the user reads.
 */
export type TechnicalText = readonly string[];

/** Common options of the network-fault errors below. */
export interface NetworkFaultOptions {
  txId?: string;
  /** What the gateway answered, verbatim (see {@link TechnicalText}). */
  technical?: TechnicalText;
  cause?: unknown;
}

function faultOptions(
  options: Readonly<NetworkFaultOptions>,
  details: Record<string, string | string[]>,
): AppErrorOptions {
  return {
    ...(options.txId === undefined ? {} : { txId: options.txId }),
    details: { ...details, ...(options.technical === undefined ? {} : { technical: [...options.technical] }) },
    cause: options.cause,
  };
}

/** One endorser a gateway named in its answer. */
export interface NamedEndorser {
  mspId: string;
  address: string;
}

/** The class {@link transactionFaultClass} makes: `new (transactionName, options?)`, an AppError named `N`. */
type TransactionFaultClass<N extends string> = new (
  transactionName: string,
  options?: NetworkFaultOptions,
) => AppError & { readonly name: N };

/**
 * The network-fault class called `name` whose message is `<transactionName>: <outcome>`, with the transaction named in
 * its details (see {@link faultOptions}): the faults below that say only what happened to one transaction.
 */
function transactionFaultClass<N extends string>(
  name: N,
  code: AppErrorCode,
  outcome: string,
): TransactionFaultClass<N> {
  const faultClass = class extends AppError {
    override readonly name: N = name;
    constructor(transactionName: string, options: NetworkFaultOptions = {}) {
      super(code, `${transactionName}: ${outcome}`, faultOptions(options, { transaction: transactionName }));
    }
  };
  Object.defineProperty(faultClass, 'name', { value: name });
  return faultClass;
}

/**
 * The gateway collected too few endorsements because a named organisation's peer failed (Fabric 2.5
 * internal/pkg/gateway/endorse.go: ABORTED "failed to collect enough transaction endorsements" with one detail per
 * endorser that failed, here ones that did not answer as a peer, e.g. `connection refused`). Nothing was ordered.
 */
export class EndorserFailedError extends AppError {
  override name = 'EndorserFailedError';
  readonly endorsers: readonly NamedEndorser[];
  constructor(transactionName: string, endorsers: readonly NamedEndorser[], options: NetworkFaultOptions = {}) {
    const orgs = [...new Set(endorsers.map((e) => e.mspId))];
    const who = orgs.length === 0 ? 'another organisation' : orgs.join(', ');
    super(
      FabricErrorCode.EndorserFailed,
      `${transactionName}: the peer of ${who} did not endorse it (down or unreachable). Nothing was recorded.`,
      faultOptions(options, { transaction: transactionName, orgs }),
    );
    this.endorsers = endorsers;
  }
}

/**
 * The peer could not run the chaincode in time: the chaincode server is hung, stopped or unreachable from its peer
 * (`timeout expired while executing transaction`, `could not launch chaincode`, core/chaincode), or the gateway's
 * own endorsement/evaluation deadline passed while it waited (`endorsement timeout expired …`). Nothing was recorded.
 */
export const ChaincodeUnavailableError = transactionFaultClass(
  'ChaincodeUnavailableError',
  FabricErrorCode.ChaincodeUnavailable,
  'the chaincode service did not answer in time. Nothing was recorded.',
);
export type ChaincodeUnavailableError = InstanceType<typeof ChaincodeUnavailableError>;

/**
 * The gateway could not hand the transaction to any orderer (`no orderer nodes available`, or every orderer refused
 * the broadcast; internal/pkg/gateway/submit.go). The gateway answered, so another gateway would not help. Nothing
 * was recorded.
 */
export const OrderingServiceUnavailableError = transactionFaultClass(
  'OrderingServiceUnavailableError',
  FabricErrorCode.OrderingServiceUnavailable,
  'the ordering service did not take the change. Nothing was recorded.',
);
export type OrderingServiceUnavailableError = InstanceType<typeof OrderingServiceUnavailableError>;

/**
 * The transaction `txId` was handed to the orderer (or may have been), and neither the gateway peer nor any other
 * peer of the profile could say yet whether it committed. It may still commit; it can never commit twice (Fabric
 * marks a second transaction with the same id DUPLICATE_TXID). The app keeps checking in the background and reports
 * the outcome as `tx:progress` of this `txId`.
 */
export class OutcomeUnknownError extends AppError {
  override name = 'OutcomeUnknownError';
  constructor(transactionName: string, txId: string, options: Omit<NetworkFaultOptions, 'txId'> = {}) {
    super(
      FabricErrorCode.OutcomeUnknown,
      `${transactionName} was sent, but could not be confirmed yet. The app keeps checking.`,
      faultOptions({ ...options, txId }, { transaction: transactionName }),
    );
  }
}

/**
 * The gateway could not derive a set of peers satisfying the endorsement policy although every organisation has a
 * peer (`no combination of peers can be derived …`): its view of the network is still settling after a peer restart.
 * Shown only once retries with backoff did not outlast it. Nothing was recorded.
 */
export const NetworkSettlingError = transactionFaultClass(
  'NetworkSettlingError',
  FabricErrorCode.NetworkSettling,
  'the network is still reconnecting its peers. Nothing was recorded.',
);
export type NetworkSettlingError = InstanceType<typeof NetworkSettlingError>;
