// Submits transactions with progress reports, a safe retry on every transient failure, and an outcome that is never
// guessed: once a transaction may have reached the orderer, the answer is "committed", "invalid" (from a peer's
// commit status) or OUTCOME_UNKNOWN, never "nothing changed".
import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  CommitError,
  EndorseError,
  StatusCode,
  type Gateway,
  type Status,
  type Transaction,
} from '@hyperledger/fabric-gateway';
import { gateway as gatewayProtos } from '@hyperledger/fabric-protos';
import { setTimeout as sleep } from 'node:timers/promises';
import { toSerializableError, type AppError } from '../../../shared/errors.ts';
import type { Committed } from '../../../shared/ipc/dto/workflow.ts';
import { isOrderingUnavailable, isSettlingTopology, isSubmitError, toFabricError } from '../fabric/errorMapping.ts';
import { EndorsementRefusedError, OutcomeUnknownError } from '../fabric/errors.ts';
import type { FabricConnection } from '../fabric/fabricConnection.ts';
import { newCommitWatcher, type CommitWatcher } from './commitWatcher.ts';
import type { TxProgress, TxProgressListener } from './txProgress.ts';

/** One transaction to submit. */
export interface SubmitRequest {
  channel: string;
  chaincode: string;
  transactionName: string;
  arguments: readonly string[];
  /** Private inputs: sent to the endorsers only, never written to the block. */
  transientData?: Readonly<Record<string, Uint8Array>>;
  /** The organisations that must endorse (null: the gateway decides from the chaincode policy). */
  endorsingOrganizations?: readonly string[] | null;
  /**
   * Re-reads the ledger to find out whether this operation already took effect: returns the result bytes if so (the
   * record exists with the same content), null if not. Used before a retry and when a previous attempt's outcome is
   * unknown, so a retried create never fails with "already exists" on its own earlier success.
   */
  reconcile?: () => Promise<Uint8Array | null>;
}

/**
 * What the submitter needs of the connection: gateway calls with failover, and questions any peer of the profile can
 * answer (the commit status of a transaction id). {@link FabricConnection} is one.
 */
export type GatewaySession = Pick<FabricConnection, 'withGateway' | 'askEachPeer' | 'caller'>;

/** Options for {@link TransactionSubmitter}. */
export interface TransactionSubmitterOptions {
  /** Runs gateway calls with failover (the app's {@link FabricConnection}). */
  connection: GatewaySession;
  /** Progress reports of every submission, including the background re-checks' verdicts. */
  onProgress?: TxProgressListener;
  /** Tries per submission, counting the first (default {@link DEFAULT_MAX_ATTEMPTS}). */
  maxAttempts?: number;
  /** How long each peer may take to give a transaction's commit status when re-checking (default 5 s). */
  recheckMs?: number;
  /** Keeps checking transactions whose outcome is unknown (default: checks through `connection`, with backoff). */
  watcher?: CommitWatcher;
  /** Waits before a retry (default: a timer); tests pass one that records the delays. */
  sleep?: (ms: number) => Promise<unknown>;
  /** Uniform [0, 1) for the backoff's jitter (default Math.random). */
  random?: () => number;
}

/** Tries per submission, counting the first. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** Tries when a peer answers NOT_FOUND (it may lag behind the peer that committed the record a moment ago). */
export const LAGGING_ENDORSER_ATTEMPTS = 3;

/** Default per-peer deadline of a commit-status re-check. */
export const DEFAULT_RECHECK_MS = 5_000;

/**
 * The transient failures a fresh endorsement may well not meet again, named as Fabric names them. Each leaves
 * nothing on the ledger, so the transaction is endorsed again with fresh reads.
 */
export type TransientConflict =
  /** Commit-time: a key this transaction read was written by a transaction ordered before it. */
  | 'MVCC_READ_CONFLICT'
  /** Commit-time: a range this transaction read gained or lost keys before it was ordered. */
  | 'PHANTOM_READ_CONFLICT'
  /**
   * Endorse-time: the endorsers' results differ, typically because one peer has not committed the latest block yet
   * (the gateway answers ABORTED "failed to collect enough transaction endorsements" with this detail per endorser).
   */
  | 'ENDORSEMENT_MISMATCH';

