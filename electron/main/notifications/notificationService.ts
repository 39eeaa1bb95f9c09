// Listens to chaincode events on every channel of the active identity's organisation and turns those that concern
// the active user into notifications. A file checkpoint per identity and channel in the app data folder means events
// that happen while the app is closed are delivered at the next start, and none is delivered twice.
import {
  checkpointers,
  type ChaincodeEvent,
  type Checkpointer,
  type CloseableAsyncIterable,
} from '@hyperledger/fabric-gateway';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FabricConnection } from '../fabric/fabricConnection.ts';
import type { NotificationListener } from './notification.ts';
import { notificationFor, type ActiveUser, type RelevanceReaders } from './relevance.ts';

/** Options for {@link NotificationService}. */
export interface NotificationServiceOptions {
  connection: FabricConnection;
  /** The channels to listen on (the organisation's channels; chaincode name = channel name in PediLedger). */
  channels: readonly string[];
  user: ActiveUser;
  readers: RelevanceReaders;
  /** Folder for the checkpoint files (in the app data folder). */
  checkpointDir: string;
  onNotification: NotificationListener;
  /** Called when an event could not be processed (logged by the app; listening continues). */
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
              for await (const event of events) await this.#handle(channel, event, checkpointer);
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

  async #handle(channel: string, event: ChaincodeEvent, checkpointer: Checkpointer): Promise<void> {
    try {
      const notification = await notificationFor(
        { channel, eventName: event.eventName, transactionId: event.transactionId, payload: event.payload },
        this.#options.user,
        this.#options.readers,
      );
      if (notification !== null) this.#options.onNotification(notification);
    } catch (error) {
      this.#options.onError?.(error);
    }
    // Checkpoint after handling: a crash in between replays this one event rather than losing it.
    await checkpointer.checkpointChaincodeEvent(event);
  }
}
