// The connection's state as the UI shows it, published to any number of listeners.
import type { OrgName } from '../../../shared/schemas/connectionProfile.ts';

/**
 * `connected`: calls go to `endpoint` (which may be a fallback peer of another org, see `failedOver`);
 * `reconnecting`: the current peer stopped answering and others are being tried; `offline`: no peer answers (retries
 * continue in the background); `disconnected`: no identity is active.
 */
export type FabricConnectionState =
  | { status: 'disconnected' }
  | { status: 'connecting'; identityId: string; org: OrgName }
  | {
      status: 'connected';
      identityId: string;
      org: OrgName;
      endpoint: string;
      failedOver: boolean;
      since: string;
    }
  | { status: 'reconnecting'; identityId: string; org: OrgName; lastEndpoint: string | null }
  | { status: 'offline'; identityId: string; org: OrgName; since: string };

/** Receives every state change. */
export type ConnectionStateListener = (state: FabricConnectionState) => void;

/** Holds the current state and tells listeners about changes (only real changes: equal states are not repeated). */
export class ConnectionStatePublisher {
  #state: FabricConnectionState = { status: 'disconnected' };
  readonly #listeners = new Set<ConnectionStateListener>();

  /** The current state. */
  get current(): FabricConnectionState {
    return this.#state;
  }

  /** Calls `listener` on every change until the returned function is called. */
  subscribe(listener: ConnectionStateListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Publishes `state` unless it equals the current one (ignoring `since`). */
  publish(state: FabricConnectionState): void {
    if (sameState(this.#state, state)) return;
    this.#state = state;
    for (const listener of this.#listeners) {
      try {
        listener(state);
      } catch {
        // A failing UI listener must not break the connection logic that published the change.
      }
    }
  }
}

function sameState(a: FabricConnectionState, b: FabricConnectionState): boolean {
  const strip = (state: FabricConnectionState): string => JSON.stringify({ ...state, since: undefined });
  return strip(a) === strip(b);
}
