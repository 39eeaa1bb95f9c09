// Starts the desktop app the best way this machine allows (see launch-decision.ts). The network is brought up by
// the caller (scripts/start.ts) before launchApp runs. Can also be run directly:
//   node scripts/app-launcher.ts [--data-dir <folder>]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';
import { defaultNetworkProfilesDir, defaultUserDataDir } from '../electron/main/app-locations.ts';
import type { Handlers } from '../electron/main/ipc/handlers.ts';
import { decideLaunch, findElectronBinary, type LaunchDecision } from './launch-decision.ts';

const root = path.resolve(import.meta.dirname, '..');
const chromiumPath = '/usr/bin/chromium';

/**
 * The part of `electron/browser-shell/app.ts` the launcher uses, spelled out rather than imported: that module reaches
 * the chaincode's shared schemas (extensionless CommonJS-package sources Node cannot load as ES modules), so it is
 * loaded through Vite's module runner below, and its type must not pull those sources into this Node-typed program.
 */
interface BrowserShellModule {
  readonly startBrowserShellApp: (options: {
    services: { dataDir: string; networkProfilesDir: string };
    port?: number;
    handlers?: Partial<Handlers>;
  }) => Promise<{ readonly origin: string; readonly launchUrl: string; close(): Promise<void> }>;
}

/** Loads the browser shell through Vite's module runner, which resolves the chaincode sources as the bundles do. */
async function loadBrowserShell(): Promise<BrowserShellModule> {
  const { module } = await runnerImport<BrowserShellModule>(path.join(root, 'electron/browser-shell/app.ts'), {
    configFile: false,
    root,
    logLevel: 'error',
  });
  return module;
}

/** Options for {@link launchApp}. */
export interface LaunchOptions {
  /** Port for the browser shell (default: any free port). */
  readonly port?: number;
  /**
   * The browser shell's app data folder (identity list, imported profiles); default the OS convention, e.g.
   * `$XDG_CONFIG_HOME/PediLedger`. Electron's main uses its own `userData`, which follows the same convention.
   */
  readonly dataDir?: string;
  /** The local network's connection profiles; default `PEDILEDGER_PROFILES_DIR` or the network's data folder. */
  readonly networkProfilesDir?: string;
  /** Extra service handlers wired in at startup, for the browser shell (Electron's main wires its own). */
  readonly handlers?: Partial<Handlers>;
  /** Where progress is printed (default: stdout). */
  readonly log?: (message: string) => void;
}

/** A running app. */
export interface LaunchedApp {
  readonly decision: LaunchDecision;
  /** The browser shell's one-time launch URL, in browser modes. */
  readonly url: string | null;
  /** Resolves with the exit code when the app window closes (or after {@link LaunchedApp.stop}). */
  readonly exited: Promise<number>;
  /** Closes the window and the shell. */
  stop(): Promise<void>;
}

function buildApp(): void {
  const build = spawnSync(path.join(root, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('electron-vite build failed');
}

function exitCode(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      resolve(code ?? 1);
    });
  });
}

/**
 * Builds the app and shows it: in Electron when its binary is installed; otherwise through the browser shell, in
 * Chromium's app mode when there is a Chromium and a display, or by printing the URL. Prints which, and why.
 */
export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  const log =
    options.log ??
    ((message: string) => {
      console.log(message);
    });
  const decision = decideLaunch({
    electronPath: findElectronBinary(
      path.join(root, 'node_modules/electron'),
      process.env['ELECTRON_OVERRIDE_DIST_PATH'],
    ),
    chromiumPath: existsSync(chromiumPath) ? chromiumPath : null,
    hasDisplay: Boolean(process.env['DISPLAY'] ?? process.env['WAYLAND_DISPLAY']),
  });
  log(`PediLedger: ${decision.reason}.`);
  buildApp();

  if (decision.mode === 'electron') {
    const electron = spawn(decision.electronPath, [root], { cwd: root, stdio: 'inherit' });
    const exited = exitCode(electron);
    const stop = async (): Promise<void> => {
      electron.kill();
      await exited;
    };
    return { decision, url: null, exited, stop };
  }

  const dataDir =
    options.dataDir ?? defaultUserDataDir({ platform: process.platform, homeDir: homedir(), env: process.env });
  const networkProfilesDir = options.networkProfilesDir ?? defaultNetworkProfilesDir(process.env, root);
  log(`App data in ${dataDir}; connection profiles from ${networkProfilesDir} (and any imported into the app data).`);
  const { startBrowserShellApp } = await loadBrowserShell();
  const shell = await startBrowserShellApp({
    services: { dataDir, networkProfilesDir },
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.handlers === undefined ? {} : { handlers: options.handlers }),
  });
  if (decision.mode === 'browser-url') {
    log(`Open ${shell.launchUrl} in a browser on this machine (the link works once).`);
    let finish: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => {
      finish = resolve;
    });
    const stop = async (): Promise<void> => {
      await shell.close();
      finish(0);
    };
    return { decision, url: shell.launchUrl, exited, stop };
  }

  // A fresh profile: Chromium would otherwise hand the URL to an already running browser and return at once.
  const profile = mkdtempSync(path.join(tmpdir(), 'pediledger-app-'));
  const chromium = spawn(
    decision.chromiumPath,
    [`--app=${shell.launchUrl}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-sync'],
    { stdio: 'ignore' },
  );
  const exited = exitCode(chromium).then(async (code) => {
    await shell.close();
    rmSync(profile, { recursive: true, force: true });
    return code;
  });
  log(`Opened ${shell.origin} in Chromium app mode; closing the window stops the app.`);
  const stop = async (): Promise<void> => {
    chromium.kill();
    await exited;
  };
  return { decision, url: shell.launchUrl, exited, stop };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
  const dataDir = values['data-dir'];
  const app = await launchApp(dataDir === undefined ? {} : { dataDir: path.resolve(dataDir) });
  const stop = (): void => {
    void app.stop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.exitCode = await app.exited;
}
