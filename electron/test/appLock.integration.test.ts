// The app lock as both shells serve it, on the real network and the real OS keychain: while locked, main refuses
// every record call (nothing reaches the peer), the PIN unlocks, a restarted app starts locked, switching identity
// decides the lock anew, and removing an identity removes its PIN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcContract } from '../../shared/ipc/contract.ts';
import type { IdentitySummary } from '../../shared/schemas/identity.ts';
import { loadNetworkStatus } from '../../fabric-network/test/fabric.ts';
import { partialAppHandlers } from '../main/testing/partialHandlers.ts';
import { createAppInfo } from '../main/app-info.ts';
import { createAppServices, type AppServices } from '../main/app-services.ts';
import { KeytarSecretStore } from '../main/identity/keytarSecretStore.ts';
import { createIpcRouter, type IpcRouter } from '../main/ipc/router.ts';
import { NETWORK_PROFILES_DIR } from './demoSession.ts';
import { importDemoUserVia, replyValue } from './routerImport.ts';
import { createTestAppDataDir } from './testAppData.ts';

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const keychainService = `PediLedger-lock-${run}`;
const context = { transport: 'browser', origin: 'http://127.0.0.1' } as const;

let dataDir: string;
let services: AppServices;
let router: IpcRouter;

function start(): void {
  services = createAppServices({ dataDir, networkProfilesDir: NETWORK_PROFILES_DIR, keychainService });
  router = createIpcRouter(
    ipcContract,
    partialAppHandlers(createAppInfo('browser', '0.1.0', 'Node test'), services.handlers),
    { lock: services.lock },
  );
}

function importDemoUser(uid: string): Promise<IdentitySummary> {
  return importDemoUserVia(router, uid, context);
}

let carla: IdentitySummary;
let alice: IdentitySummary;

beforeAll(async () => {
  await loadNetworkStatus();
  dataDir = await createTestAppDataDir('app-lock');
  start();
  carla = await importDemoUser('parent-carla');
  alice = await importDemoUser('ped-alice');
});

afterAll(async () => {
  await services.close();
  const secrets = new KeytarSecretStore();
  for (const service of [keychainService, `${keychainService}.lock`]) {
    for (const account of await secrets.list(service)) await secrets.delete(service, account);
  }
});

describe('the app lock through the IPC router on the real network', () => {
  it('refuses record calls while locked and serves them again after the PIN', async () => {
    expect(replyValue(await router.call('lock:setPin', { newPin: '246810' }, context))).toEqual({
      locked: false,
      pinSet: true,
      retryAfter: null,
    });
    expect(await router.call('children:listMine', undefined, context)).toMatchObject({ ok: true });

    expect(replyValue(await router.call('lock:lock', undefined, context))).toMatchObject({ locked: true });
    for (const [channel, args] of [
      ['children:listMine', undefined],
      ['reports:listMine', undefined],
      ['card:read', { childId: `child-${run}` }],
      ['identity:remove', { id: carla.id }],
      ['lock:setPin', { currentPin: '246810', newPin: null }],
    ] as const) {
      expect(await router.call(channel, args, context)).toMatchObject({ ok: false, error: { code: 'APP_LOCKED' } });
    }
    // The lock screen's own calls still work.
    expect(replyValue(await router.call('identity:list', undefined, context))).toMatchObject({ activeId: carla.id });
    expect(await router.call('connection:state', undefined, context)).toMatchObject({ ok: true });

    expect(await router.call('lock:unlock', {}, context)).toMatchObject({
      ok: false,
      error: { code: 'LOCK_PIN_REQUIRED' },
    });
    expect(await router.call('lock:unlock', { pin: '135790' }, context)).toMatchObject({
      ok: false,
      error: { code: 'LOCK_WRONG_PIN', details: { attemptsBeforeWait: 4 } },
    });
    expect(await router.call('lock:unlock', { pin: '12' }, context)).toMatchObject({
      ok: false,
      error: { code: 'IPC_INVALID_ARGS' },
    });
    expect(replyValue(await router.call('lock:unlock', { pin: '246810' }, context))).toMatchObject({ locked: false });
    expect(await router.call('children:listMine', undefined, context)).toMatchObject({ ok: true });
  });

  it('starts locked after a restart when the active identity has a PIN', async () => {
    await services.close();
    start();
    expect(replyValue(await router.call('lock:state', undefined, context))).toEqual({
      locked: true,
      pinSet: true,
      retryAfter: null,
    });
    expect(await router.call('children:listMine', undefined, context)).toMatchObject({
      ok: false,
      error: { code: 'APP_LOCKED' },
    });
  });

  it('decides the lock anew when the user switches identity from the lock screen', async () => {
    replyValue(await router.call('identity:setActive', { id: alice.id }, context));
    expect(replyValue(await router.call('lock:state', undefined, context))).toMatchObject({
      locked: false,
      pinSet: false,
    });
    expect(await router.call('children:listMine', undefined, context)).toMatchObject({ ok: true });
    replyValue(await router.call('identity:setActive', { id: carla.id }, context));
    expect(replyValue(await router.call('lock:state', undefined, context))).toMatchObject({
      locked: true,
      pinSet: true,
    });
  });

  it('forgets the PIN of a removed identity', async () => {
    replyValue(await router.call('lock:unlock', { pin: '246810' }, context));
    expect(await router.call('identity:remove', { id: carla.id }, context)).toEqual({ ok: true, value: null });
    const accounts = await new KeytarSecretStore().list(`${keychainService}.lock`);
    expect(accounts.filter((account) => account.includes(carla.id))).toEqual([]);
  });
});
