// Listens to chaincode events on every channel of the active identity's organisation and turns the transactions that
// concern the active user into notifications. Events carry no payload: for each batch of events that arrive together
// (one block's), one ListMyNotices evaluation asks the chaincode which of those transactions concern the caller. A
// file checkpoint per identity and channel in the app data folder means events that happen while the app is closed
// are delivered at the next start, and none is delivered twice. A batch the network cannot answer about right now
// (peer, chaincode service or gateway down) is asked about again from the checkpoint, so no notification is lost.
import { type ChaincodeEvent, type Checkpointer, type CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import { errorCodes } from '@pediledger/domain';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as realSleep } from 'node:timers/promises';
import { AppError } from '../../../shared/errors.ts';
import { EndorsementRefusedError } from '../fabric/errors.ts';
import type { FabricConnection } from '../fabric/fabricConnection.ts';
import { readyBatches } from './batches.ts';
import { openCheckpointFile } from './checkpointFile.ts';
import type { NotificationListener } from './notification.ts';
import { notificationOf, type NoticeReader, type RelevanceReaders } from './relevance.ts';

/** Transaction ids per ListMyNotices call (the chaincode takes at most 100; a block holds at most 50). */
const NOTICE_BATCH = 100;

/** Default first pause before listening again after a failure, in ms. */
const DEFAULT_RETRY_DELAY_MS = 1_000;
/** Default longest pause between tries, in ms: a long outage is asked about twice a minute, not hammered. */
const DEFAULT_MAX_RETRY_DELAY_MS = 30_000;

/**
 * Whether `error`, thrown by ListMyNotices for one batch of events, is the chaincode's final answer about that batch,
 * so that asking again would get the same answer. Only two are: an answer the app does not understand
 * (UNEXPECTED_LEDGER_RESPONSE: app and chaincode versions differ) and the chaincode calling the question malformed
 * (ENDORSEMENT_REFUSED with INVALID_ARGUMENT). Every other failure may pass: the peer, the chaincode service, the
 * gateway or the connection unavailable, a certificate the network refuses until it is renewed, anything unknown.
 */
export function isFinalAnswer(error: unknown): boolean {
  if (error instanceof EndorsementRefusedError) return error.chaincodeCode === errorCodes.invalidArgument;
  return error instanceof AppError && error.code === errorCodes.unexpectedLedgerResponse;
}

/**
 * The pause before listening again after `failures` failures in a row (1 or more), in ms: `firstMs` doubling per
 * failure, at most `maxMs`.
 */
export function listenRetryDelayMs(failures: number, firstMs: number, maxMs: number): number {
  return Math.min(firstMs * 2 ** Math.max(0, failures - 1), maxMs);
}

/** Options for {@link NotificationService}. */
export interface NotificationServiceOptions {
  /** The active identity's connection; its identity id names the checkpoint files. */
  connection: Pick<FabricConnection, 'identityId' | 'withGateway'>;
  /** The channels to listen on (the organisation's channels; chaincode name = channel name in PediLedger). */
  channels: readonly string[];
  /** Asks each channel's chaincode which transactions concern the active user. */
  readers: RelevanceReaders;
  /** Folder for the checkpoint files (in the app data folder). */
  checkpointDir: string;
  onNotification: NotificationListener;
  /**
   * Called with each failure (the app logs it). Listening goes on: after a failure that may pass, from the
   * checkpoint, asking about the same batch again; after a final answer ({@link isFinalAnswer}), past that batch.
   */
  onError?: (error: unknown) => void;
  /** First pause before listening again after a failure, in ms (default 1 s); it doubles per failure in a row. */
  retryDelayMs?: number;
  /** Longest pause between tries, in ms (default 30 s). */
  maxRetryDelayMs?: number;
  /** Waits between tries (unit tests pass their own; `stop()` ends a wait early either way). */
  sleep?: (ms: number) => Promise<unknown>;
}

/** Chaincode event listening for the active user. Start once per connection; stop before switching identity. */
export class NotificationService {
  readonly #options: NotificationServiceOptions;
  readonly #streams = new Set<CloseableAsyncIterable<ChaincodeEvent>>();
  readonly #loops: Promise<void>[] = [];
  #stopped = false;
  readonly #stopping: Promise<void>;
  #signalStop: () => void = () => undefined;

