// Keeps asking about transactions whose outcome the submitter could not learn, and reports each verdict as progress
// of the same transaction id, so the renderer reconciles its view and tells the user.
import type { Status } from '@hyperledger/fabric-gateway';
import { toSerializableError } from '../../../shared/errors.ts';
import { validationCodeName } from '../fabric/errorMapping.ts';
import { CommitFailedError } from '../fabric/errors.ts';
import type { InFlightTransaction } from './transactionSubmitter.ts';
import type { TxProgress } from './txProgress.ts';

/** Watches transactions whose outcome is unknown until a peer knows it. */
export interface CommitWatcher {
  /** Starts watching `tx` (a transaction id already watched is not watched twice). */
  watch(tx: InFlightTransaction): void;
  /** Transaction ids still unknown. */
  readonly pending: readonly string[];
  /** Stops every check (the connection is closing). */
  close(): void;
}

/** Options of {@link newCommitWatcher}. */
export interface CommitWatcherOptions {
  /** Asks the network for `tx`'s commit status; undefined when no peer can tell yet. */
  check: (tx: InFlightTransaction) => Promise<Status | undefined>;
  /** Receives the verdict: stage `committed`, or `failed` with the validation code. */
  onOutcome: (progress: TxProgress) => void;
  /** Waits between checks of one transaction, in order; the last repeats (default 2 s doubling to 60 s). */
  delaysMs?: readonly number[];
  /** Gives up (the transaction stays unconfirmed) after this long (default 30 min: longer than any orderer outage). */
  giveUpAfterMs?: number;
  /** Timers (tests pass fake ones). */
  setTimer?: (fn: () => void, ms: number) => { unref?: () => unknown };
  now?: () => number;
}

const DEFAULT_DELAYS_MS = [2_000, 4_000, 8_000, 16_000, 32_000, 60_000] as const;
const DEFAULT_GIVE_UP_MS = 30 * 60_000;

/** A {@link CommitWatcher} that re-checks each transaction on its own backoff schedule. */
export function newCommitWatcher(options: Readonly<CommitWatcherOptions>): CommitWatcher {
  return new BackoffCommitWatcher(options);
}

class BackoffCommitWatcher implements CommitWatcher {
  readonly #options: Readonly<CommitWatcherOptions>;
  readonly #delays: readonly number[];
  readonly #watched = new Map<string, { tx: InFlightTransaction; since: number; checks: number }>();
  #closed = false;

  constructor(options: Readonly<CommitWatcherOptions>) {
    this.#options = options;
    this.#delays = options.delaysMs ?? DEFAULT_DELAYS_MS;
  }

  get pending(): readonly string[] {
    return [...this.#watched.keys()];
  }

  watch(tx: InFlightTransaction): void {
    if (this.#closed || this.#watched.has(tx.txId)) return;
    this.#watched.set(tx.txId, { tx, since: this.#now(), checks: 0 });
    this.#schedule(tx.txId);
  }

  close(): void {
    this.#closed = true;
    this.#watched.clear();
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  #schedule(txId: string): void {
    const entry = this.#watched.get(txId);
    if (entry === undefined || this.#closed) return;
    const delay = this.#delays[Math.min(entry.checks, this.#delays.length - 1)] ?? 60_000;
    const setTimer = this.#options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    // A pending check must never keep a Node process (tests, benches) alive on its own.
    setTimer(() => void this.#check(txId), delay).unref?.();
  }

  async #check(txId: string): Promise<void> {
    const entry = this.#watched.get(txId);
    if (entry === undefined || this.#closed) return;
    entry.checks += 1;
    let status: Status | undefined;
    try {
      status = await this.#options.check(entry.tx);
    } catch {
      status = undefined;
    }
    if (!this.#watched.has(txId)) return; // closed meanwhile (close clears the map)
    if (status === undefined) {
      if (this.#now() - entry.since >= (this.#options.giveUpAfterMs ?? DEFAULT_GIVE_UP_MS)) this.#watched.delete(txId);
      else this.#schedule(txId);
      return;
    }
    this.#watched.delete(txId);
    const progress = { txId, channel: entry.tx.channel, transactionName: entry.tx.transactionName, attempt: 1 };
    if (status.successful) {
      this.#options.onOutcome({ ...progress, stage: 'committed' });
      return;
    }
    const error = new CommitFailedError({
      txId,
      validationCode: status.code,
      validationCodeName: validationCodeName(status.code),
      transactionName: entry.tx.transactionName,
    });
    this.#options.onOutcome({ ...progress, stage: 'failed', error: toSerializableError(error) });
  }
}