/** Transient states of the network itself, retried with the same backoff; nothing was endorsed or ordered. */
export type TransientState =
  /** The gateway cannot plan an endorsement yet after a peer restart (`no combination of peers can be derived`). */
  | 'SETTLING_TOPOLOGY'
  /** An endorser answered the chaincode's NOT_FOUND: it may not have committed the block with the record yet. */
  | 'LAGGING_ENDORSER';

/** Fabric's gateway detail for endorsers whose proposal responses differ (internal/pkg/gateway/endorsement.go). */
const PAYLOAD_MISMATCH = 'ProposalResponsePayloads do not match';

/** Which transient conflict `error` is, from fabric-gateway's own error classes; null for anything else. */
export function transientConflictOf(error: unknown): TransientConflict | null {
  if (error instanceof CommitError) {
    if (error.code === StatusCode.MVCC_READ_CONFLICT) return 'MVCC_READ_CONFLICT';
    if (error.code === StatusCode.PHANTOM_READ_CONFLICT) return 'PHANTOM_READ_CONFLICT';
    return null;
  }
  if (
    error instanceof EndorseError &&
    error.code === (GrpcStatus.ABORTED as number) &&
    error.details.some((detail) => detail.message.includes(PAYLOAD_MISMATCH))
  ) {
    return 'ENDORSEMENT_MISMATCH';
  }
  return null;
}

/** Which transient network state `error` (thrown) and `mapped` (its AppError) are; null for anything else. */
export function transientStateOf(error: unknown, mapped: AppError): TransientState | null {
  if (isSettlingTopology(error)) return 'SETTLING_TOPOLOGY';
  if (mapped instanceof EndorsementRefusedError && mapped.chaincodeCode === 'NOT_FOUND') return 'LAGGING_ENDORSER';
  return null;
}

/** About one block: the orderer cuts a block at most 200 ms after its first transaction (BatchTimeout). */
const RETRY_WINDOW_MS = 250;
const MAX_RETRY_WINDOW_MS = 2_000;

/**
 * How long to wait before try `attempt + 1`: half a window plus a random half, the window doubling from about one
 * block. Writers that conflicted retry into different blocks instead of meeting again in the next one, and a lagging
 * endorser gets at least half a block to catch up.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const window = Math.min(RETRY_WINDOW_MS * 2 ** (attempt - 1), MAX_RETRY_WINDOW_MS);
  return Math.floor(window / 2 + random() * (window / 2));
}

/**
 * A signed transaction that may have reached the orderer, in the form any gateway of the channel can take again:
 * its prepared-transaction bytes and signature (re-submitting them is safe: a second copy of a transaction id is
 * marked DUPLICATE_TXID at validation, core/committer/txvalidator/v20/validator.go, and the commit status of the id
 * stays the first copy's, common/ledger/blkstorage/blockindex.go), and its signed commit-status request if one was
 * made.
 */
export interface InFlightTransaction {
  readonly txId: string;
  readonly channel: string;
  readonly transactionName: string;
  /** The chaincode's answer, as endorsed. */
  readonly result: Uint8Array;
  readonly transaction: { bytes: Uint8Array; signature: Uint8Array };
  readonly commitRequest: { bytes: Uint8Array; signature: Uint8Array } | null;
}

/** A thrown value with what the progress report and the re-check need: its transaction, if one was built. */
class AttemptFailure extends Error {
  readonly txId: string | undefined;
  readonly original: unknown;
  /** Set when the transaction may have reached the orderer and no peer could tell its outcome. */
  readonly inFlight: InFlightTransaction | undefined;
  constructor(original: unknown, txId: string | undefined, inFlight?: InFlightTransaction) {
    super('submission attempt failed');
    this.original = original;
    this.txId = txId;
    this.inFlight = inFlight;
  }
}

/** gRPC codes of a SubmitError that mean the gateway refused the transaction before sending it to an orderer. */
const SUBMIT_REFUSED: ReadonlySet<number> = new Set<number>([
  GrpcStatus.INVALID_ARGUMENT,
  GrpcStatus.FAILED_PRECONDITION,
  GrpcStatus.PERMISSION_DENIED,
]);

