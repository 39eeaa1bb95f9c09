// The directory through the app's services on the real network: a pediatrician and a school admin publish through
// the workflow and the IPC router, a parent lists both kinds (parsed with the chaincode schema), a parent's publish
// is refused by the chaincode, and withdrawing removes the entries. The directory is shared ledger state (the E2E
// story publishes Dr Alice and Oak Primary), so this test uses ped-bruno and admin-pine and leaves no entry behind.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcContract } from '../../shared/ipc/contract.ts';
import { partialAppHandlers } from '../main/testing/partialHandlers.ts';
import { EndorsementRefusedError } from '../main/fabric/errors.ts';
import { createIpcRouter, noAppLock, type IpcRouter } from '../main/ipc/router.ts';
import type { TxProgress } from '../main/workflow/txProgress.ts';
import { INVALID_INPUT } from '../main/util/validateInput.ts';
import { createWorkflowHandlers } from '../main/workflow/workflowHandlers.ts';
import { connectDemoUser, removeAllIdentities, type DemoSession } from './demoSession.ts';
import { callAs } from './workflowRouter.ts';

const run = `${Date.now().toString(36)}d`;
const context = { transport: 'electron', origin: 'app://pediledger' } as const;
let dataDir: string;
const progress: TxProgress[] = [];
const sessions: Record<string, DemoSession> = {};
let active: DemoSession | null = null;
let router: IpcRouter;

function as(uid: string): DemoSession {
  const session = sessions[uid];
  if (session === undefined) throw new Error(`no session for ${uid}`);
  return session;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pediledger-directory-'));
  for (const uid of ['ped-bruno', 'admin-pine', 'parent-emma']) {
    sessions[uid] = await connectDemoUser(uid, {
      dataDir,
      keychainService: `PediLedger-directory-${run}`,
      onProgress: (p) => progress.push(p),
    });
  }
  const appInfo = { name: 'PediLedger', version: '0.0.0', shell: 'electron', runtime: 'test' } as const;
  router = createIpcRouter(
    ipcContract,
    partialAppHandlers(appInfo, { ...createWorkflowHandlers({ current: () => active }) }),
    { lock: noAppLock },
  );
  // Earlier runs may have left entries for these two.
  for (const uid of ['ped-bruno', 'admin-pine'])
    await as(uid)
      .directory.withdrawDirectoryEntry()
      .catch(() => undefined);
});

afterAll(async () => {
  const identities = sessions['ped-bruno']?.identities;
  for (const session of Object.values(sessions)) session.close();
  if (identities !== undefined) await removeAllIdentities(identities);
  await rm(dataDir, { recursive: true, force: true });
});

describe('directory through the app services', () => {
  it('publish → list → withdraw, with progress like every write', async () => {
    const published = await as('ped-bruno').directory.publishDirectoryEntry(`Dr Bruno Keller ${run}`);
    expect(published.value).toMatchObject({ kind: 'pediatrician', id: 'ped-bruno', org: 'hospital' });
    const stages = progress.filter((p) => p.txId === published.txId).map((p) => p.stage);
    expect(stages).toEqual(['endorsing', 'endorsed', 'submitted', 'committed']);

    // The school admin publishes through the IPC router, as the renderer would.
    active = as('admin-pine');
    const viaIpc = await router.call('directory:publish', { displayName: ` Pine Elementary ${run} ` }, context);
    expect(viaIpc).toMatchObject({
      ok: true,
      value: { value: { kind: 'school', id: 'pine-elementary', displayName: `Pine Elementary ${run}` } },
    });

    const pediatricians = await as('parent-emma').directory.listDirectory('pediatrician');
    expect(pediatricians.find((e) => e.id === 'ped-bruno')?.displayName).toBe(`Dr Bruno Keller ${run}`);
    active = as('parent-emma');
    const schools = await router.call('directory:list', { kind: 'school' }, context);
    expect(schools.ok).toBe(true);
    const listed = schools.ok ? ipcContract.invoke['directory:list'].result.parse(schools.value) : [];
    expect(listed.find((e) => e['id'] === 'pine-elementary')).toMatchObject({ displayName: `Pine Elementary ${run}` });

    const refused = await as('parent-emma')
      .directory.publishDirectoryEntry('Emma')
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(EndorsementRefusedError);
    expect((refused as EndorsementRefusedError).chaincodeCode).toBe('FORBIDDEN');
    expect(await callAs(as('ped-bruno'), 'directory:publish', { displayName: 'x'.repeat(81) })).toMatchObject({
      ok: false,
      error: { code: INVALID_INPUT },
    });

    expect((await as('ped-bruno').directory.withdrawDirectoryEntry()).value.id).toBe('ped-bruno');
    active = as('admin-pine');
    expect(await router.call('directory:withdraw', undefined, context)).toMatchObject({
      ok: true,
      value: { value: { id: 'pine-elementary' } },
    });
    expect((await as('parent-emma').directory.listDirectory('pediatrician')).map((e) => e.id)).not.toContain(
      'ped-bruno',
    );
    expect((await as('parent-emma').directory.listDirectory('school')).map((e) => e.id)).not.toContain(
      'pine-elementary',
    );
    const again = await router.call('directory:withdraw', undefined, context);
    expect(again).toMatchObject({ ok: false, error: { code: 'ENDORSEMENT_REFUSED' } });
  });

  it("reads the caller's own entry through the router, typed by the domain schema; a parent is refused", async () => {
    active = as('admin-pine');
    expect(await router.call('directory:readMine', undefined, context)).toEqual({ ok: true, value: null });
    await router.call('directory:publish', { displayName: `Pine Elementary ${run}` }, context);
    const mine = await router.call('directory:readMine', undefined, context);
    expect(mine).toMatchObject({
      ok: true,
      value: { kind: 'school', id: 'pine-elementary', org: 'school', displayName: `Pine Elementary ${run}` },
    });
    active = as('parent-emma');
    expect(await router.call('directory:readMine', undefined, context)).toMatchObject({
      ok: false,
      error: { code: 'ENDORSEMENT_REFUSED' },
    });
    active = as('admin-pine');
    await router.call('directory:withdraw', undefined, context);
  });
});
