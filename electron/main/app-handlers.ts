import { invokeChannels } from '../../shared/ipc/channels.ts';
import type { AppInfo } from '../../shared/ipc/dto/app-info.ts';
import type { Handlers } from './ipc/handlers.ts';
import { pendingHandlers } from './ipc/pending-handlers.ts';

/**
 * All contract handlers, shared by the Electron shell and the browser shell so both serve exactly the same app.
 * `injected` supplies handlers built at startup by services that need runtime objects (the identity store, the CA
 * client, the gateway); entries nobody supplies answer NOT_IMPLEMENTED, derived from the channel list, so a new contract
 * entry is served (as not yet available) the moment it is declared.
 */
export function createAppHandlers(appInfo: AppInfo, injected: Partial<Handlers> = {}): Handlers {
  const handlers = {
    ...pendingHandlers(invokeChannels.filter((channel) => channel !== 'app:info')),
    ...injected,
    'app:info': () => appInfo,
  } satisfies Handlers;
  return handlers;
}
