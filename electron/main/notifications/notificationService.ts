// Listens to chaincode events on every channel of the active identity's organisation and turns the transactions that
// concern the active user into notifications. Events carry no payload: for each batch of events that arrive together
// (one block's), one ListMyNotices evaluation asks the chaincode which of those transactions concern the caller. A
// file checkpoint per identity and channel in the app data folder means events that happen while the app is closed
// are delivered at the next start, and none is delivered twice.
import {
  checkpointers,
  type ChaincodeEvent,
  type Checkpointer,
  type CloseableAsyncIterable,
} from '@hyperledger/fabric-gateway';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../shared/errors.ts';
import { FabricErrorCode } from '../fabric/errors.ts';
import type { FabricConnection } from '../fabric/fabricConnection.ts';
import { readyBatches } from './batches.ts';
import type { NotificationListener } from './notification.ts';
import { notificationOf, type NoticeReader, type RelevanceReaders } from './relevance.ts';

/** Transaction ids per ListMyNotices call (the chaincode takes at most 100; a block holds at most 50). */
const NOTICE_BATCH = 100;

/** Failures after which the same batch is asked again (from the checkpoint) rather than skipped. */
const TRANSIENT: ReadonlySet<string> = new Set([
  FabricErrorCode.Offline,
  FabricErrorCode.Gateway,
  FabricErrorCode.NotConnected,
]);

/** Options for {@link NotificationService}. */
export interface NotificationServiceOptions {
  connection: FabricConnection;
  /** The channels to listen on (the organisation's channels; chaincode name = channel name in PediLedger). */
  channels: readonly string[];
  /** Asks each channel's chaincode which transactions concern the active user. */
  readers: RelevanceReaders;
  /** Folder for the checkpoint files (in the app data folder). */
  checkpointDir: string;
  onNotification: NotificationListener;
  /** Called when events could not be processed (logged by the app; listening continues). */
  onError?: (error: unknown) => void;
  /** Pause before listening again after the stream broke (default 1 s). */
  retryDelayMs?: number;
}

/** Chaincode event listening for the active user. Start once per connection; stop before switching identity. */
export class NotificationService {
  readonly #options: NotificationServiceOptions;
  readonly #streams = new Set<CloseableAsyncIterable<ChaincodeEvent>>();
  readonly #loops: Promise<void>[] = [];
  #stopped = false;

  constructor(options: Readonly<NotificationServiceOptions>) {
    this.#options = { ...options };
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
    for (const stream of this.#streams) stream.close();
    await Promise.allSettled(this.#loops);
  }

  async #listen(channel: string, onOpen: () => void): Promise<void> {
    const file = path.join(this.#options.checkpointDir, `${this.#options.connection.identityId}-${channel}.json`);
    const checkpointer = await checkpointers.file(file);
    // An object, because the flag is set inside the gateway callback, where narrowing cannot follow it.
    const stream = { opened: false };
    while (!this.#isStopped()) {
      try {
        await this.#options.connection.withGateway(
          async (gateway) => {
            const events = await gateway.getNetwork(channel).getChaincodeEvents(channel, { checkpoint: checkpointer });
            this.#streams.add(events);
            if (!stream.opened) {
              stream.opened = true;
              onOpen();
            }
            try {
              for await (const batch of readyBatches(events, NOTICE_BATCH)) {
                await this.#handle(channel, batch, checkpointer);
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
      if (!this.#isStopped()) await sleep(this.#options.retryDelayMs ?? 1_000);
    }
    if (!stream.opened) onOpen();
  }

  /** A method, not a field read: `stop()` flips the flag while a loop awaits, which narrowing cannot see. */
  #isStopped(): boolean {
    return this.#stopped;
  }

  /**
   * Asks the channel's chaincode about one batch of events and notifies the user of each notice, then checkpoints the
   * batch's last event. A failure that may pass (the peer unreachable) is thrown, so listening restarts from the
   * checkpoint and the batch is asked again; any other (an answer the app does not understand) is reported and the
   * batch skipped, so one bad batch cannot stop every later notification.
   */
  async #handle(channel: string, batch: readonly ChaincodeEvent[], checkpointer: Checkpointer): Promise<void> {
    const last = batch.at(-1);
    if (last === undefined) return;
    try {
      const notices = await this.#readerOf(channel).listMyNotices(batch.map((event) => event.transactionId));
      for (const notice of notices) this.#options.onNotification(notificationOf(channel, notice));
    } catch (error) {
      if (error instanceof AppError && TRANSIENT.has(error.code)) throw error;
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
