// Submits transactions with progress reports and a safe retry on every transient conflict.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, StatusCode, type Gateway } from '@hyperledger/fabric-gateway';
import { setTimeout as sleep } from 'node:timers/promises';
import { toSerializableError, type AppError } from '../../../shared/errors.ts';
import { toFabricError } from '../fabric/errorMapping.ts';
import { EndorsementRefusedError, OfflineError } from '../fabric/errors.ts';
import type { FabricConnection } from '../fabric/fabricConnection.ts';
import type { TxProgressListener } from './txProgress.ts';

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

/** A committed transaction. */
export interface SubmitResult {
  /** The chaincode's return value. */
  result: Uint8Array;
  txId: string;
  /** Block of the commit; null when the result came from {@link SubmitRequest.reconcile}. */
  blockNumber: bigint | null;
}

/** Options for {@link TransactionSubmitter}. */
export interface TransactionSubmitterOptions {
  /** Runs gateway calls with failover (the app's {@link FabricConnection}). */
  connection: Pick<FabricConnection, 'withGateway' | 'caller'>;
  /** Progress reports of every submission. */
  onProgress?: TxProgressListener;
  /** Tries per submission, counting the first (default {@link DEFAULT_MAX_ATTEMPTS}). */
  maxAttempts?: number;
  /** Waits before a retry (default: a timer); tests pass one that records the delays. */
  sleep?: (ms: number) => Promise<unknown>;
  /** Uniform [0, 1) for the backoff's jitter (default Math.random). */
  random?: () => number;
}

/** Tries per submission, counting the first. */
export const DEFAULT_MAX_ATTEMPTS = 5;

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

/** A thrown value with the transaction id it belongs to, for the `failed` progress report. */
class AttemptFailure extends Error {
  readonly txId: string | undefined;
  readonly original: unknown;
  constructor(original: unknown, txId: string | undefined) {
    super('submission attempt failed');
    this.original = original;
    this.txId = txId;
  }
}

/**
 * Endorses, submits and waits for the commit of transactions, reporting each stage. A transaction that met a
 * {@link TransientConflict} wrote nothing, so it is endorsed again with fresh reads after a backoff
 * ({@link retryDelayMs}), once `reconcile` has checked that a concurrent writer (or an earlier try whose outcome was
 * unknown) did not already do the same thing.
 */
export class TransactionSubmitter {
  readonly #connection: Pick<FabricConnection, 'withGateway' | 'caller'>;
  readonly #onProgress: TxProgressListener;
  readonly #maxAttempts: number;
  readonly #sleep: (ms: number) => Promise<unknown>;
  readonly #random: () => number;

  constructor(options: Readonly<TransactionSubmitterOptions>) {
    this.#connection = options.connection;
    this.#onProgress = options.onProgress ?? (() => undefined);
    this.#maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.#sleep = options.sleep ?? sleep;
    this.#random = options.random ?? Math.random;
  }

  /**
   * Submits `request` and waits for its commit.
   * @throws EndorsementRefusedError, CommitFailedError, OfflineError, GatewayFailureError
   */
  async submit(request: Readonly<SubmitRequest>): Promise<SubmitResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#attempt(request, attempt);
      } catch (thrown) {
        const failure = thrown instanceof AttemptFailure ? thrown : new AttemptFailure(thrown, undefined);
        const error = toFabricError(failure.original, {
          transactionName: request.transactionName,
          caller: this.#connection.caller,
          ...(failure.txId === undefined ? {} : { txId: failure.txId }),
        });
        this.#report(request, failure.txId, attempt, error);
        const reconciled = await this.#reconcileAfter(request, failure.original, error);
        if (reconciled !== null) return { result: reconciled, txId: failure.txId ?? '', blockNumber: null };
        if (transientConflictOf(failure.original) === null || attempt >= this.#maxAttempts) throw error;
        await this.#sleep(retryDelayMs(attempt, this.#random));
      }
    }
  }

  async #attempt(request: Readonly<SubmitRequest>, attempt: number): Promise<SubmitResult> {
    return this.#connection.withGateway((gateway) => this.#submitOn(gateway, request, attempt), {
      // Safe: a failure that reaches withGateway as "unreachable" happened before anything was ordered (later
      // failures are wrapped in AttemptFailure, which withGateway does not retry).
      retryOnUnreachable: true,
    });
  }

  async #submitOn(gateway: Gateway, request: Readonly<SubmitRequest>, attempt: number): Promise<SubmitResult> {
    const contract = gateway.getNetwork(request.channel).getContract(request.chaincode);
    const proposal = contract.newProposal(request.transactionName, {
      arguments: [...request.arguments],
      ...(request.transientData === undefined ? {} : { transientData: { ...request.transientData } }),
      ...(request.endorsingOrganizations == null
        ? {}
        : { endorsingOrganizations: [...request.endorsingOrganizations] }),
    });
    const txId = proposal.getTransactionId();
    const progress = { txId, channel: request.channel, transactionName: request.transactionName, attempt };
    this.#emit({ ...progress, stage: 'endorsing' });
    // Endorsement errors propagate as they are, so withGateway can fail over when the gateway peer is unreachable.
    const transaction = await proposal.endorse();
    this.#emit({ ...progress, stage: 'endorsed' });
    try {
      const submitted = await transaction.submit();
      this.#emit({ ...progress, stage: 'submitted' });
      const status = await submitted.getStatus();
      if (!status.successful) {
        throw new CommitError({
          code: status.code,
          transactionId: status.transactionId,
          message: `Transaction ${status.transactionId} failed to commit with status code ${status.code}`,
        });
      }
      this.#emit({ ...progress, stage: 'committed' });
      return { result: submitted.getResult(), txId, blockNumber: status.blockNumber };
    } catch (error) {
      throw new AttemptFailure(error, txId);
    }
  }

  /** Whether the operation took effect after all (unknown outcome, a concurrent twin, or our own earlier try). */
  async #reconcileAfter(
    request: Readonly<SubmitRequest>,
    original: unknown,
    error: AppError,
  ): Promise<Uint8Array | null> {
    if (request.reconcile === undefined) return null;
    const outcomeUnknown = original instanceof CommitStatusError || (error instanceof OfflineError && error.txId);
    // CONFLICT on a create or a change that names its own id ("already exists", "already active") may be this very
    // operation, committed by an earlier try whose outcome was lost, or by the user's earlier click: reconcile
    // decides by content.
    const conflict = error instanceof EndorsementRefusedError && error.chaincodeCode === 'CONFLICT';
    if (!outcomeUnknown && !conflict && transientConflictOf(original) === null) return null;
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

  #emit(progress: Parameters<TxProgressListener>[0]): void {
    try {
      this.#onProgress(progress);
    } catch {
      // Progress is informational: a failing listener must not fail the transaction.
    }
  }
}
