import type { AppInfo } from '../../shared/ipc/dto/app-info.ts';
import type { Handlers } from './ipc/handlers.ts';
import { pendingHandlers } from './ipc/pending-handlers.ts';

/**
 * All contract handlers, shared by the Electron shell and the browser shell so both serve exactly the same app.
 * `injected` supplies handlers built at startup by services that need runtime objects (the identity store, the CA
 * client, the gateway); entries nobody supplies answer NOT_IMPLEMENTED until their service is wired in. The result is
 * checked against `Handlers`, so a new contract entry without a handler here fails to compile.
 */
export function createAppHandlers(appInfo: AppInfo, injected: Partial<Handlers> = {}): Handlers {
  const handlers = {
    ...pendingHandlers([
      'identity:list',
      'identity:setActive',
      'identity:remove',
      'enrollment:caInfo',
      'enrollment:enroll',
      'enrollment:importPem',
      'profiles:list',
      'connection:state',
      'agreement:propose',
      'agreement:accept',
      'agreement:decline',
      'agreement:terminate',
      'child:addGuardian',
      'card:recordMeasurement',
      'card:recordImmunization',
      'card:recordAllergy',
      'card:recordCondition',
      'card:addVisitNote',
      'card:read',
      'card:history',
      'children:listMine',
      'agreements:listMine',
      'admission:create',
      'admission:decide',
      'admission:withdraw',
      'admissions:listMine',
      'reportRequest:create',
      'reportRequest:decline',
      'reportRequests:listMine',
      'report:create',
      'report:approve',
      'report:revoke',
      'report:open',
      'report:read',
      'report:receipts',
      'reports:listMine',
    ]),
    ...injected,
    'app:info': () => appInfo,
  } satisfies Handlers;
  return handlers;
}
