// The built Electron app (out/main/index.js and out/preload/index.cjs, exactly what electron-builder packages) run in
// Node 24 — the Node of Electron 45 — against a recorder standing in for the `electron` module, since Electron's binary
// cannot be downloaded here. It proves the bundles load with their real dependencies (gRPC, fabric-gateway, keytar,
// zod), that main wires every contract entry, the window, the protocol, the session hardening and the OS lock
// events, and that the Electron-only paths (printToPDF + save dialog, preload bridge) work end to end.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invokeChannels } from '../../shared/ipc/channels.ts';
import { ipcContract } from '../../shared/ipc/contract.ts';
import { ensureRendererBuild, repoRoot } from '../../renderer/e2e/renderer-build.ts';

type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  const handlers = new Map<string, Listener>();
  const appListeners = new Map<string, Listener[]>();
  const powerListeners = new Map<string, Listener[]>();
  const windows: { options: Record<string, unknown>; url: string | null }[] = [];
  const protocolHandlers = new Map<string, Listener>();
  let resolveReady: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  const state = {
    appData: '',
    savePath: null as string | null,
    ready: (): void => {
      resolveReady();
    },
  };
  const on = (map: Map<string, Listener[]>) => (name: string, listener: Listener) => {
    map.set(name, [...(map.get(name) ?? []), listener]);
  };
  class BrowserWindow {
    static getAllWindows(): BrowserWindow[] {
      return [];
    }
    static fromWebContents(): BrowserWindow {
      return new BrowserWindow({ recorded: false });
    }
    constructor(options: Record<string, unknown>) {
      if (options['recorded'] !== false) windows.push({ options, url: null });
    }
    once(): void {
      // ready-to-show never fires here
    }
    loadURL(url: string): Promise<void> {
      const last = windows.at(-1);
      if (last !== undefined) last.url = url;
      return Promise.resolve();
    }
  }
  const module = {
    app: {
      isPackaged: false,
      enableSandbox: () => undefined,
      on: on(appListeners),
      whenReady: () => whenReady,
      getPath: () => state.appData,
      getVersion: () => '0.1.0',
      quit: () => undefined,
      exit: (code: number) => {
        throw new Error(`app.exit(${String(code)})`);
      },
    },
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, listener: Listener) => {
        handlers.set(channel, listener);
      },
    },
    powerMonitor: { on: on(powerListeners) },
    protocol: {
      registerSchemesAsPrivileged: () => undefined,
      handle: (scheme: string, handler: Listener) => {
        protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        setDevicePermissionHandler: () => undefined,
        webRequest: { onBeforeRequest: () => undefined },
      },
    },
    dialog: { showSaveDialog: () => Promise.resolve({ canceled: state.savePath === null, filePath: state.savePath }) },
    shell: { openExternal: () => Promise.resolve() },
  };
  return { module, handlers, appListeners, powerListeners, windows, protocolHandlers, state };
});

vi.mock('electron', () => electron.module);

const mainBundle = path.join(repoRoot, 'out/main/index.js');
const preloadBundle = path.join(repoRoot, 'out/preload/index.cjs');
const appPage = { url: 'app://pediledger/index.html', parent: null };
const pdfBytes = Buffer.from('%PDF-1.7\n% PediLedger test\n%%EOF\n');
const sender = { printToPDF: () => Promise.resolve(pdfBytes), isDestroyed: () => false };

function call(channel: string, args?: unknown, frame: unknown = appPage): Promise<unknown> {
  const handler = electron.handlers.get(channel);
  if (handler === undefined) throw new Error(`main registered no handler for ${channel}`);
  return Promise.resolve(handler({ senderFrame: frame, sender }, args));
}

beforeAll(async () => {
  await ensureRendererBuild();
  electron.state.appData = await mkdtemp(path.join(tmpdir(), 'pediledger-electron-bundle-'));
  await import(mainBundle);
  electron.state.ready();
  await vi.waitFor(
    () => {
      expect(electron.windows).toHaveLength(1);
    },
    { timeout: 60_000, interval: 50 },
  );
}, 180_000);

afterAll(async () => {
  for (const listener of electron.appListeners.get('before-quit') ?? []) listener({ preventDefault: () => undefined });
  await new Promise((resolve) => setTimeout(resolve, 200));
  await rm(electron.state.appData, { recursive: true, force: true });
});

