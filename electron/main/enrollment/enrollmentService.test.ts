// Enrollment against a REAL fabric-ca-server (TLS, on free loopback ports) and the real OS keychain.
import { randomUUID, sign, verify, X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionProfile } from '../../../shared/schemas/connectionProfile.ts';
import { toSerializableError } from '../../../shared/errors.ts';
import { parseCertificate } from '../identity/certificate.ts';
import { IdentityExistsError, InvalidCredentialsError, KeychainUnavailableError } from '../identity/errors.ts';
import { IdentityService } from '../identity/identityService.ts';
import { KeytarSecretStore } from '../identity/keytarSecretStore.ts';
import { privateKeyToPkcs8Pem } from '../identity/privateKey.ts';
import type { SecretStore } from '../identity/secretStore.ts';
import { filesWithKeyMaterial } from '../identity/testing/scanForKeyMaterial.ts';
import { makeTestCredentials } from '../identity/testing/testCredentials.ts';
import { readConnectionProfile } from './connectionProfileFile.ts';
import { EnrollmentService } from './enrollmentService.ts';
import { CaTlsError, CaUnreachableError, EnrollmentError } from './errors.ts';
import { FabricCaClient, type CaCaller } from './fabricCaClient.ts';
import { createKeyAndCsr } from './keyAndCsr.ts';
import { isDueForReenrollment } from './renewal.ts';
import { registerAtCa } from './testing/caRegistrar.ts';
import {
  FABRIC_CA_SERVER_CANDIDATES,
  findFabricCaServer,
  startFabricCaServer,
  type TestCa,
} from './testing/fabricCaServer.ts';

const binary = findFabricCaServer();
if (binary === null) {
  console.warn(
    `Skipping Fabric CA enrollment tests: no fabric-ca-server at ${FABRIC_CA_SERVER_CANDIDATES.join(' or ')}`,
  );
}

const keychainService = `PediLedger-test-${randomUUID()}`;
let root: string;
let caHome: string;
let ca: TestCa;
let profile: ConnectionProfile;
let registrar: CaCaller;
let profileCaPem: string;

/** Registers a fresh parent user at the test CA and returns its enrollment ID and secret. */
async function registerParent(
  options: { maxEnrollments?: number; attrs?: (id: string) => { name: string; value: string; ecert?: boolean }[] } = {},
): Promise<{ id: string; secret: string }> {
  const id = `parent-${randomUUID().slice(0, 8)}`;
  const secret = await registerAtCa({ url: ca.url, caName: ca.caName, tlsCaCertPem: profileCaPem }, registrar, {
    enrollmentId: id,
    type: 'client',
    ...(options.maxEnrollments === undefined ? {} : { maxEnrollments: options.maxEnrollments }),
    attrs: options.attrs?.(id) ?? [
      { name: 'uid', value: id, ecert: true },
      { name: 'role', value: 'parent', ecert: true },
    ],
  });
  return { id, secret };
}

function client(tlsCaCertPem?: string): FabricCaClient {
  return new FabricCaClient({
    url: ca.url,
    caName: ca.caName,
    tlsCaCertPem: tlsCaCertPem ?? profileCaPem,
  });
}

async function services(
  secrets: SecretStore = new KeytarSecretStore(),
  profileOverride?: ConnectionProfile,
): Promise<{ identities: IdentityService; enrollment: EnrollmentService; dataDir: string }> {
  const dataDir = path.join(root, 'data', randomUUID());
  await mkdir(dataDir, { recursive: true });
  const identities = new IdentityService({ secrets, dataDir, keychainService });
  const enrollment = new EnrollmentService({
    identities,
    resolveProfile: (org) => Promise.resolve({ ...(profileOverride ?? profile), org }),
  });
  return { identities, enrollment, dataDir };
}

