// The app's side of identities the network can take back, on the real network with the real keychain, through the
// IPC router as the renderer calls it: the local network's demo users in one step, a certificate that expired a minute
// ago, a computer clock 6 minutes slow, and enrollment that checks what the CA issued.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcContract } from '../../shared/ipc/contract.ts';
import { demoIdentitySchema } from '../../shared/ipc/dto/demo.ts';
import type { IpcErrorDto } from '../../shared/ipc/errors.ts';
import type { IpcResult } from '../../shared/ipc/result.ts';
import { IdentitySummary } from '../../shared/schemas/identity.ts';
import { orgRegistrarMsp } from '../../fabric-network/src/identities.ts';
import { writePortableProfile } from '../../fabric-network/src/profiles.ts';
import { demoUsers } from '../../fabric-network/src/topology.ts';
import { modifyAttributes, registerAs, reissueWithExpiry } from '../../fabric-network/test/ca.ts';
import { loadNetworkStatus, userByUid } from '../../fabric-network/test/fabric.ts';
import { partialAppHandlers } from '../main/testing/partialHandlers.ts';
import { createAppInfo } from '../main/app-info.ts';
import { createAppServices, type AppServices } from '../main/app-services.ts';
import type { RenewalNotice } from '../main/enrollment/startupRenewal.ts';
import { filesWithKeyMaterial } from '../main/identity/testing/scanForKeyMaterial.ts';
import { createIpcRouter, type IpcRouter } from '../main/ipc/router.ts';
import { NETWORK_PROFILES_DIR } from './demoSession.ts';
import { createTestAppDataDir } from './testAppData.ts';

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const context = { transport: 'electron', origin: 'app://pediledger' } as const;
const MINUTE = 60_000;

interface App {
  dataDir: string;
  services: AppServices;
  router: IpcRouter;
}
const apps: App[] = [];

/** A fresh app (its own data folder and keychain service) that sees the network's own profiles. */
async function newApp(name: string): Promise<App> {
  const dataDir = await createTestAppDataDir(name);
  const services = createAppServices({
    dataDir,
    keychainService: `PediLedger-${name}-${run}`,
    networkProfilesDir: NETWORK_PROFILES_DIR,
  });
  const router = createIpcRouter(
    ipcContract,
    partialAppHandlers(createAppInfo('electron', '0.1.0', 'Node test'), services.handlers),
    { lock: services.lock },
  );
  const app = { dataDir, services, router };
  apps.push(app);
  return app;
}

