// Test-side composition of a browser shell for one user on the real network: the app's services (identities in an
// in-memory secret store, so no key reaches the disk or a keyring), and — until main wires the gateway in itself —
// the workflow and connection handlers over a FabricConnection opened for the identity the user makes active.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBrowserShellApp, type BrowserShellApp } from '../../electron/browser-shell/app.ts';
import { createConnectionHandlers, toConnectionStateDto } from '../../electron/main/fabric/connectionHandlers.ts';
import { FabricConnection } from '../../electron/main/fabric/fabricConnection.ts';
import type { Handlers } from '../../electron/main/ipc/handlers.ts';
import type { SecretStore } from '../../electron/main/identity/secretStore.ts';
import { toTxProgressDto } from '../../electron/main/workflow/ipcEvents.ts';
import { createWorkflow, type Workflow } from '../../electron/main/workflow/workflow.ts';
import { createWorkflowHandlers } from '../../electron/main/workflow/workflowHandlers.ts';

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
      [...this.#entries.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)),
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

/** Starts a browser shell with its own data folder, connected to the real network once an identity is active. */
export async function startStoryShell(name: string): Promise<StoryShell> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `pediledger-e2e-${name}-`));
  let workflow: Workflow | null = null;
  let stopState: (() => void) | null = null;
  let app: BrowserShellApp | null = null;

  const disconnect = (): void => {
    stopState?.();
    workflow?.connection.close();
    workflow = null;
  };

  const handlers: Partial<Handlers> = {
    ...createWorkflowHandlers({ current: () => workflow }),
    ...createConnectionHandlers({ current: () => workflow?.connection ?? null }),
    'identity:setActive': async (args, context) => {
      const shell = app;
      if (shell?.services == null) throw new Error('The story shell has no services');
      const summary = await shell.services.handlers['identity:setActive'](args, context);
      disconnect();
      const connection = new FabricConnection({
        profile: await shell.services.profiles.get(summary.org),
        signing: await shell.services.identities.getSigningMaterial(summary.id),
      });
      stopState = connection.onStateChange((state) => {
        shell.events.emit('connection:state', toConnectionStateDto(state));
      });
      await connection.open();
      workflow = createWorkflow({
        connection,
        onProgress: (progress) => {
          shell.events.emit('tx:progress', toTxProgressDto(progress));
        },
      });
      shell.events.emit('connection:state', toConnectionStateDto(connection.state));
      return summary;
    },
  };

  app = await startBrowserShellApp({
    services: {
      dataDir,
      networkProfilesDir,
      secrets: new MemorySecretStore(),
      keychainService: `PediLedger-e2e-${name}-${Date.now().toString(36)}`,
    },
    handlers,
    log: () => undefined,
  });
  const started = app;
  return {
    app: started,
    dataDir,
    close: async () => {
      disconnect();
      await started.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
