// Where the app keeps its data and finds the local network's connection profiles, for the shells that have no
// Electron `app.getPath` to ask (the browser shell and the launcher). Pure functions of the environment, so the
// conventions are unit-tested on every platform from one machine.
import path from 'node:path';
import { productName } from './app-info.ts';

/** The parts of the process environment these functions read. */
export interface LocationEnvironment {
  readonly platform: NodeJS.Platform;
  readonly homeDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The per-user app data folder, following the same convention as Electron's `app.getPath('userData')` for a
 * product named PediLedger: `%APPDATA%\PediLedger` on Windows, `~/Library/Application Support/PediLedger` on macOS,
 * `$XDG_CONFIG_HOME/PediLedger` (default `~/.config/PediLedger`) elsewhere. So the browser shell and a packaged
 * Electron app on the same machine see the same identity list.
 */
export function defaultUserDataDir(location: LocationEnvironment): string {
  const { platform, homeDir, env } = location;
  if (platform === 'win32') {
    return path.win32.join(nonEmpty(env['APPDATA']) ?? path.win32.join(homeDir, 'AppData', 'Roaming'), productName);
  }
  if (platform === 'darwin') return path.posix.join(homeDir, 'Library', 'Application Support', productName);
  return path.posix.join(nonEmpty(env['XDG_CONFIG_HOME']) ?? path.posix.join(homeDir, '.config'), productName);
}

/**
 * The folder with the local network's `<org>.json` connection profiles: `PEDILEDGER_PROFILES_DIR` when set, else
 * `profiles/` in the network's data folder (`PEDILEDGER_NETWORK_DATA`, as the network scripts honour it, else
 * `fabric-network/.data` in the repository).
 */
export function defaultNetworkProfilesDir(env: LocationEnvironment['env'], repoRoot: string): string {
  const explicit = nonEmpty(env['PEDILEDGER_PROFILES_DIR']);
  if (explicit !== undefined) return path.resolve(explicit);
  const networkData = nonEmpty(env['PEDILEDGER_NETWORK_DATA']) ?? path.join(repoRoot, 'fabric-network', '.data');
  return path.resolve(networkData, 'profiles');
}