/** Whether a failed `submit` certainly left the transaction unordered; otherwise an orderer may have it. */
function nothingOrdered(error: unknown): boolean {
  return isOrderingUnavailable(error) || (isSubmitError(error) && SUBMIT_REFUSED.has(error.code));
}

function signatureOf(read: () => Uint8Array | undefined): Uint8Array {
  try {
    return read() ?? new Uint8Array();
  } catch {
    return new Uint8Array(); // not readable: the gateway re-signs as the same identity (same transaction id)
  }
}

function inFlight(
  request: Readonly<SubmitRequest>,
  transaction: Transaction,
  commit: { getBytes(): Uint8Array } | null,
): InFlightTransaction {
  const bytes = transaction.getBytes();
  const commitBytes = commit?.getBytes() ?? null;
  return {
    txId: transaction.getTransactionId(),
    channel: request.channel,
    transactionName: request.transactionName,
    result: transaction.getResult(),
    transaction: {
      bytes,
      signature: signatureOf(() =>
        gatewayProtos.PreparedTransaction.deserializeBinary(bytes).getEnvelope()?.getSignature_asU8(),
      ),
    },
    commitRequest:
      commitBytes === null
        ? null
        : {
            bytes: commitBytes,
            signature: signatureOf(() =>
              gatewayProtos.SignedCommitStatusRequest.deserializeBinary(commitBytes).getSignature_asU8(),
            ),
          },
  };
}

/**
 * Asks `gateway` for the commit status of `tx`: its signed commit-status request first (answered at once if the peer
 * has committed the transaction), then the same signed transaction submitted again and its status awaited, in case
 * it never reached the orderer. Throws when this peer cannot tell within `deadlineMs` per call.
 */
export async function commitStatusThrough(
  gateway: Gateway,
  tx: InFlightTransaction,
  deadlineMs: number,
): Promise<Status> {
  const deadline = (): { deadline: number } => ({ deadline: Date.now() + deadlineMs });
  if (tx.commitRequest !== null && tx.commitRequest.signature.length > 0) {
    try {
      return await gateway.newSignedCommit(tx.commitRequest.bytes, tx.commitRequest.signature).getStatus(deadline());
    } catch {
      // Not committed on this peer yet (or it did not answer): it may never have been ordered, so send it again.
    }
  }
  const again = gateway.newSignedTransaction(tx.transaction.bytes, tx.transaction.signature);
  const submitted = await again.submit(deadline());
  return submitted.getStatus(deadline());
}

/**
 * Endorses, submits and waits for the commit of transactions, reporting each stage.
 *
 * - A transaction that met a {@link TransientConflict} wrote nothing, so it is endorsed again with fresh reads after
 *   a backoff ({@link retryDelayMs}), once `reconcile` has checked that a concurrent writer (or an earlier try whose
 *   outcome was unknown) did not already do the same thing. A {@link TransientState} is retried the same way.
 * - Once the transaction may have reached the orderer (submit returned, or its failure leaves that open) and its
 *   commit status cannot be read, it asks every peer of the profile ({@link commitStatusThrough}: the same signed
 *   transaction, never a new one) before it answers; if none can tell and `reconcile` does not find the change, it
 *   answers {@link OutcomeUnknownError} and hands the transaction to the {@link CommitWatcher}, which reports the
 *   outcome as progress of the same transaction id when a peer knows it.
 */
export class TransactionSubmitter {
  readonly #session: GatewaySession;
  readonly #onProgress: TxProgressListener;
  readonly #maxAttempts: number;
  readonly #recheckMs: number;
  readonly #watcher: CommitWatcher;
  readonly #sleep: (ms: number) => Promise<unknown>;
  readonly #random: () => number;

