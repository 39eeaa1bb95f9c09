// Electron entry point: a thin shell that wires plain Node services (router, handlers, guards) to Electron.
// Everything decided here is tested through the plain modules it calls; see electron/SECURITY.md.
import path from 'node:path';
import { app, powerMonitor, session } from 'electron';
import { ipcContract } from '../../shared/ipc/contract.ts';
import { createAppHandlers } from './app-handlers.ts';
import { createAppInfo, productName } from './app-info.ts';
import { defaultNetworkProfilesDir } from './app-locations.ts';
import { registerAppProtocol, registerAppSchemePrivileges } from './app-protocol.ts';
import { createAppServices } from './app-services.ts';
import { hardenSession, hardenWebContents } from './harden.ts';
import { forwardEventsToWindows, registerIpcHandlers } from './ipc/electron-ipc.ts';
import { EventHub } from './ipc/event-hub.ts';
import { createIpcRouter } from './ipc/router.ts';
import { createPrintHandlers } from './print/pdfExport.ts';
import { appOrigin, originOf } from './security/url-policy.ts';
import { createAppLog } from './util/appLog.ts';
import { createMainWindow } from './window.ts';

// One line per event on stderr; errors are described without the values they may carry (util/appLog.ts).
const log = createAppLog('[main]');

// The dev server is trusted only in `electron-vite dev` (never in a packaged app).
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const devServerOrigin = devServerUrl === undefined ? null : originOf(devServerUrl);
const trustedOrigins = devServerOrigin === null ? [appOrigin] : [appOrigin, devServerOrigin];

registerAppSchemePrivileges();
app.enableSandbox();
app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents, trustedOrigins);
});
app.on('window-all-closed', () => {
  app.quit();
});

async function start(): Promise<void> {
  await app.whenReady();
  registerAppProtocol(path.join(import.meta.dirname, '../renderer'));
  hardenSession(session.defaultSession, trustedOrigins);

  const appInfo = createAppInfo('electron', app.getVersion(), `Electron ${process.versions.electron}`);
  // out/main/index.js → the repository root, where a development checkout keeps the local network's profiles.
  const repoRoot = path.resolve(import.meta.dirname, '../..');
  const events = new EventHub(ipcContract, log);
  const services = createAppServices({
    // `userData` of a packaged app (productName PediLedger). Spelled out because `electron .` in a checkout names
    // userData after package.json's lower-case `name`, and the browser shell must find the same identity list.
    dataDir: path.join(app.getPath('appData'), productName),
    networkProfilesDir: defaultNetworkProfilesDir(process.env, repoRoot),
    events,
    log,
  });
  // report:savePdf renders the calling window, which registerIpcHandlers passes in the call context.
  const handlers = createAppHandlers(appInfo, services.handlers, createPrintHandlers());
  const router = createIpcRouter(ipcContract, handlers, { lock: services.lock, log });
  registerIpcHandlers(router, trustedOrigins, log);
  forwardEventsToWindows(events, trustedOrigins);

  createMainWindow({
    preloadPath: path.join(import.meta.dirname, '../preload/index.cjs'),
    url: devServerUrl ?? `${appOrigin}/index.html`,
  });

  // The session's streams and gRPC clients are closed before Electron exits; quitting waits for that once.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    void services.close().finally(() => {
      app.quit();
    });
  });

  // When the OS locks its screen or sleeps, the app locks too: a clinic PC woken by someone else shows the lock screen
  // (the renderer learns it from the next refused call, or at once if it asks lock:state).
  const lockWithTheOs = (osEvent: string) => (): void => {
    void services.lock.lock().catch((error: unknown) => {
      log(`locking on ${osEvent} failed`, error);
    });
  };
  powerMonitor.on('lock-screen', lockWithTheOs('lock-screen'));
  powerMonitor.on('suspend', lockWithTheOs('suspend'));

  // In the background: the window shows `offline` / `connected` as the session's connection reports it.
  void services.openActiveSession();
  // In the background: a slow or refusing CA must not hold up the window; outcomes are logged and notified.
  void services.renewDueIdentities({
    log: (message) => {
      log(message);
    },
    notify: (notice) => events.emit('notification', notice),
  });
}

start().catch((error: unknown) => {
  log('startup failed', error);
  app.exit(1);
});