describe.skipIf(binary === null)('enrollment with a real Fabric CA', () => {
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'pediledger-enrollment-test-'));
    caHome = path.join(root, 'ca');
    await mkdir(caHome);
    ca = await startFabricCaServer({ binary: binary ?? '', home: caHome });
    profileCaPem = await readFile(ca.caCertPath, 'utf8');
    // Written the way the network scripts write it; the CA TLS path is relative to the profile file.
    const profileFile = path.join(root, 'parents.json');
    await writeFile(
      profileFile,
      JSON.stringify({
        org: 'parents',
        mspId: 'ParentsMSP',
        channels: ['report'],
        gatewayPeers: [{ endpoint: '127.0.0.1:7051', hostAlias: 'localhost', tlsCaCertPath: 'ca/ca-cert.pem' }],
        ca: { url: ca.url, caName: ca.caName, tlsCaCertPath: 'ca/ca-cert.pem' },
      }),
    );
    profile = await readConnectionProfile(profileFile);
    // Bootstrap admin, enrolled through our own REST client; it registers the test users (token auth).
    const admin = await createKeyAndCsr(ca.adminId);
    const issued = await client().enroll({ enrollmentId: ca.adminId, secret: ca.adminSecret, csrPem: admin.csrPem });
    registrar = { certificatePem: issued.certificatePem, privateKey: admin.privateKey };
  }, 90_000);

  afterAll(async () => {
    await ca.stop();
    const secrets = new KeytarSecretStore();
    for (const account of await secrets.list(keychainService)) await secrets.delete(keychainService, account);
    await rm(root, { recursive: true, force: true });
  });

  it('reads the CA info over TLS', async () => {
    const { enrollment } = await services();
    const info = await enrollment.caInfo('parents');
    expect(info.caName).toBe('ca-test');
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(new X509Certificate(info.caChainPem).fingerprint256).toBe(new X509Certificate(profileCaPem).fingerprint256);
  });

  it('enrolls with a locally generated key, stores the identity, and returns its attributes', async () => {
    const user = await registerParent();
    const { identities, enrollment, dataDir } = await services();
    const summary = await enrollment.enroll({
      org: 'parents',
      enrollmentId: user.id,
      secret: user.secret,
      label: 'Mum',
    });
    expect(summary).toMatchObject({
      label: 'Mum',
      org: 'parents',
      mspId: 'ParentsMSP',
      enrollmentId: user.id,
      uid: user.id,
      role: 'parent',
      schoolId: null,
    });

    // The certificate was issued by the CA, and the key in the keychain (made here) matches it.
    const material = await new IdentityService({
      secrets: new KeytarSecretStore(),
      dataDir,
      keychainService,
    }).getSigningMaterial(summary.id);
    const certificate = new X509Certificate(material.certificatePem);
    expect(certificate.verify(new X509Certificate(profileCaPem).publicKey)).toBe(true);
    // Exactly the attributes enrollment asked for by name (requestedAttributes), nothing the CA adds by default.
    expect(parseCertificate(material.certificatePem).attributes).toEqual({
      'hf.EnrollmentID': user.id,
      'hf.Affiliation': '',
      uid: user.id,
      role: 'parent',
    });
    const data = Buffer.from('tx');
    expect(verify('sha256', data, certificate.publicKey, sign('sha256', data, material.privateKey))).toBe(true);
    expect((await identities.getActive())?.id).toBe(summary.id);

    // Enrolling the same user again is refused before the CA is asked.
    await expect(
      enrollment.enroll({ org: 'parents', enrollmentId: user.id, secret: user.secret, label: 'Again' }),
    ).rejects.toBeInstanceOf(IdentityExistsError);
  });

  it('asks for the attributes by name: a registration without :ecert still yields uid and role', async () => {
    const user = await registerParent({
      attrs: (id) => [
        { name: 'uid', value: id },
        { name: 'role', value: 'parent' },
      ],
    });
    const { enrollment } = await services();
    const summary = await enrollment.enroll({ org: 'parents', enrollmentId: user.id, secret: user.secret, label: 'P' });
    expect(summary).toMatchObject({ uid: user.id, role: 'parent' });
    // Renewal asks for them by name too, so they survive it.
    expect(await enrollment.reenroll(summary.id)).toMatchObject({ uid: user.id, role: 'parent' });
  });

  it('refuses a registration without a role before the CA issues anything, saying what to add', async () => {
    const user = await registerParent({ maxEnrollments: 1, attrs: (id) => [{ name: 'uid', value: id, ecert: true }] });
    const { identities, enrollment } = await services();
    const error = await enrollment
      .enroll({ org: 'parents', enrollmentId: user.id, secret: user.secret, label: 'P' })
      .catch((e: unknown) => e);
    expect(toSerializableError(error)).toEqual({
      code: 'REGISTRATION_INCOMPLETE',
      message: `PediLedger cannot use ${user.id}: its registration at the CA has no role attribute. Ask your administrator to add \`role=parent:ecert\` to the registration of ${user.id}. Nothing was stored, and the one-time secret is still unused: enroll with it again once this is fixed.`,
      details: { enrollmentId: user.id, rule: 'attributes', outcome: 'secret-unused' },
    });
    expect(await identities.list()).toEqual([]);
  });

  it('refuses a certificate whose uid is not its enrollment id, storing nothing, and says the fix', async () => {
    const user = await registerParent({
      attrs: () => [
        { name: 'uid', value: 'parent-carla', ecert: true },
        { name: 'role', value: 'parent', ecert: true },
      ],
    });
    const { identities, enrollment } = await services();
    const error = await enrollment
      .enroll({ org: 'parents', enrollmentId: user.id, secret: user.secret, label: 'P' })
      .catch((e: unknown) => e);
    const serialized = toSerializableError(error);
    expect(serialized).toMatchObject({ code: 'REGISTRATION_INCOMPLETE', details: { rule: 'uid-binding' } });
    expect(serialized.message).toContain(`register ${user.id} with \`uid=${user.id}:ecert\``);
    expect(serialized.message).not.toContain('parent-carla');
    expect(await identities.list()).toEqual([]);
  });

  it('reports a wrong secret as an EnrollmentError carrying the CA code, and stores nothing', async () => {
    const user = await registerParent();
    const { identities, enrollment } = await services();
    const failure = await enrollment
      .enroll({ org: 'parents', enrollmentId: user.id, secret: 'wrong-secret', label: 'Mum' })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EnrollmentError);
    const error = failure as EnrollmentError;
    expect(error.httpStatus).toBe(401);
    expect(error.caCode).toBe(20);
    expect(error.caMessage).toMatch(/authentication failure/i);
    const serialized = toSerializableError(error);
    expect(serialized).toMatchObject({ code: 'ENROLLMENT_FAILED', details: { httpStatus: 401 } });
    expect(JSON.stringify(serialized)).not.toContain('wrong-secret');
    expect(await identities.list()).toEqual([]);
  });

  it('re-enrolls before expiry with token auth and a new key, keeping the identity and its attributes', async () => {
    const user = await registerParent();
    const { identities, enrollment } = await services();
    const first = await enrollment.enroll({ org: 'parents', enrollmentId: user.id, secret: user.secret, label: 'Dad' });
    const firstKey = privateKeyToPkcs8Pem((await identities.getSigningMaterial(first.id)).privateKey);
    expect(isDueForReenrollment(first.notAfter, new Date(), 400 * 86_400_000)).toBe(true);
    expect(isDueForReenrollment(first.notAfter)).toBe(false);

    // Several rounds: without low-S normalisation about half of the token signatures would be rejected.
    let current = first;
    for (let round = 0; round < 4; round++) {
      const renewed = await enrollment.reenroll(first.id);
      expect(renewed).toMatchObject({ id: first.id, label: 'Dad', uid: user.id, role: 'parent' });
      expect(renewed.fingerprint256).not.toBe(current.fingerprint256);
      current = renewed;
    }
    const material = await identities.getSigningMaterial(first.id);
    expect(privateKeyToPkcs8Pem(material.privateKey)).not.toBe(firstKey);
    expect(parseCertificate(material.certificatePem).fingerprint256).toBe(current.fingerprint256);
    expect(await identities.list()).toEqual([current]);
  });

  it('imports PEM credentials after checking that the key belongs to the certificate', async () => {
    const user = await registerParent();
    const key = await createKeyAndCsr(user.id);
    const issued = await client().enroll({ enrollmentId: user.id, secret: user.secret, csrPem: key.csrPem });
    // The user's files, outside the app data directory (as handed over by a CA admin).
    const sourceDir = path.join(root, 'import-source', user.id);
    await mkdir(sourceDir, { recursive: true });
    const certFile = path.join(sourceDir, 'cert.pem');
    const keyFile = path.join(sourceDir, 'key.pem');
    await writeFile(certFile, issued.certificatePem);
    await writeFile(keyFile, privateKeyToPkcs8Pem(key.privateKey), { mode: 0o600 });
    const { enrollment } = await services();

    const other = await makeTestCredentials({ enrollmentId: user.id });
    await expect(
      enrollment.importPem({
        org: 'parents',
        label: 'Imported',
        certificatePem: await readFile(certFile, 'utf8'),
        privateKeyPem: other.privateKeyPem,
      }),
    ).rejects.toBeInstanceOf(InvalidCredentialsError);

    const imported = await enrollment.importPem({
      org: 'parents',
      label: 'Imported',
      certificatePem: await readFile(certFile, 'utf8'),
      privateKeyPem: await readFile(keyFile, 'utf8'),
    });
    expect(imported).toMatchObject({ enrollmentId: user.id, mspId: 'ParentsMSP', role: 'parent' });
    // Imported identities can be re-enrolled like enrolled ones.
    expect((await enrollment.reenroll(imported.id)).id).toBe(imported.id);
  });

  it('checks the keychain before spending a one-time secret', async () => {
    const user = await registerParent({ maxEnrollments: 1 });
    const locked: SecretStore = {
      get: () => Promise.reject(new KeychainUnavailableError('locked')),
      set: () => Promise.reject(new KeychainUnavailableError('locked')),
      delete: () => Promise.reject(new KeychainUnavailableError('locked')),
      list: () => Promise.reject(new KeychainUnavailableError('locked')),
      assertAvailable: () => Promise.reject(new KeychainUnavailableError('locked')),
    };
    const blocked = await services(locked);
    await expect(
      blocked.enrollment.enroll({ org: 'parents', enrollmentId: user.id, secret: user.secret, label: 'Mum' }),
    ).rejects.toBeInstanceOf(KeychainUnavailableError);
    // The single enrollment is still available once the keychain is.
    const { enrollment } = await services();
    const summary = await enrollment.enroll({
      org: 'parents',
      enrollmentId: user.id,
      secret: user.secret,
      label: 'Mum',
    });
    expect(summary.enrollmentId).toBe(user.id);
  });

  it('refuses a CA whose TLS certificate is not from the trusted CA, and an unreachable CA', async () => {
    const stranger = await makeTestCredentials({ enrollmentId: 'some-other-ca' });
    const strangerPath = path.join(root, 'stranger-ca.pem');
    await writeFile(strangerPath, stranger.certificatePem);
    const untrusted = await services(new KeytarSecretStore(), {
      ...profile,
      ca: { ...profile.ca, tlsCaCertPath: strangerPath },
    });
    await expect(untrusted.enrollment.caInfo('parents')).rejects.toBeInstanceOf(CaTlsError);

    const unreachable = await services(new KeytarSecretStore(), {
      ...profile,
      ca: { ...profile.ca, url: 'https://127.0.0.1:17059' },
    });
    const error = await unreachable.enrollment.caInfo('parents').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaUnreachableError);
    expect(toSerializableError(error)).toMatchObject({ code: 'CA_UNREACHABLE' });
  });

  it('leaves no PEM private key in the app data directories', async () => {
    expect(await filesWithKeyMaterial(path.join(root, 'data'))).toEqual([]);
  });
});
