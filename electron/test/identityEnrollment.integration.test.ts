// Identity and enrollment through the app's IPC router (the same one both shells serve) on the real network: a CA
// administrator registers a new parent, the app enrolls it with the one-time secret, lists it with the uid and role
// from its certificate, still has it after a restart, signs with it, renews it, and removes it. Failures come back as
// plain error DTOs. The app data folder is left for the private key scan that runs after the tests.
import { createPublicKey, sign, verify, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ipcContract } from '../../shared/ipc/contract.ts';
import { caInfoSchema } from '../../shared/ipc/dto/enrollment.ts';
import { connectionProfileSummarySchema } from '../../shared/ipc/dto/profiles.ts';
import type { IpcResult } from '../../shared/ipc/result.ts';
import { IdentitySummary } from '../../shared/schemas/identity.ts';
import { loadNetworkStatus, userByUid } from '../../fabric-network/test/fabric.ts';
import { partialAppHandlers } from '../main/testing/partialHandlers.ts';
import { createAppInfo } from '../main/app-info.ts';
import { createAppServices, type AppServices } from '../main/app-services.ts';
import { filesWithKeyMaterial } from '../main/identity/testing/scanForKeyMaterial.ts';
import { createIpcRouter, type IpcRouter } from '../main/ipc/router.ts';
import { NETWORK_PROFILES_DIR } from './demoSession.ts';
import { registerUser, type Registration } from './registerUser.ts';
import { createTestAppDataDir } from './testAppData.ts';

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const uid = `parent-it-${run}`;
const keychainService = `PediLedger-test-${run}`;
const context = { transport: 'electron', origin: 'app://pediledger' } as const;

let dataDir: string;
let registration: Registration;
const started: AppServices[] = [];

/** One app start: new services on the same data folder and keychain service, behind a new router. */
function startApp(): { services: AppServices; router: IpcRouter } {
  const services = createAppServices({ dataDir, networkProfilesDir: NETWORK_PROFILES_DIR, keychainService });
  started.push(services);
  const handlers = partialAppHandlers(createAppInfo('electron', '0.1.0', 'Node test'), services.handlers);
  return { services, router: createIpcRouter(ipcContract, handlers, { lock: services.lock }) };
}

