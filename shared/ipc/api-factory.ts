import type { Api } from './api.ts';
import { eventChannels, invokeChannels, isEventChannel } from './channels.ts';
import type { Unsubscribe } from './define.ts';
import { ipcErrorCodes } from './errors.ts';
import { fail, type IpcResult } from './result.ts';

/** How an {@link Api} reaches main: Electron IPC in the preload, HTTP and WebSocket in the browser bridge. */
export interface ApiTransport {
  /** Sends one call; resolves with main's envelope. May reject if the transport itself fails. */
  invoke(channel: string, args: unknown): Promise<IpcResult<unknown>>;
  /** Delivers each payload of `event` to `listener` until the returned function is called. */
  subscribe(event: string, listener: (payload: unknown) => void): Unsubscribe;
}

/**
 * Builds `window.api` mechanically from the contract's channel lists: one function per entry, nothing else, so the
 * renderer can never name a channel that is not in the contract. A transport failure resolves to an `IPC_TRANSPORT`
 * error instead of rejecting, so callers handle exactly one failure shape.
 */
export function createApi(transport: ApiTransport): Api {
  const api: Record<string, unknown> = {};
  for (const channel of invokeChannels) {
    api[channel] = async (args?: unknown): Promise<IpcResult<unknown>> => {
      try {
        return await transport.invoke(channel, args);
      } catch (error) {
        const reason = error instanceof Error ? error.message : 'unknown failure';
        return fail({ code: ipcErrorCodes.transport, message: `Could not reach the app (${channel}): ${reason}` });
      }
    };
  }
  api.on = (event: unknown, listener: unknown): Unsubscribe => {
    if (!isEventChannel(event)) throw new TypeError(`Unknown event; expected one of ${eventChannels.join(', ')}`);
    if (typeof listener !== 'function') throw new TypeError('An event listener must be a function');
    // Only the payload is forwarded: never the transport's event object (in Electron it would expose the sender).
    return transport.subscribe(event, (payload) => {
      (listener as (payload: unknown) => void)(payload);
    });
  };
  // The object was built from the same channel lists the Api type is derived from, so the assertion is sound.
  return Object.freeze(api) as Api;
}
