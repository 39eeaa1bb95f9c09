import type { ContractShape, EventInput, EventOf, Unsubscribe } from '../../../shared/ipc/define.ts';

/** Receives every validated event; one sink per transport (Electron windows, browser-shell sockets). */
export type EventSink = (event: string, payload: unknown) => void;

/** Where the hub reports a payload that failed its schema or a sink that threw. */
export type EventHubLog = (message: string, error: unknown) => void;

/**
 * Fans main → renderer events out to every transport. Payloads are validated against the contract before they leave
 * main, so a renderer never receives an event its types do not describe.
 */
export class EventHub<C extends ContractShape> {
  readonly #contract: C;
  readonly #sinks = new Set<EventSink>();
  readonly #log: EventHubLog;

  constructor(contract: C, log: EventHubLog = () => undefined) {
    this.#contract = contract;
    this.#log = log;
  }

  /** Adds a sink until the returned function is called. */
  subscribe(sink: EventSink): Unsubscribe {
    this.#sinks.add(sink);
    return () => {
      this.#sinks.delete(sink);
    };
  }

  /** Validates `payload` against event `event`'s schema and delivers it; returns false if it was rejected. */
  emit<E extends EventOf<C>>(event: E, payload: EventInput<C, E>): boolean {
    const schema = this.#contract.events[event];
    const parsed = schema?.safeParse(payload);
    if (parsed === undefined || !parsed.success) {
      this.#log(`event ${event} rejected by its schema`, parsed?.error);
      return false;
    }
    for (const sink of this.#sinks) {
      try {
        sink(event, parsed.data);
      } catch (error) {
        // One broken transport (a closed window, a dead socket) must not stop delivery to the others.
        this.#log(`event ${event} could not be delivered`, error);
      }
    }
    return true;
  }
}
