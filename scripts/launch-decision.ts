// How `npm start` shows the app, decided from what this machine has. Pure, so every branch is unit-tested.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What the machine offers for showing the app. */
export interface LaunchEnvironment {
  /** The Electron executable, when its binary is installed. */
  readonly electronPath: string | null;
  /** A Chromium executable for app mode, when installed. */
  readonly chromiumPath: string | null;
  /** Whether a graphical session exists (X11 or Wayland) to open a window in. */
  readonly hasDisplay: boolean;
}

/** How to show the app, and why (the reason is printed, so a missing Electron is never a silent surprise). */
export type LaunchDecision =
  | { readonly mode: 'electron'; readonly electronPath: string; readonly reason: string }
  | { readonly mode: 'browser-app'; readonly chromiumPath: string; readonly reason: string }
  | { readonly mode: 'browser-url'; readonly reason: string };

/** Picks Electron when its binary exists, else the browser shell in Chromium's app mode, else just the shell's URL. */
export function decideLaunch(env: LaunchEnvironment): LaunchDecision {
  if (env.electronPath !== null) {
    return { mode: 'electron', electronPath: env.electronPath, reason: `Electron binary found at ${env.electronPath}` };
  }
  const noElectron = 'the Electron binary is not installed (node_modules/electron has no dist/), so the browser shell';
  if (env.chromiumPath === null) {
    return { mode: 'browser-url', reason: `${noElectron} serves the app; no Chromium found to open it` };
  }
  if (!env.hasDisplay) {
    return {
      mode: 'browser-url',
      reason: `${noElectron} serves the app; no display (DISPLAY/WAYLAND_DISPLAY) to open it`,
    };
  }
  return {
    mode: 'browser-app',
    chromiumPath: env.chromiumPath,
    reason: `${noElectron} serves the app in Chromium app mode`,
  };
}

/**
 * The Electron executable, found the way the `electron` package finds it (path.txt names the binary inside dist/,
 * or inside ELECTRON_OVERRIDE_DIST_PATH), but without `require('electron')`, which starts a download when it is
 * missing.
 */
export function findElectronBinary(electronPackageDir: string, overrideDistPath: string | undefined): string | null {
  const pathFile = path.join(electronPackageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const candidate =
    overrideDistPath !== undefined && overrideDistPath !== ''
      ? path.join(overrideDistPath, executable ?? 'electron')
      : executable === null
        ? null
        : path.join(electronPackageDir, 'dist', executable);
  return candidate !== null && existsSync(candidate) ? candidate : null;
}