function value<T>(result: IpcResult<unknown>, parse: (value: unknown) => T): T {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.error)}`);
  return parse(result.value);
}

const summary = (v: unknown): IdentitySummary => IdentitySummary.parse(v);

let app: { services: AppServices; router: IpcRouter };
let identityId: string;

beforeAll(async () => {
  await loadNetworkStatus();
  dataDir = await createTestAppDataDir('identity-enrollment');
  registration = await registerUser('parents', uid, 'parent');
  app = startApp();
});

afterAll(async () => {
  // Whatever a failed test left in this run's keychain service is removed, so runs never accumulate entries.
  for (const services of started.slice(-1)) {
    for (const identity of await services.identities.list().catch(() => [])) {
      await services.identities.remove(identity.id).catch(() => undefined);
    }
  }
  expect(await filesWithKeyMaterial(dataDir)).toEqual([]);
});

describe('identity and enrollment through the IPC router on the real network', () => {
  it('lists the three organisations from the network profiles and asks a CA about itself', async () => {
    const profiles = value(await app.router.call('profiles:list', undefined, context), (v) =>
      z.array(connectionProfileSummarySchema).parse(v),
    );
    const byOrg = new Map(profiles.map((profile) => [profile.org, profile]));
    expect(byOrg.get('hospital')).toMatchObject({ mspId: 'HospitalMSP' });
    expect(byOrg.get('hospital')?.channels).toContain('medical');
    expect(byOrg.get('parents')).toMatchObject({ mspId: 'ParentsMSP' });
    // The School's peer never joins medical, and its profile says so.
    expect(byOrg.get('school')).toMatchObject({ mspId: 'SchoolMSP', channels: ['report'] });
    const caInfo = value(await app.router.call('enrollment:caInfo', { org: 'parents' }, context), (v) =>
      caInfoSchema.parse(v),
    );
    expect(caInfo.caChainPem).toContain('BEGIN CERTIFICATE');
  });

  it('refuses a wrong secret with a plain ENROLLMENT_FAILED DTO that does not echo the secret', async () => {
    const wrong = `${registration.secret}-wrong`;
    const result = await app.router.call(
      'enrollment:enroll',
      { org: 'parents', enrollmentId: registration.enrollmentId, secret: wrong, label: 'Wrong' },
      context,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'ENROLLMENT_FAILED' } });
    expect(structuredClone(result)).toEqual(result);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(JSON.stringify(result)).not.toContain(wrong);
    expect(value(await app.router.call('identity:list', undefined, context), (v) => v)).toEqual({
      identities: [],
      activeId: null,
    });
  });

  it('refuses malformed arguments before they reach the CA', async () => {
    const result = await app.router.call(
      'enrollment:enroll',
      { org: 'parents', enrollmentId: '../etc/passwd', secret: registration.secret, label: 'x', extra: 1 },
      context,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_ARGS' } });
    expect(JSON.stringify(result)).not.toContain(registration.secret);
  });

  it('enrolls the new user with its one-time secret and lists it with uid and role from the certificate', async () => {
    const enrolled = value(
      await app.router.call(
        'enrollment:enroll',
        { org: 'parents', enrollmentId: registration.enrollmentId, secret: registration.secret, label: 'New parent' },
        context,
      ),
      summary,
    );
    expect(enrolled).toMatchObject({
      label: 'New parent',
      org: 'parents',
      mspId: 'ParentsMSP',
      enrollmentId: uid,
      uid,
      role: 'parent',
      schoolId: null,
    });
    identityId = enrolled.id;
    expect(value(await app.router.call('identity:list', undefined, context), (v) => v)).toEqual({
      identities: [enrolled],
      activeId: enrolled.id,
    });
    // The secret was one-time and the identity is stored: a second enroll is refused before the CA is asked.
    const again = await app.router.call(
      'enrollment:enroll',
      { org: 'parents', enrollmentId: uid, secret: registration.secret, label: 'Again' },
      context,
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'IDENTITY_EXISTS', details: { existingId: identityId } } });
  });

  it('still has the identity after a restart, and can sign with it', async () => {
    app = startApp();
    const listed = value(await app.router.call('identity:list', undefined, context), (v) => v);
    expect(listed).toMatchObject({ activeId: identityId, identities: [{ id: identityId, uid, role: 'parent' }] });

    const material = await app.services.identities.getSigningMaterial(identityId);
    expect(material.mspId).toBe('ParentsMSP');
    const certificate = new X509Certificate(material.certificatePem);
    expect(certificate.subject).toContain(`CN=${uid}`);
    const message = Buffer.from(`signed by ${uid}`);
    const signature = sign('sha256', message, material.privateKey);
    expect(
      verify(
        'sha256',
        message,
        createPublicKey(certificate.publicKey.export({ type: 'spki', format: 'pem' })),
        signature,
      ),
    ).toBe(true);
  });

  it('renews the certificate at startup when it is due, keeping the id, and notifies', async () => {
    const before = value(await app.router.call('identity:setActive', { id: identityId }, context), summary);
    const connectionBefore = app.services.session.connection();
    expect(connectionBefore).not.toBeNull();
    const notices: string[] = [];
    // A clock one day before expiry makes the fresh certificate due, so the real CA's reenroll is exercised.
    const report = await app.services.renewDueIdentities({
      now: () => new Date(new Date(before.notAfter).getTime() - 86_400_000),
      notify: (notice) => notices.push(`${notice.level}:${notice.id}`),
    });
    expect(report.failed).toEqual([]);
    expect(report.renewed).toHaveLength(1);
    expect(notices).toEqual([`success:renewed-${identityId}`]);
    const after = value(await app.router.call('identity:list', undefined, context), (v) => v);
    expect(after).toMatchObject({ activeId: identityId, identities: [{ id: identityId, uid, role: 'parent' }] });
    expect(report.renewed[0]?.fingerprint256).not.toBe(before.fingerprint256);
    await expect(app.services.identities.getSigningMaterial(identityId)).resolves.toMatchObject({
      mspId: 'ParentsMSP',
    });
    // The open session signed with the old certificate: it reconnected with the new one, which the peer accepts.
    expect(app.services.session.connection()).not.toBe(connectionBefore);
    expect(connectionBefore?.state.status).toBe('disconnected');
    expect(await app.router.call('children:listMine', undefined, context)).toMatchObject({ ok: true });
  });

  it('imports PEM credentials and refuses a key that does not belong to the certificate', async () => {
    const emma = await userByUid('parent-emma');
    const carla = await userByUid('parent-carla');
    const mismatched = await app.router.call(
      'enrollment:importPem',
      {
        org: 'parents',
        label: 'Mismatch',
        certificatePem: await readFile(emma.certPath, 'utf8'),
        privateKeyPem: await readFile(carla.keyPath, 'utf8'),
      },
      context,
    );
    expect(mismatched).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(JSON.stringify(mismatched)).not.toContain('PRIVATE KEY');

    const imported = value(
      await app.router.call(
        'enrollment:importPem',
        {
          org: 'parents',
          label: 'Emma',
          certificatePem: await readFile(emma.certPath, 'utf8'),
          privateKeyPem: await readFile(emma.keyPath, 'utf8'),
        },
        context,
      ),
      summary,
    );
    expect(imported).toMatchObject({ uid: 'parent-emma', role: 'parent', mspId: 'ParentsMSP' });
    expect(await app.router.call('identity:remove', { id: imported.id }, context)).toEqual({ ok: true, value: null });
  });

  it('removes the identity from the list and the keychain', async () => {
    expect(await app.router.call('identity:remove', { id: identityId }, context)).toEqual({ ok: true, value: null });
    expect(value(await app.router.call('identity:list', undefined, context), (v) => v)).toEqual({
      identities: [],
      activeId: null,
    });
    const missing = await app.router.call('identity:remove', { id: identityId }, context);
    expect(missing).toMatchObject({ ok: false, error: { code: 'IDENTITY_NOT_FOUND' } });
    expect(await app.services.identities.list()).toEqual([]);
    await expect(app.services.identities.getSigningMaterial(identityId)).rejects.toMatchObject({
      code: 'IDENTITY_NOT_FOUND',
    });
  });
});
