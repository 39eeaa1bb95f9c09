// Test seam: a router over only the handlers a test needs. Production wiring (`createAppHandlers`) takes complete
// handler sets, so a missing handler there is a compile error; only tests, benches and the service-less browser shell
// start a router with entries nobody serves, and those answer `NOT_IMPLEMENTED`.
import { AppError } from '../../../shared/errors.ts';
import { invokeChannels, type InvokeChannel } from '../../../shared/ipc/channels.ts';
import type { AppInfo } from '../../../shared/ipc/dto/app-info.ts';
import { ipcErrorCodes } from '../../../shared/ipc/errors.ts';
import type { Handlers } from '../ipc/handlers.ts';

/** Handlers for `channels` that each answer `NOT_IMPLEMENTED` (a handler that always throws fits any entry). */
export function pendingHandlers<K extends InvokeChannel>(channels: readonly K[]): Pick<Handlers, K> {
  const handlers: Partial<Record<InvokeChannel, () => never>> = {};
  for (const channel of channels) {
    handlers[channel] = () => {
      throw new AppError(ipcErrorCodes.notImplemented, `${channel} is not available yet`);
    };
  }
  // Every requested channel got a handler above.
  return handlers as Pick<Handlers, K>;
}

/** A complete handler set from `appInfo` and the handlers a test supplies; the rest answer `NOT_IMPLEMENTED`. */
export function partialAppHandlers(appInfo: AppInfo, supplied: Partial<Handlers> = {}): Handlers {
  return {
    ...pendingHandlers(invokeChannels.filter((channel) => channel !== 'app:info')),
    ...supplied,
    'app:info': () => appInfo,
  } satisfies Handlers;
}
