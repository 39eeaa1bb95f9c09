import path from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { ipcContract } from '../../shared/ipc/contract.ts';
import { createAppHandlers } from '../main/app-handlers.ts';
import { createAppInfo } from '../main/app-info.ts';
import { createAppServices, type AppServices, type AppServicesOptions } from '../main/app-services.ts';
import type { Handlers } from '../main/ipc/handlers.ts';
import { partialAppHandlers } from '../main/testing/partialHandlers.ts';
import { createPrintHandlers } from '../main/print/pdfExport.ts';
import { EventHub } from '../main/ipc/event-hub.ts';
import { createIpcRouter, noAppLock } from '../main/ipc/router.ts';
import { createAppLog } from '../main/util/appLog.ts';
import { startBrowserShell, type BrowserShell } from './server.ts';

/** The built renderer, relative to the repository root. */
export const defaultRendererDir = path.resolve(import.meta.dirname, '../../out/renderer');

/** Options for {@link startBrowserShellApp}. */
export interface BrowserShellAppOptions {
  readonly rendererDir?: string;
  readonly port?: number;
  /**
   * The app's services (see `createAppServices`): when given, the shell serves identity:*, enrollment:* and
   * profiles:list from them, as Electron's main does, and renews due certificates after it starts. Without them
   * the shell is a test and bench harness: those entries answer NOT_IMPLEMENTED (its own tests need no keychain or
   * network), through the test seam `partialAppHandlers`.
   */
  readonly services?: AppServicesOptions;
  /** Handlers of services wired in at startup (see `createAppHandlers`); they win over the services' handlers. */
  readonly handlers?: Partial<Handlers>;
  /** Where failures and refused requests are reported (default: stderr, through `createAppLog`). */
  readonly log?: (message: string, error?: unknown) => void;
}

/** A running browser shell with the app's event hub, so services can emit events to the page. */
export interface BrowserShellApp extends BrowserShell {
  readonly events: EventHub<typeof ipcContract>;
  /** The services behind the shell, when it was started with them. */
  readonly services: AppServices | null;
}

/**
 * Starts the whole app without Electron: the same handlers and router as the Electron shell, served to a browser by
 * the loopback shell.
 */
export async function startBrowserShellApp(options: BrowserShellAppOptions = {}): Promise<BrowserShellApp> {
  const log = options.log ?? createAppLog('[browser-shell]');
  const appInfo = createAppInfo('browser', packageJson.version, `Node ${process.versions.node}`);
  const events = new EventHub(ipcContract, log);
  const services = options.services === undefined ? null : createAppServices({ log, ...options.services, events });
  // report:savePdf answers PDF_EXPORT_UNAVAILABLE here: the page is a browser tab, whose print dialog saves PDFs.
  const handlers: Handlers =
    services === null
      ? partialAppHandlers(appInfo, { ...createPrintHandlers(), ...options.handlers })
      : { ...createAppHandlers(appInfo, services.handlers, createPrintHandlers()), ...options.handlers };
  // Without services there is no identity and no record to protect, and so no lock.
  const router = createIpcRouter(ipcContract, handlers, {
    lock: services?.lock ?? noAppLock,
    log,
  });
  const shell = await startBrowserShell({
    router,
    events,
    rendererDir: options.rendererDir ?? defaultRendererDir,
    ...(options.port === undefined ? {} : { port: options.port }),
    log,
  });
  // In the background, as in Electron's main: the shell serves at once and connects as the active identity.
  void services?.openActiveSession();
  void services?.renewDueIdentities({
    log: (message) => {
      log(message);
    },
    notify: (notice) => events.emit('notification', notice),
  });
  return {
    ...shell,
    events,
    services,
    // The session's event streams and gRPC clients go with the shell, so a stopped shell leaves no handles open.
    close: async () => {
      await services?.close();
      await shell.close();
    },
  };
}