describe('the built Electron main process', () => {
  it('serves every contract entry over ipcMain, and refuses a foreign frame', async () => {
    expect([...electron.handlers.keys()].sort()).toEqual([...invokeChannels].sort());
    expect(await call('app:info')).toMatchObject({ ok: true, value: { shell: 'electron', name: 'PediLedger' } });
    expect(await call('lock:state')).toEqual({ ok: true, value: { locked: false, pinSet: false, retryAfter: null } });
    expect(await call('app:info', undefined, { url: 'https://evil.example/', parent: null })).toMatchObject({
      ok: false,
      error: { code: 'IPC_FORBIDDEN_SENDER' },
    });
  });

  it('opens one sandboxed, isolated window on the app protocol with the bundled preload', () => {
    const [window] = electron.windows;
    expect(window?.url).toBe('app://pediledger/index.html');
    const preferences = window?.options['webPreferences'] as Record<string, unknown>;
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(existsSync(String(preferences['preload']))).toBe(true);
    expect(electron.protocolHandlers.has('app')).toBe(true);
  });

  it('serves the renderer over app:// with the CSP header', async () => {
    const handler = electron.protocolHandlers.get('app');
    const response = (await handler?.(new Request('app://pediledger/index.html'))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await response.text()).toContain('<div id="app">');
  });

  it('locks the app when the OS locks its screen', async () => {
    expect(electron.powerListeners.has('lock-screen')).toBe(true);
    for (const listener of electron.powerListeners.get('lock-screen') ?? []) listener();
    await vi.waitFor(
      async () => {
        expect(await call('lock:state')).toMatchObject({ value: { locked: true } });
      },
      { timeout: 30_000, interval: 50 },
    );
    expect(await call('children:listMine')).toMatchObject({ ok: false, error: { code: 'APP_LOCKED' } });
    // The whole contract, as main wired it: each entry is refused or served as its declaration says, whatever its
    // arguments; Save as PDF included (it was once added outside the lock).
    for (const channel of invokeChannels) {
      const code = ((await call(channel)) as { error?: { code?: string } }).error?.code;
      if (ipcContract.invoke[channel].whileLocked === 'refuse') expect(code, channel).toBe('APP_LOCKED');
      else expect(code, channel).not.toBe('APP_LOCKED');
    }
    expect(await call('report:savePdf', { suggestedFileName: 'Report Mia.pdf' })).toMatchObject({
      ok: false,
      error: { code: 'APP_LOCKED' },
    });
    expect(await call('lock:unlock', {})).toMatchObject({ ok: true, value: { locked: false } });
  });

  it('saves the report as PDF: main renders the calling window and writes where the save dialog says', async () => {
    const target = path.join(electron.state.appData, 'Report Mia.pdf');
    electron.state.savePath = target;
    expect(await call('report:savePdf', { suggestedFileName: 'Report Mia.pdf' })).toEqual({
      ok: true,
      value: { saved: true, path: target, bytes: pdfBytes.length },
    });
    expect(await readFile(target)).toEqual(pdfBytes);
    electron.state.savePath = null;
    expect(await call('report:savePdf', { suggestedFileName: 'Report Mia.pdf' })).toEqual({
      ok: true,
      value: { saved: false },
    });
    expect(await call('report:savePdf', { suggestedFileName: '../../etc/passwd.pdf' })).toMatchObject({
      ok: false,
      error: { code: 'IPC_INVALID_ARGS' },
    });
  });
});

describe('the built preload script', () => {
  it('needs nothing but `electron` (a sandboxed preload cannot require more) and exposes the whole contract', async () => {
    const source = await readFile(preloadBundle, 'utf8');
    const exposed: Record<string, unknown> = {};
    const invoked: { channel: string; args: unknown }[] = [];
    const fakeElectron = {
      contextBridge: {
        exposeInMainWorld: (key: string, value: unknown) => {
          exposed[key] = value;
        },
      },
      ipcRenderer: {
        invoke: (channel: string, args: unknown) => {
          invoked.push({ channel, args });
          return Promise.resolve({ ok: true, value: 'pong' });
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const sandboxedRequire = (name: string): unknown => {
      if (name === 'electron') return fakeElectron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    const module = { exports: {} };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating the built preload as Electron does
    const evaluate = new Function('require', 'module', 'exports', source) as (
      require: (name: string) => unknown,
      module: { exports: unknown },
      exports: unknown,
    ) => void;
    evaluate(sandboxedRequire, module, module.exports);
    const api = exposed['api'] as Record<string, (args?: unknown) => Promise<unknown>>;
    for (const channel of invokeChannels) expect(typeof api[channel]).toBe('function');
    expect(await api['lock:state']?.()).toEqual({ ok: true, value: 'pong' });
    expect(invoked).toEqual([{ channel: 'lock:state', args: undefined }]);
  });
});
