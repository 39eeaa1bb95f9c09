import type { AppInfo } from '../../shared/ipc/dto/app-info.ts';
import type { AppServiceHandlers } from './app-services.ts';
import type { Handlers } from './ipc/handlers.ts';
import type { PrintHandlers } from './print/pdfExport.ts';

/**
 * All contract handlers of the shipped app, shared by the Electron shell and the browser shell so both serve exactly
 * the same app. The parts are complete sets: a contract entry that none of them serves is a compile error here (and
 * `app-handlers.test.ts` checks the same at run time), never a `NOT_IMPLEMENTED` answer in production.
 */
export function createAppHandlers(appInfo: AppInfo, services: AppServiceHandlers, print: PrintHandlers): Handlers {
  return { ...services, ...print, 'app:info': () => appInfo } satisfies Handlers;
}