  constructor(options: Readonly<NotificationServiceOptions>) {
    this.#options = { ...options };
    this.#stopping = new Promise((resolve) => {
      this.#signalStop = resolve;
    });
  }

  /** Starts listening on every channel; resolves once each stream is open. */
  async start(): Promise<void> {
    await mkdir(this.#options.checkpointDir, { recursive: true, mode: 0o700 });
    const ready = this.#options.channels.map(
      (channel) =>
        new Promise<void>((resolve) => {
          this.#loops.push(this.#listen(channel, resolve));
        }),
    );
    await Promise.all(ready);
  }

  /** Stops listening; checkpoints stay, so the next start resumes after the last handled event. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#signalStop();
    for (const stream of this.#streams) stream.close();
    await Promise.allSettled(this.#loops);
  }

  /**
   * Listens on `channel` until stopped. `opened` resolves `start()`'s wait for the channel (a promise's resolve, so
   * calling it again is harmless): each time a stream opens, and at the latest on return.
   */
  async #listen(channel: string, opened: () => void): Promise<void> {
    try {
      const file = path.join(this.#options.checkpointDir, `${this.#options.connection.identityId}-${channel}.json`);
      const checkpointer = await openCheckpointFile(file, (error) => this.#options.onError?.(error));
      await this.#listenFrom(channel, checkpointer, opened);
    } catch (error) {
      // The checkpoint file could not be read or moved at all: no listening on this channel until the next start.
      this.#options.onError?.(error);
    } finally {
      // `start()` waits for every channel: one that never opened must not keep it waiting.
      opened();
    }
  }

  async #listenFrom(channel: string, checkpointer: Checkpointer, opened: () => void): Promise<void> {
    // An object, because it changes inside the gateway callback, where narrowing cannot follow it.
    const failures = { inARow: 0 };
    while (!this.#isStopped()) {
      try {
        await this.#options.connection.withGateway(
          async (gateway) => {
            const events = await gateway.getNetwork(channel).getChaincodeEvents(channel, { checkpoint: checkpointer });
            this.#streams.add(events);
            opened();
            try {
              for await (const batch of readyBatches(events, NOTICE_BATCH)) {
                await this.#handle(channel, batch, checkpointer);
                failures.inARow = 0;
              }
            } finally {
              this.#streams.delete(events);
              events.close();
            }
          },
          { retryOnUnreachable: true },
        );
      } catch (error) {
        if (this.#isStopped()) break;
        this.#options.onError?.(error);
      }
      if (this.#isStopped()) break;
      failures.inARow += 1;
      await this.#pause(
        listenRetryDelayMs(
          failures.inARow,
          this.#options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
          this.#options.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS,
        ),
      );
    }
  }

  /** Waits `ms`, or less when the service stops meanwhile. */
  async #pause(ms: number): Promise<void> {
    await Promise.race([(this.#options.sleep ?? realSleep)(ms), this.#stopping]);
  }

  /** A method, not a field read: `stop()` flips the flag while a loop awaits, which narrowing cannot see. */
  #isStopped(): boolean {
    return this.#stopped;
  }

  /**
   * Asks the channel's chaincode about one batch of events and notifies the user of each notice, then checkpoints the
   * batch's last event. A failure that may pass is thrown, so listening restarts from the checkpoint and the batch is
   * asked about again; a final answer ({@link isFinalAnswer}) is reported and the batch skipped, so one batch the app
   * cannot understand does not stop every later notification.
   */
  async #handle(channel: string, batch: readonly ChaincodeEvent[], checkpointer: Checkpointer): Promise<void> {
    const last = batch.at(-1);
    if (last === undefined) return;
    try {
      const notices = await this.#readerOf(channel).listMyNotices(batch.map((event) => event.transactionId));
      for (const notice of notices) this.#options.onNotification(notificationOf(channel, notice));
    } catch (error) {
      if (!isFinalAnswer(error)) throw error;
      this.#options.onError?.(error);
    }
    // After handling: a crash in between asks about this batch again rather than losing it.
    await checkpointer.checkpointChaincodeEvent(last);
  }

  #readerOf(channel: string): NoticeReader {
    if (channel === 'medical' || channel === 'report') return this.#options.readers[channel];
    throw new Error(`no notice reader for channel ${channel}`);
  }
}
