// One user's browser shell on the real network, composed exactly as `npm start` does (the app's services with their
// active session: gateway, workflow, notifications), with its own data folder and an in-memory secret store, so no
// key reaches the disk or a keyring.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBrowserShellApp, type BrowserShellApp } from '../../electron/browser-shell/app.ts';
import type { SecretStore } from '../../electron/main/identity/secretStore.ts';

/** Secrets kept in memory only, for the test's lifetime. */
class MemorySecretStore implements SecretStore {
  readonly #entries = new Map<string, string>();
  get(service: string, account: string): Promise<string | null> {
    return Promise.resolve(this.#entries.get(`${service}\n${account}`) ?? null);
  }
  set(service: string, account: string, secret: string): Promise<void> {
    this.#entries.set(`${service}\n${account}`, secret);
    return Promise.resolve();
  }
  delete(service: string, account: string): Promise<boolean> {
    return Promise.resolve(this.#entries.delete(`${service}\n${account}`));
  }
  list(service: string): Promise<string[]> {
    const prefix = `${service}\n`;
    return Promise.resolve(
      [...this.#entries.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)),
    );
  }
  assertAvailable(): Promise<void> {
    return Promise.resolve();
  }
}

/** A running shell for one user. */
export interface StoryShell {
  readonly app: BrowserShellApp;
  readonly dataDir: string;
  close(): Promise<void>;
}

export const networkProfilesDir = path.resolve(import.meta.dirname, '../../fabric-network/.data/profiles');

/** Starts a browser shell with its own data folder; it connects once the user enrolls or imports an identity. */
export async function startStoryShell(name: string): Promise<StoryShell> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `pediledger-e2e-${name}-`));
  const app = await startBrowserShellApp({
    services: {
      dataDir,
      networkProfilesDir,
      secrets: new MemorySecretStore(),
      keychainService: `PediLedger-e2e-${name}-${Date.now().toString(36)}`,
    },
    log: () => undefined,
  });
  return {
    app,
    dataDir,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
