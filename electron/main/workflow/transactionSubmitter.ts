// Submits transactions with progress reports and a safe retry on MVCC read conflicts.
import { CommitError, CommitStatusError, StatusCode, type Gateway } from '@hyperledger/fabric-gateway';
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
  connection: FabricConnection;
  /** Progress reports of every submission. */
  onProgress?: TxProgressListener;
  /** Tries per submission, counting the first (default 4). */
  maxAttempts?: number;
}

const RETRYABLE_CODES: ReadonlySet<number> = new Set([StatusCode.MVCC_READ_CONFLICT, StatusCode.PHANTOM_READ_CONFLICT]);

function isRetryableCommitFailure(error: unknown): boolean {
  return error instanceof CommitError && RETRYABLE_CODES.has(error.code);
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
 * Endorses, submits and waits for the commit of transactions, reporting each stage. A transaction invalidated by an
 * MVCC (or phantom) read conflict wrote nothing, so it is endorsed again with fresh reads, after checking with
 * `reconcile` that a concurrent writer did not already do the same thing.
 */
export class TransactionSubmitter {
  readonly #connection: FabricConnection;
  readonly #onProgress: TxProgressListener;
  readonly #maxAttempts: number;

  constructor(options: Readonly<TransactionSubmitterOptions>) {
    this.#connection = options.connection;
    this.#onProgress = options.onProgress ?? (() => undefined);
    this.#maxAttempts = options.maxAttempts ?? 4;
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
        const reconciled = await this.#reconcileAfter(request, failure.original, error, attempt);
        if (reconciled !== null) return { result: reconciled, txId: failure.txId ?? '', blockNumber: null };
        if (!isRetryableCommitFailure(failure.original) || attempt >= this.#maxAttempts) throw error;
        // Jittered backoff: two clients that conflicted on the same key should not collide again in lockstep.
        await sleep(50 * attempt + Math.floor(Math.random() * 100));
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
    attempt: number,
  ): Promise<Uint8Array | null> {
    if (request.reconcile === undefined) return null;
    const outcomeUnknown = original instanceof CommitStatusError || (error instanceof OfflineError && error.txId);
    const conflictOnRetry =
      attempt > 1 && error instanceof EndorsementRefusedError && error.chaincodeCode === 'CONFLICT';
    if (!outcomeUnknown && !conflictOnRetry && !isRetryableCommitFailure(original)) return null;
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
