import path from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { ipcContract } from '../../shared/ipc/contract.ts';
import { createAppHandlers } from '../main/app-handlers.ts';
import { createAppInfo } from '../main/app-info.ts';
import type { Handlers } from '../main/ipc/handlers.ts';
import { EventHub } from '../main/ipc/event-hub.ts';
import { createIpcRouter } from '../main/ipc/router.ts';
import { startBrowserShell, type BrowserShell } from './server.ts';

/** The built renderer, relative to the repository root. */
export const defaultRendererDir = path.resolve(import.meta.dirname, '../../out/renderer');

/** Options for {@link startBrowserShellApp}. */
export interface BrowserShellAppOptions {
  readonly rendererDir?: string;
  readonly port?: number;
  /** Handlers of services wired in at startup (see `createAppHandlers`). */
  readonly handlers?: Partial<Handlers>;
  /** Where failures and refused requests are reported (default: stderr). */
  readonly log?: (message: string, error?: unknown) => void;
}

/** A running browser shell with the app's event hub, so services can emit events to the page. */
export interface BrowserShellApp extends BrowserShell {
  readonly events: EventHub<typeof ipcContract>;
}

/**
 * Starts the whole app without Electron: the same handlers and router as the Electron shell, served to a browser by
 * the loopback shell.
 */
export async function startBrowserShellApp(options: BrowserShellAppOptions = {}): Promise<BrowserShellApp> {
  const log =
    options.log ??
    ((message: string, error?: unknown): void => {
      console.error(`[browser-shell] ${message}`, error ?? '');
    });
  const appInfo = createAppInfo('browser', packageJson.version, `Node ${process.versions.node}`);
  const router = createIpcRouter(ipcContract, createAppHandlers(appInfo, options.handlers), log);
  const events = new EventHub(ipcContract, log);
  const shell = await startBrowserShell({
    router,
    events,
    rendererDir: options.rendererDir ?? defaultRendererDir,
    ...(options.port === undefined ? {} : { port: options.port }),
    log,
  });
  return { ...shell, events };
}
