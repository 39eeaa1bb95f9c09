// The running app's session on the real network, through the IPC router both shells serve: importing the first
// identity connects it, switching identity reconnects as the new one (and closes the old connection), writes report
// their progress to the event hub, removing the active identity disconnects, and closing the services leaves no
// sockets open. The app data folder is left for the private key scan that runs after the tests.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ipcContract } from '../../shared/ipc/contract.ts';
import type { IpcResult } from '../../shared/ipc/result.ts';
import { IdentitySummary } from '../../shared/schemas/identity.ts';
import { loadNetworkStatus } from '../../fabric-network/test/fabric.ts';
import { partialAppHandlers } from '../main/testing/partialHandlers.ts';
import { createAppInfo } from '../main/app-info.ts';
import { createAppServices, type AppServices } from '../main/app-services.ts';
import { filesWithKeyMaterial } from '../main/identity/testing/scanForKeyMaterial.ts';
import { createIpcRouter, type IpcRouter } from '../main/ipc/router.ts';
import { NETWORK_PROFILES_DIR } from './demoSession.ts';
import { importDemoUserVia } from './routerImport.ts';
import { createTestAppDataDir } from './testAppData.ts';
import { newChildAgreement } from './agreementInput.ts';

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const keychainService = `PediLedger-session-${run}`;
const context = { transport: 'electron', origin: 'app://pediledger' } as const;

let dataDir: string;
let services: AppServices;
let router: IpcRouter;
const events: { event: string; payload: unknown }[] = [];
/** Every gRPC client the app made (each waits for its peer once): all must be shut down after close. */
const clients = new Set<grpc.Client>();

function openClients(): grpc.Client[] {
  return [...clients].filter(
    (client) => client.getChannel().getConnectivityState(false) !== grpc.connectivityState.SHUTDOWN,
  );
}

function value<T>(result: IpcResult<unknown>, parse: (value: unknown) => T): T {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.error)}`);
  return parse(result.value);
}

function importDemoUser(uid: string): Promise<IdentitySummary> {
  return importDemoUserVia(router, uid, context);
}

beforeAll(async () => {
  await loadNetworkStatus();
  dataDir = await createTestAppDataDir('active-session');
  services = createAppServices({ dataDir, networkProfilesDir: NETWORK_PROFILES_DIR, keychainService });
  services.events.subscribe((event, payload) => events.push({ event, payload }));
  router = createIpcRouter(
    ipcContract,
    partialAppHandlers(createAppInfo('electron', '0.1.0', 'Node test'), services.handlers),
    { lock: services.lock },
  );
  // grpc-js unrefs idle sockets, so Node's resource lists miss them; the clients themselves say whether they are shut.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the client as `this`
  const waitForReady = grpc.Client.prototype.waitForReady;
  vi.spyOn(grpc.Client.prototype, 'waitForReady').mockImplementation(function (
    this: grpc.Client,
    deadline: grpc.Deadline,
    callback: (error?: Error) => void,
  ) {
    clients.add(this);
    waitForReady.call(this, deadline, callback);
  });
});

afterAll(async () => {
  await services.close();
  for (const identity of await services.identities.list().catch(() => [])) {
    await services.identities.remove(identity.id).catch(() => undefined);
  }
  expect(await filesWithKeyMaterial(dataDir)).toEqual([]);
});

/** The router reports no connection and refuses a workflow call with NOT_CONNECTED. */
async function expectDisconnected(): Promise<void> {
  expect(await router.call('connection:state', undefined, context)).toEqual({
    ok: true,
    value: { status: 'disconnected' },
  });
  expect(await router.call('children:listMine', undefined, context)).toMatchObject({
    ok: false,
    error: { code: 'NOT_CONNECTED' },
  });
}

describe('the active session through the IPC router on the real network', () => {
  it('is disconnected, and refuses workflow calls, while no identity exists', async () => {
    await services.openActiveSession();
    await expectDisconnected();
  });

  it('connects as the first imported identity, which the workflow entries then act as', async () => {
    const alice = await importDemoUser('ped-alice');
    const listed = await router.call('children:listMine', undefined, context);
    expect(listed).toMatchObject({ ok: true });
    expect(Array.isArray(listed.ok ? listed.value : null)).toBe(true);
    expect(await router.call('connection:state', undefined, context)).toMatchObject({
      ok: true,
      value: { status: 'connected', identityId: alice.id, org: 'hospital' },
    });
    const states = events.filter((e) => e.event === 'connection:state').map((e) => e.payload);
    expect(states).toContainEqual(expect.objectContaining({ status: 'connected', identityId: alice.id }) as unknown);
  });

  it('switches to another identity, closing the previous connection, and reports a write as tx:progress', async () => {
    const alice = services.session.connection();
    const carla = await importDemoUser('parent-carla');
    // A second identity leaves the choice alone: still Alice's connection.
    expect(services.session.connection()).toBe(alice);
    value(await router.call('identity:setActive', { id: carla.id }, context), (v) => IdentitySummary.parse(v));
    expect(alice?.state).toEqual({ status: 'disconnected' });
    expect(await router.call('connection:state', undefined, context)).toMatchObject({
      ok: true,
      value: { status: 'connected', identityId: carla.id, org: 'parents' },
    });

    const input = newChildAgreement(run, { givenName: 'Session', sex: 'female' });
    const proposed = await router.call('agreement:propose', { input }, context);
    expect(proposed).toMatchObject({ ok: true, value: { value: { status: 'proposed' } } });
    const { txId } = value(proposed, (v) => ipcContract.invoke['agreement:propose'].result.parse(v));
    const progress = events
      .filter((e) => e.event === 'tx:progress')
      .map((e) => z.object({ txId: z.string(), stage: z.string(), channel: z.string() }).parse(e.payload));
    expect(progress).toContainEqual({ txId, stage: 'committed', channel: 'medical' });
  });

  it('disconnects when the active identity is removed, and closes without leaving sockets open', async () => {
    const active = await services.identities.getActive();
    expect(active).not.toBeNull();
    expect(await router.call('identity:remove', { id: active?.id ?? '' }, context)).toEqual({ ok: true, value: null });
    expect(services.session.current()).toBeNull();
    await expectDisconnected();

    // Alice is still stored but not active: choosing her again reconnects, and closing the services releases it.
    const alice = (await services.identities.list())[0];
    expect(alice?.enrollmentId).toBe('ped-alice');
    await router.call('identity:setActive', { id: alice?.id ?? '' }, context);
    expect(services.session.connection()?.state.status).toBe('connected');
    // Only Alice's new client is open: Carla's and Alice's first were shut down when the session switched.
    expect(openClients()).toHaveLength(1);
    await services.close();
    expect(services.session.connection()).toBeNull();
    expect(clients.size).toBeGreaterThanOrEqual(3);
    expect(openClients()).toEqual([]);
  });
});
