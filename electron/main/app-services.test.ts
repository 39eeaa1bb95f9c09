// The composition root's wiring, through the IPC router with the real keychain (the unit project runs inside the
// test keyring session) and profile files of its own; the real CA is exercised by the integration test.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcContract } from '../../shared/ipc/contract.ts';
import { IdentitySummary } from '../../shared/schemas/identity.ts';
import { createTestAppDataDir } from '../test/testAppData.ts';
import { partialAppHandlers } from './testing/partialHandlers.ts';
import { createAppInfo } from './app-info.ts';
import { createAppServices, type AppServices } from './app-services.ts';
import { makeTestCredentials } from './identity/testing/testCredentials.ts';
import { createIpcRouter, type IpcRouter } from './ipc/router.ts';

const keychainService = `PediLedger-unit-${Date.now().toString(36)}`;
const context = { transport: 'browser', origin: 'http://127.0.0.1:1' } as const;
let dataDir: string;
let profilesDir: string;

function profile(org: string, mspId: string): object {
  return {
    org,
    mspId,
    channels: ['medical', 'report'],
    gatewayPeers: [{ endpoint: '127.0.0.1:1', hostAlias: 'localhost', tlsCaCertPath: 'missing-tls.pem' }],
    ca: { url: 'https://127.0.0.1:1', caName: `ca-${org}`, tlsCaCertPath: 'missing-ca.pem' },
  };
}

/** Every instance a test started: each is closed after the file, so no session or stream outlives it. */
const started: AppServices[] = [];

function start(): { services: AppServices; router: IpcRouter } {
  const services = createAppServices({ dataDir, networkProfilesDir: profilesDir, keychainService });
  started.push(services);
  const handlers = partialAppHandlers(createAppInfo('browser', '0.1.0', 'Node test'), services.handlers);
  return { services, router: createIpcRouter(ipcContract, handlers, { lock: services.lock }) };
}

beforeAll(async () => {
  dataDir = await createTestAppDataDir('app-services');
  profilesDir = path.join(dataDir, '..', `${path.basename(dataDir)}-network-profiles`);
  await mkdir(profilesDir, { recursive: true });
  await writeFile(path.join(profilesDir, 'parents.json'), JSON.stringify(profile('parents', 'ParentsMSP')));
});

afterAll(async () => {
  const { services } = start();
  for (const identity of await services.identities.list()) await services.identities.remove(identity.id);
  await Promise.all(started.map((instance) => instance.close()));
});

describe('createAppServices behind the router', () => {
  it('lists the network profiles as summaries without endpoints or paths', async () => {
    const { router } = start();
    expect(await router.call('profiles:list', undefined, context)).toEqual({
      ok: true,
      value: [{ org: 'parents', mspId: 'ParentsMSP', channels: ['medical', 'report'], caName: 'ca-parents' }],
    });
  });

  it('reports a profile with an unexpected MSP id as an invalid profile, not as a bug', async () => {
    const file = path.join(profilesDir, 'school.json');
    await writeFile(file, JSON.stringify(profile('school', 'EvilMSP')));
    try {
      const result = await start().router.call('profiles:list', undefined, context);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_CONNECTION_PROFILE' } });
    } finally {
      await writeFile(file, JSON.stringify(profile('school', 'SchoolMSP')));
    }
  });

  it('answers enrollment for an organisation without a usable profile with a plain DTO', async () => {
    const { router } = start();
    const result = await router.call('enrollment:caInfo', { org: 'hospital' }, context);
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_CONNECTION_PROFILE', message: 'No connection profile for hospital' },
    });
    // The parents profile names a TLS file that does not exist: refused before any request leaves the machine.
    const enroll = await router.call(
      'enrollment:enroll',
      { org: 'parents', enrollmentId: 'someone', secret: 'secret-pw', label: 'Someone' },
      context,
    );
    expect(enroll).toMatchObject({ ok: false, error: { code: 'INVALID_CONNECTION_PROFILE' } });
    expect(JSON.stringify(enroll)).not.toContain('secret-pw');
  });

  it('imports, selects, keeps across a restart and removes an identity', async () => {
    const first = start();
    const credentials = await makeTestCredentials({ enrollmentId: 'pat', attrs: { uid: 'pat', role: 'parent' } });
    const imported = await first.router.call(
      'enrollment:importPem',
      { org: 'parents', label: 'Pat', ...credentials },
      context,
    );
    if (!imported.ok) throw new Error(imported.error.message);
    const pat = IdentitySummary.parse(imported.value);
    expect(pat).toMatchObject({ uid: 'pat', role: 'parent', mspId: 'ParentsMSP' });
    expect(await first.router.call('identity:setActive', { id: pat.id }, context)).toEqual({ ok: true, value: pat });

    const second = start();
    expect(await second.router.call('identity:list', undefined, context)).toEqual({
      ok: true,
      value: { identities: [pat], activeId: pat.id },
    });
    expect(await second.router.call('identity:remove', { id: pat.id }, context)).toEqual({ ok: true, value: null });
    expect(await second.router.call('identity:setActive', { id: pat.id }, context)).toMatchObject({
      ok: false,
      error: { code: 'IDENTITY_NOT_FOUND' },
    });
  });
});
