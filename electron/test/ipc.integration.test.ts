// The workflow entries through the real IPC router on the real network: results and error DTOs as the renderer
// receives them, and event payloads accepted by the contract's schemas.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peers } from '../../fabric-network/src/topology.ts';
import { ipcContract } from '../../shared/ipc/contract.ts';
import { partialAppHandlers } from '../main/testing/partialHandlers.ts';
import { createConnectionHandlers } from '../main/fabric/connectionHandlers.ts';
import { createIpcRouter, noAppLock, type IpcRouter } from '../main/ipc/router.ts';
import { toTxProgressDto } from '../main/workflow/ipcEvents.ts';
import type { TxProgress } from '../main/workflow/txProgress.ts';
import { createWorkflowHandlers } from '../main/workflow/workflowHandlers.ts';
import { connectDemoUser, removeAllIdentities, type DemoSession } from './demoSession.ts';
import { newChildAgreement } from './agreementInput.ts';

// From the port plan, so the test also runs on a network shifted by PEDILEDGER_PORT_OFFSET.
const parentsPeer = `127.0.0.1:${String(peers.parents.port)}`;

const context = { transport: 'electron', origin: 'app://pediledger' } as const;
const run = `${Date.now().toString(36)}i`;
let dataDir: string;
let carla: DemoSession;
let router: IpcRouter;
const progress: TxProgress[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pediledger-ipc-'));
  carla = await connectDemoUser('parent-carla', {
    dataDir,
    keychainService: `PediLedger-ipc-${run}`,
    onProgress: (p) => progress.push(p),
  });
  const appInfo = { name: 'PediLedger', version: '0.0.0', shell: 'electron', runtime: 'test' } as const;
  router = createIpcRouter(
    ipcContract,
    partialAppHandlers(appInfo, {
      ...createWorkflowHandlers({ current: () => carla }),
      ...createConnectionHandlers({ current: () => carla.connection }),
    }),
    { lock: noAppLock },
  );
});

afterAll(async () => {
  carla.close();
  await removeAllIdentities(carla.identities);
  await rm(dataDir, { recursive: true, force: true });
});

describe('workflow over IPC', () => {
  it('proposes an agreement and lists it, with progress events the contract accepts', async () => {
    const input = newChildAgreement(run, { givenName: 'Ipc', sex: 'male' });
    const proposed = await router.call('agreement:propose', { input }, context);
    expect(proposed).toMatchObject({ ok: true, value: { value: { status: 'proposed' } } });
    const listed = await router.call('agreements:listMine', undefined, context);
    expect(listed.ok && JSON.stringify(listed.value)).toContain(`agr-${run}`);
    for (const p of progress)
      expect(ipcContract.events['tx:progress'].safeParse(toTxProgressDto(p)).success).toBe(true);
    expect(await router.call('connection:state', undefined, context)).toMatchObject({
      ok: true,
      value: { status: 'connected', endpoint: parentsPeer },
    });
  });

  it('answers refusals and bad input with coded error DTOs', async () => {
    const forbidden = await router.call('card:read', { childId: 'child-of-nobody' }, context);
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'ENDORSEMENT_REFUSED' } });
    const invalid = await router.call(
      'card:recordEntry',
      { kind: 'measurement', childId: `child-${run}`, entry: {} },
      context,
    );
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const badArgs = await router.call('card:read', { childId: '../etc' }, context);
    expect(badArgs).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_ARGS' } });
  });
});