  constructor(options: Readonly<TransactionSubmitterOptions>) {
    this.#session = options.connection;
    this.#onProgress = options.onProgress ?? (() => undefined);
    this.#maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.#recheckMs = options.recheckMs ?? DEFAULT_RECHECK_MS;
    this.#sleep = options.sleep ?? sleep;
    this.#random = options.random ?? Math.random;
    this.#watcher =
      options.watcher ??
      newCommitWatcher({
        check: (tx) =>
          this.#session.askEachPeer((gateway) => commitStatusThrough(gateway, tx, this.#recheckMs), {
            activeFirst: true,
          }),
        onOutcome: (progress) => {
          this.#emit(progress);
        },
      });
  }

  /** Stops watching the transactions whose outcome is unknown (the connection is closing). */
  close(): void {
    this.#watcher.close();
  }

  /**
   * Submits `request` and waits for its commit.
   * @returns the chaincode's answer and the transaction id.
   * @throws EndorsementRefusedError, CommitFailedError, EndorserFailedError, EndorsingOrgUnavailableError,
   *   ChaincodeUnavailableError, OrderingServiceUnavailableError, NetworkSettlingError, OfflineError (nothing was
   *   ordered); OutcomeUnknownError (it may commit; watched in the background); GatewayFailureError.
   */
  async submit(request: Readonly<SubmitRequest>): Promise<Committed<Uint8Array>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#attempt(request, attempt);
      } catch (thrown) {
        let failure = thrown instanceof AttemptFailure ? thrown : new AttemptFailure(thrown, undefined);
        if (failure.inFlight !== undefined) {
          try {
            return await this.#unknownOutcome(request, failure.inFlight, attempt);
          } catch (settled) {
            if (!(settled instanceof AttemptFailure)) throw settled; // OUTCOME_UNKNOWN
            failure = settled; // a peer knew it: invalid
          }
        }
        const call = {
          transactionName: request.transactionName,
          caller: this.#session.caller,
          ...(failure.txId === undefined ? {} : { txId: failure.txId }),
        };
        const error = toFabricError(failure.original, call);
        this.#report(request, failure.txId, attempt, error);
        const reconciled = await this.#reconcileAfter(request, failure.original, error);
        if (reconciled !== null) return { value: reconciled, txId: failure.txId ?? '' };
        if (!this.#retryable(failure.original, error, attempt)) throw error;
        await this.#sleep(retryDelayMs(attempt, this.#random));
      }
    }
  }

  #retryable(original: unknown, error: AppError, attempt: number): boolean {
    if (transientConflictOf(original) !== null) return attempt < this.#maxAttempts;
    const state = transientStateOf(original, error);
    if (state === 'LAGGING_ENDORSER') return attempt < Math.min(LAGGING_ENDORSER_ATTEMPTS, this.#maxAttempts);
    return state !== null && attempt < this.#maxAttempts;
  }

  async #attempt(request: Readonly<SubmitRequest>, attempt: number): Promise<Committed<Uint8Array>> {
    const proposed: { txId?: string } = {};
    try {
      return await this.#session.withGateway((gateway) => this.#submitOn(gateway, request, attempt, proposed), {
        // Safe: a failure that reaches withGateway as "unreachable" happened before anything was ordered (later
        // failures are wrapped in AttemptFailure, which withGateway does not retry).
        retryOnUnreachable: true,
      });
    } catch (error) {
      // An endorsement failure propagates bare (for withGateway's failover): name the proposal it belongs to.
      throw error instanceof AttemptFailure ? error : new AttemptFailure(error, proposed.txId);
    }
  }

  async #submitOn(
    gateway: Gateway,
    request: Readonly<SubmitRequest>,
    attempt: number,
    proposed: { txId?: string },
  ): Promise<Committed<Uint8Array>> {
    const contract = gateway.getNetwork(request.channel).getContract(request.chaincode);
    const proposal = contract.newProposal(request.transactionName, {
      arguments: [...request.arguments],
      ...(request.transientData === undefined ? {} : { transientData: { ...request.transientData } }),
      ...(request.endorsingOrganizations == null
        ? {}
        : { endorsingOrganizations: [...request.endorsingOrganizations] }),
    });
    const txId = proposal.getTransactionId();
    proposed.txId = txId;
    const progress = { txId, channel: request.channel, transactionName: request.transactionName, attempt };
    this.#emit({ ...progress, stage: 'endorsing' });
    // Endorsement errors propagate as they are, so withGateway can fail over when the gateway peer is unreachable.
    const transaction = await proposal.endorse();
    this.#emit({ ...progress, stage: 'endorsed' });
    let submitted;
    try {
      submitted = await transaction.submit();
    } catch (error) {
      if (nothingOrdered(error)) throw new AttemptFailure(error, txId);
      throw new AttemptFailure(error, txId, inFlight(request, transaction, null));
    }
    this.#emit({ ...progress, stage: 'submitted' });
    let status: Status;
    try {
      status = await submitted.getStatus();
    } catch {
      // The gateway peer died, or its deadline passed: the transaction is with the orderer, its outcome unknown.
      throw new AttemptFailure(undefined, txId, inFlight(request, transaction, submitted));
    }
    return this.#settle(request, transaction.getResult(), status, attempt);
  }

  /** The answer for a commit status: the result if valid, else a CommitError (for the retry policy). */
  #settle(
    request: Readonly<SubmitRequest>,
    result: Uint8Array,
    status: Status,
    attempt: number,
  ): Committed<Uint8Array> {
    const txId = status.transactionId;
    if (!status.successful) {
      throw new AttemptFailure(
        new CommitError({
          code: status.code,
          transactionId: txId,
          message: `Transaction ${txId} failed to commit with status code ${String(status.code)}`,
        }),
        txId,
      );
    }
    this.#emit({
      txId,
      channel: request.channel,
      transactionName: request.transactionName,
      attempt,
      stage: 'committed',
    });
    return { value: result, txId };
  }

  /**
   * The transaction may be ordered and its gateway could not say whether it committed: ask every peer of the
   * profile, then `reconcile`; if neither can tell, answer OUTCOME_UNKNOWN and keep watching.
   */
  async #unknownOutcome(
    request: Readonly<SubmitRequest>,
    tx: InFlightTransaction,
    attempt: number,
  ): Promise<Committed<Uint8Array>> {
    const status = await this.#session.askEachPeer((gateway) => commitStatusThrough(gateway, tx, this.#recheckMs), {
      activeFirst: false,
    });
    // Invalid (e.g. an MVCC conflict) throws an AttemptFailure: nothing was written, the ordinary policy applies.
    if (status !== undefined) return this.#settle(request, tx.result, status, attempt);
    const reconciled = await this.#tryReconcile(request);
    if (reconciled !== null) return { value: reconciled, txId: tx.txId };
    const error = new OutcomeUnknownError(request.transactionName, tx.txId);
    this.#emit({
      txId: tx.txId,
      channel: request.channel,
      transactionName: request.transactionName,
      attempt,
      stage: 'unconfirmed',
      error: toSerializableError(error),
    });
    this.#watcher.watch(tx);
    throw error;
  }

  /** Whether the operation took effect after all (a concurrent twin, or our own earlier try). */
  async #reconcileAfter(
    request: Readonly<SubmitRequest>,
    original: unknown,
    error: AppError,
  ): Promise<Uint8Array | null> {
    // CONFLICT on a create or a change that names its own id ("already exists", "already active") may be this very
    // operation, committed by an earlier try whose outcome was lost, or by the user's earlier click: reconcile
    // decides by content.
    const conflict = error instanceof EndorsementRefusedError && error.chaincodeCode === 'CONFLICT';
    if (!conflict && transientConflictOf(original) === null) return null;
    return this.#tryReconcile(request);
  }

  async #tryReconcile(request: Readonly<SubmitRequest>): Promise<Uint8Array | null> {
    if (request.reconcile === undefined) return null;
    try {
      return await request.reconcile();
    } catch {
      return null; // the re-read failed too: report the original error
    }
  }

  #report(request: Readonly<SubmitRequest>, txId: string | undefined, attempt: number, error: AppError): void {
    if (txId === undefined) return;
    this.#emit({
      txId,
      channel: request.channel,
      transactionName: request.transactionName,
      attempt,
      stage: 'failed',
      error: toSerializableError(error),
    });
  }

  #emit(progress: TxProgress): void {
    try {
      this.#onProgress(progress);
    } catch {
      // Progress is informational: a failing listener must not fail the transaction.
    }
  }
}
