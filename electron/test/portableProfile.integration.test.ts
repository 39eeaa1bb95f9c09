// A school office PC that has nothing but the portable profile its administrator handed out: the network scripts
// write `school.portable.json` from the running network (nothing is restarted), the app imports it into a fresh data
// folder with no network profiles folder at all, enrolls a newly registered school admin with the school CA, and
// reads on the report channel. The app data folder is left for the private key scan that runs after the tests.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ipcContract } from '../../shared/ipc/contract.ts';
import { connectionProfileSummarySchema } from '../../shared/ipc/dto/profiles.ts';
import type { IpcResult } from '../../shared/ipc/result.ts';
import { IdentitySummary } from '../../shared/schemas/identity.ts';
import { loadNetworkStatus } from '../../fabric-network/test/fabric.ts';
import { registerUser } from '../../fabric-network/src/identities.ts';
import { writePortableProfile } from '../../fabric-network/src/profiles.ts';
import { partialAppHandlers } from '../main/testing/partialHandlers.ts';
import { createAppInfo } from '../main/app-info.ts';
import { createAppServices, type AppServices } from '../main/app-services.ts';
import { filesWithKeyMaterial } from '../main/identity/testing/scanForKeyMaterial.ts';
import { createIpcRouter, type IpcRouter } from '../main/ipc/router.ts';
import { createTestAppDataDir } from './testAppData.ts';

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const uid = `admin-it-${run}`;
const keychainService = `PediLedger-portable-${run}`;
const context = { transport: 'electron', origin: 'app://pediledger' } as const;

let dataDir: string;
let services: AppServices;
let router: IpcRouter;
let portableText: string;

function value<T>(result: IpcResult<unknown>, parse: (value: unknown) => T): T {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.error)}`);
  return parse(result.value);
}

const summaries = (v: unknown): z.output<typeof connectionProfileSummarySchema>[] =>
  z.array(connectionProfileSummarySchema).parse(v);

beforeAll(async () => {
  await loadNetworkStatus();
  portableText = await readFile(writePortableProfile('school'), 'utf8');
  dataDir = await createTestAppDataDir('portable-profile');
  // No networkProfilesDir: the imported file is the only way this app learns about any organisation.
  services = createAppServices({ dataDir, keychainService });
  router = createIpcRouter(
    ipcContract,
    partialAppHandlers(createAppInfo('electron', '0.1.0', 'Node test'), services.handlers),
    { lock: services.lock },
  );
});

afterAll(async () => {
  await services.close();
  for (const identity of await services.identities.list().catch(() => [])) {
    await services.identities.remove(identity.id).catch(() => undefined);
  }
  expect(await filesWithKeyMaterial(dataDir)).toEqual([]);
});

describe('importing the network’s portable profile on a computer that has nothing else', () => {
  it('knows no organisation before the import', async () => {
    expect(value(await router.call('profiles:list', undefined, context), summaries)).toEqual([]);
  });

  it('imports school.portable.json and then lists the school, with certificates stored in its own data folder', async () => {
    const imported = value(await router.call('profiles:import', { content: portableText }, context), (v) =>
      connectionProfileSummarySchema.parse(v),
    );
    expect(imported).toEqual({ org: 'school', mspId: 'SchoolMSP', channels: ['report'], caName: 'ca-school' });
    expect(value(await router.call('profiles:list', undefined, context), summaries)).toEqual([imported]);
    const stored = await services.profiles.get('school');
    for (const file of [...stored.gatewayPeers.map((peer) => peer.tlsCaCertPath), stored.ca.tlsCaCertPath]) {
      expect(path.dirname(file)).toBe(path.join(dataDir, 'profiles', 'school'));
    }
  });

  it('enrolls a newly registered school admin through the imported profile and reads on the report channel', async () => {
    const registration = await registerUser({ org: 'school', uid, role: 'school-admin', schoolId: 'oak-primary' });
    const enrolled = value(
      await router.call(
        'enrollment:enroll',
        { org: 'school', enrollmentId: registration.enrollmentId, secret: registration.secret, label: 'School office' },
        context,
      ),
      (v) => IdentitySummary.parse(v),
    );
    expect(enrolled).toMatchObject({ org: 'school', enrollmentId: uid, role: 'school-admin', schoolId: 'oak-primary' });
    expect(await router.call('connection:state', undefined, context)).toMatchObject({
      ok: true,
      value: { status: 'connected', org: 'school' },
    });
    // The school's admissions are on the report channel's ledger; whatever earlier runs left there, this admin
    // sees only its own school's.
    const admissions = value(await router.call('admissions:listMine', undefined, context), (v) =>
      z.array(z.object({ schoolId: z.string() })).parse(v),
    );
    expect(admissions.filter((admission) => admission.schoolId !== 'oak-primary')).toEqual([]);
    expect(await router.call('reports:listMine', undefined, context)).toMatchObject({ ok: true });
  });
});
