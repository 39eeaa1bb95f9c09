import { AppError } from '../../../shared/errors.ts';
import type { InvokeChannel } from '../../../shared/ipc/channels.ts';
import { ipcErrorCodes } from '../../../shared/ipc/errors.ts';
import type { Handlers } from './handlers.ts';

/**
 * Handlers for entries whose service is not wired in yet: each answers `NOT_IMPLEMENTED`, so the app starts and the
 * renderer gets a clear error instead of a missing channel. Replace them with the service's handlers in
 * `app-handlers.ts` (or inject real ones at startup).
 */
export function pendingHandlers<K extends InvokeChannel>(channels: readonly K[]): Pick<Handlers, K> {
  const handlers: Partial<Record<InvokeChannel, () => never>> = {};
  for (const channel of channels) {
    handlers[channel] = () => {
      throw new AppError(ipcErrorCodes.notImplemented, `${channel} is not available yet`);
    };
  }
  // Every requested channel got a handler above; a handler that always throws fits any entry's signature.
  return handlers as Pick<Handlers, K>;
}
