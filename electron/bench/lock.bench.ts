// Bench of what the app lock adds to every IPC call: the router asks the lock before each entry it refuses while
// locked, and the lock reads the active identity from the identity list file (so a switch made by another window is
// never missed). Prints µs per call through the router with the app lock, next to the same router with no lock.
// Run: npm run bench:lock
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { IdentityListFile } from '../main/identity/identityListFile.ts';
import type { SecretStore } from '../main/identity/secretStore.ts';
import { ipcContract } from '../../shared/ipc/contract.ts';
import { partialAppHandlers } from '../main/testing/partialHandlers.ts';
import { createAppInfo } from '../main/app-info.ts';
import { createIpcRouter, noAppLock } from '../main/ipc/router.ts';
import { AppLock } from '../main/lock/appLock.ts';

const CALLS = 20_000;
const context = { transport: 'electron', origin: 'app://pediledger' } as const;

/** No PIN is set, so the keychain is asked once; what is measured is the per-call gate. */
const noSecrets: SecretStore = {
  get: () => Promise.resolve(null),
  set: () => Promise.resolve(),
  delete: () => Promise.resolve(false),
  list: () => Promise.resolve([]),
  assertAvailable: () => Promise.resolve(),
};

const dataDir = await mkdtemp(path.join(tmpdir(), 'pediledger-bench-lock-'));
try {
  const list = new IdentityListFile(dataDir);
  await list.write({ version: 1, activeId: null, identities: [] });
  const lock = new AppLock({
    secrets: noSecrets,
    service: 'bench',
    activeIdentityId: async () => (await list.read()).activeId,
  });
  const handlers = partialAppHandlers(createAppInfo('browser', '0.1.0', 'bench'), {
    'children:listMine': () => Promise.resolve([]),
  });
  const plainRouter = createIpcRouter(ipcContract, handlers, { lock: noAppLock });
  const lockedRouter = createIpcRouter(ipcContract, handlers, { lock });

  async function time(run: () => Promise<unknown>): Promise<number> {
    for (let i = 0; i < 500; i++) await run();
    const start = performance.now();
    for (let i = 0; i < CALLS; i++) await run();
    return ((performance.now() - start) / CALLS) * 1000;
  }

  const plain = await time(() => plainRouter.call('children:listMine', undefined, context));
  const withGate = await time(() => lockedRouter.call('children:listMine', undefined, context));
  console.log(`app lock gate, ${String(CALLS)} calls each (identity list file read per call):`);
  console.log(`  router, no lock        ${plain.toFixed(1)} µs/call`);
  console.log(`  router with app lock   ${withGate.toFixed(1)} µs/call (+${(withGate - plain).toFixed(1)} µs)`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
