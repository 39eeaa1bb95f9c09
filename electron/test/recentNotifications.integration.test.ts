// A window that opens after a notification was sent still gets it: main keeps the active identity's recent notices
// and hands them out with notifications:recent, never another identity's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcContract } from '../../shared/ipc/contract.ts';
import { notificationSchema } from '../../shared/ipc/dto/events.ts';
import { loadNetworkStatus } from '../../fabric-network/test/fabric.ts';
import { partialAppHandlers } from '../main/testing/partialHandlers.ts';
import { createAppInfo } from '../main/app-info.ts';
import { createAppServices, type AppServices } from '../main/app-services.ts';
import { KeytarSecretStore } from '../main/identity/keytarSecretStore.ts';
import { createIpcRouter, type IpcRouter } from '../main/ipc/router.ts';
import { connectDemoUser, NETWORK_PROFILES_DIR, type DemoSession } from './demoSession.ts';
import { importDemoUserVia, replyValue } from './routerImport.ts';
import { createTestAppDataDir } from './testAppData.ts';

const run = `${Date.now().toString(36)}r`;
const keychainService = `PediLedger-recent-${run}`;
const context = { transport: 'browser', origin: 'http://127.0.0.1' } as const;

let services: AppServices;
let router: IpcRouter;
let carla: DemoSession;

async function recent(): Promise<{ kind?: string | undefined; refs?: Record<string, string> | undefined }[]> {
  return notificationSchema.array().parse(replyValue(await router.call('notifications:recent', undefined, context)));
}

beforeAll(async () => {
  await loadNetworkStatus();
  const dataDir = await createTestAppDataDir('recent-notifications');
  services = createAppServices({ dataDir, networkProfilesDir: NETWORK_PROFILES_DIR, keychainService });
  router = createIpcRouter(
    ipcContract,
    partialAppHandlers(createAppInfo('browser', '0.1.0', 'Node test'), services.handlers),
    { lock: services.lock },
  );
  await importDemoUserVia(router, 'ped-alice', context);
  carla = await connectDemoUser('parent-carla', { dataDir, keychainService: `${keychainService}-carla` });
});

afterAll(async () => {
  carla.close();
  await services.close();
  const secrets = new KeytarSecretStore();
  for (const service of [keychainService, `${keychainService}.lock`, `${keychainService}-carla`]) {
    for (const account of await secrets.list(service)) await secrets.delete(service, account);
  }
});

describe('notifications:recent on the real network', () => {
  it('hands a late window the active identity’s notices, and not another identity’s', async () => {
    const agreementId = `agr-${run}`;
    await carla.agreements.proposeAgreement({
      agreementId,
      childId: `child-${run}`,
      pediatricianUid: 'ped-alice',
      purpose: 'Care',
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      child: { givenName: 'Ada', familyName: 'Late', birthDate: '2020-02-02', sex: 'unknown' },
    });
    // No window listened while the event came in; asking afterwards still finds it.
    await expect
      .poll(
        async () =>
          (await recent()).some((n) => n.kind === 'agreement-proposed' && n.refs?.['agreementId'] === agreementId),
        {
          timeout: 20_000,
          interval: 250,
        },
      )
      .toBe(true);

    const diego = await importDemoUserVia(router, 'parent-diego', context);
    replyValue(await router.call('identity:setActive', { id: diego.id }, context));
    expect((await recent()).some((n) => n.refs?.['agreementId'] === agreementId)).toBe(false);
  });
});
