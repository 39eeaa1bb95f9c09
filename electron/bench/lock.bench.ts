// Bench of what the app lock adds to every IPC call: the gate checks the active identity in the identity list file
// (so a switch made by another window is never missed) before each handler. Prints µs per gated call, next to the
// same handler ungated. Run: npm run bench:lock
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { IdentityListFile } from '../main/identity/identityListFile.ts';
import type { SecretStore } from '../main/identity/secretStore.ts';
import type { Handlers } from '../main/ipc/handlers.ts';
import { AppLock } from '../main/lock/appLock.ts';
import { guardWhileLocked } from '../main/lock/lockHandlers.ts';

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
  const handler: Pick<Handlers, 'children:listMine'> = { 'children:listMine': () => Promise.resolve([]) };
  const gated = guardWhileLocked(handler, lock);

  async function time(run: () => Promise<unknown>): Promise<number> {
    for (let i = 0; i < 500; i++) await run();
    const start = performance.now();
    for (let i = 0; i < CALLS; i++) await run();
    return ((performance.now() - start) / CALLS) * 1000;
  }

  const plain = await time(() => handler['children:listMine'](undefined, context) as Promise<unknown>);
  const withGate = await time(() => gated['children:listMine'](undefined, context) as Promise<unknown>);
  console.log(
    `app lock gate, ${String(CALLS)} calls each (identity list file: a stat per call, a read when it changed):`,
  );
  console.log(`  handler alone        ${plain.toFixed(1)} µs/call`);
  console.log(`  handler behind gate  ${withGate.toFixed(1)} µs/call (+${(withGate - plain).toFixed(1)} µs)`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
