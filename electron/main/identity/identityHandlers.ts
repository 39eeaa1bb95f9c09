// The contract's identity:* entries, served by the IdentityService.
import type { Handlers } from '../ipc/handlers.ts';
import type { IdentityService } from './identityService.ts';

/** The handlers of the identity entries. */
export type IdentityHandlers = Pick<Handlers, 'identity:list' | 'identity:setActive' | 'identity:remove'>;

/**
 * Lists, selects and removes stored identities. Only public metadata crosses IPC; keys stay in the keychain. Service
 * errors (`IDENTITY_NOT_FOUND`, `KEYCHAIN_UNAVAILABLE`, …) reach the renderer as their DTO through the router.
 */
export function createIdentityHandlers(identities: IdentityService): IdentityHandlers {
  return {
    'identity:list': () => identities.snapshot(),
    'identity:setActive': async ({ id }) => {
      // setActive returns null only when asked to clear the choice, which this entry (an id is required) never does;
      // re-reading keeps the handler total without an assertion.
      return (await identities.setActive(id)) ?? identities.get(id);
    },
    'identity:remove': async ({ id }) => {
      await identities.remove(id);
      return null;
    },
  };
}