function value<T>(result: IpcResult<unknown>, parse: (value: unknown) => T): T {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.error)}`);
  return parse(result.value);
}

function failure(result: IpcResult<unknown>): IpcErrorDto {
  if (result.ok) throw new Error('expected the call to be refused');
  return result.error;
}

const summary = (v: unknown): IdentitySummary => IdentitySummary.parse(v);

beforeAll(async () => {
  await loadNetworkStatus();
});

afterAll(async () => {
  for (const app of apps) {
    await app.services.close();
    for (const identity of await app.services.identities.list().catch(() => [])) {
      await app.services.identities.remove(identity.id).catch(() => undefined);
    }
    expect(await filesWithKeyMaterial(app.dataDir)).toEqual([]);
  }
});

describe("the local network's demo users, one step on the first-run screen", () => {
  let app: App;

  beforeAll(async () => {
    app = await newApp('demo-users');
  });

  it('lists every demo user of the network’s own profiles, with role and school from the certificate', async () => {
    const listed = value(await app.router.call('demo:list', undefined, context), (v) =>
      demoIdentitySchema.array().parse(v),
    );
    expect(listed).toEqual(
      demoUsers.map((user) => ({ org: user.org, uid: user.uid, role: user.role, schoolId: user.schoolId })),
    );
  });

  it('stores parent-emma as a demo identity in one call, makes it active, and the app reads as her', async () => {
    const emma = value(await app.router.call('demo:use', { org: 'parents', uid: 'parent-emma' }, context), summary);
    expect(emma).toMatchObject({ label: 'parent-emma (demo)', enrollmentId: 'parent-emma', role: 'parent' });
    const listed = value(await app.router.call('identity:list', undefined, context), (v) => v as { activeId: string });
    expect(listed.activeId).toBe(emma.id);
    expect(value(await app.router.call('children:listMine', undefined, context), (v) => v)).toEqual(expect.any(Array));
  });

  it('offers none for an organisation whose profile an administrator imported', async () => {
    const other = await newApp('demo-imported');
    const content = await readFile(writePortableProfile('parents'), 'utf8');
    expect((await other.router.call('profiles:import', { content }, context)).ok).toBe(true);
    const listed = value(await other.router.call('demo:list', undefined, context), (v) =>
      demoIdentitySchema.array().parse(v),
    );
    expect(listed.filter((user) => user.org === 'parents')).toEqual([]);
    expect(listed.some((user) => user.org === 'hospital')).toBe(true);
    const refused = failure(await other.router.call('demo:use', { org: 'parents', uid: 'parent-carla' }, context));
    expect(refused.code).toBe('DEMO_IDENTITY_NOT_FOUND');
  });
});

describe('a certificate that expired a minute ago', () => {
  let app: App;
  let notAfter: string;

  beforeAll(async () => {
    app = await newApp('expired');
    const alice = await userByUid('ped-alice');
    const certificatePem = await reissueWithExpiry(
      'hospital',
      await readFile(alice.certPath, 'utf8'),
      new Date(Date.now() - MINUTE),
    );
    const imported = value(
      await app.router.call(
        'enrollment:importPem',
        { org: 'hospital', label: 'Dr Alice', certificatePem, privateKeyPem: await readFile(alice.keyPath, 'utf8') },
        context,
      ),
      summary,
    );
    notAfter = imported.notAfter;
    value(await app.router.call('identity:setActive', { id: imported.id }, context), summary);
  });

  it('is refused by the network, and the app says it expired, since when, and what to do', async () => {
    for (const channel of ['children:listMine', 'directory:withdraw'] as const) {
      const error = failure(await app.router.call(channel, undefined, context));
      expect(error.code, channel).toBe('IDENTITY_EXPIRED');
      expect(error.message).toBe(
        `Your certificate (HospitalMSP) expired on ${notAfter}, so the network refuses it. Ask your administrator for a new one-time secret, then enroll again.`,
      );
    }
  });

  it('is not sent to the CA at start-up: the notice says expired and what to do, never "valid until"', async () => {
    const notices: RenewalNotice[] = [];
    const report = await app.services.renewDueIdentities({ notify: (notice) => notices.push(notice) });
    expect(report.expired.map((identity) => identity.notAfter)).toEqual([notAfter]);
    expect(report.failed).toEqual([]);
    expect(notices.map((notice) => notice.kind)).toEqual(['certificate-expired']);
    // The notice carries since when, and no CA error; the renderer words it (notification-text.test.ts).
    expect(notices[0]?.refs).toEqual({ identityId: expect.any(String) as unknown, notAfter });
  });
});

describe('a computer clock 6 minutes slow', () => {
  it('is told so plainly; with the clock right the same call works', async () => {
    const app = await newApp('clock');
    value(await app.router.call('demo:use', { org: 'hospital', uid: 'ped-bruno' }, context), summary);
    // Only the process clock moves (fabric-gateway stamps proposals with it); TLS keeps the system time.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() - 6 * MINUTE, shouldAdvanceTime: true });
    let error: IpcErrorDto;
    try {
      error = failure(await app.router.call('children:listMine', undefined, context));
    } finally {
      vi.useRealTimers();
    }
    expect(error.code).toBe('CLOCK_SKEW');
    expect(error.message).toBe(
      "This computer's clock is more than 5 minutes slow compared with the network's, so the network refused the request. Set the date and time automatically (or correct them), then try again. Nothing was changed.",
    );
    expect(value(await app.router.call('children:listMine', undefined, context), (v) => v)).toEqual(expect.any(Array));
  });
});

describe('enrollment checks what the CA issued', () => {
  let app: App;

  beforeAll(async () => {
    app = await newApp('enrollment-checks');
  });

  const enroll = (
    enrollmentId: string,
    secret: string,
    org: 'parents' | 'school' = 'parents',
  ): ReturnType<IpcRouter['call']> =>
    app.router.call('enrollment:enroll', { org, enrollmentId, secret, label: enrollmentId }, context);

  it('asks for the attributes by name: a user registered without :ecert gets a working identity', async () => {
    const id = `noecert-${run}`;
    const secret = await registerAs('parents', orgRegistrarMsp('parents'), { id, attrs: `uid=${id},role=parent` });
    expect(value(await enroll(id, secret), summary)).toMatchObject({ uid: id, role: 'parent' });
  });

  it('refuses a registration without a role, spelling out the fix; once fixed, the same secret enrolls', async () => {
    const id = `norole-${run}`;
    const secret = await registerAs('parents', orgRegistrarMsp('parents'), { id, attrs: `uid=${id}:ecert` });
    const before = await app.services.identities.list();
    const error = failure(await enroll(id, secret));
    expect(error).toMatchObject({ code: 'REGISTRATION_INCOMPLETE' });
    expect(error.message).toBe(
      `PediLedger cannot use ${id}: its registration at the CA has no role attribute. Ask your administrator to add \`role=parent:ecert\` to the registration of ${id}. Nothing was stored, and the one-time secret is still unused: enroll with it again once this is fixed.`,
    );
    expect(await app.services.identities.list()).toEqual(before);
    await modifyAttributes('parents', orgRegistrarMsp('parents'), id, 'role=parent:ecert');
    expect(value(await enroll(id, secret), summary)).toMatchObject({ uid: id, role: 'parent' });
  });

  it('refuses a certificate whose uid is another user’s, or a school admin not granted by the school, storing nothing', async () => {
    const before = await app.services.identities.list();
    const clone = `clone-${run}`;
    const cloneSecret = await registerAs('parents', orgRegistrarMsp('parents'), {
      id: clone,
      attrs: 'uid=parent-carla:ecert,role=parent:ecert',
    });
    const cloned = failure(await enroll(clone, cloneSecret));
    expect(cloned.code).toBe('REGISTRATION_INCOMPLETE');
    expect(cloned.message).toContain(`register ${clone} with \`uid=${clone}:ecert\``);

    // Registered by the School CA's own registrar at the root affiliation, not by oak-primary's authority.
    const school = `rootschool-${run}`;
    const schoolSecret = await registerAs('school', orgRegistrarMsp('school'), {
      id: school,
      attrs: `uid=${school}:ecert,role=school-admin:ecert,schoolId=oak-primary:ecert`,
    });
    const ungranted = failure(await enroll(school, schoolSecret, 'school'));
    expect(ungranted.message).toContain(`npm run network:register -- --org school --uid ${school}`);
    expect(await app.services.identities.list()).toEqual(before);
  });
});
