// Identity store against the real OS keychain (the test runner provides a D-Bus session with an unlocked
// gnome-keyring; see scripts/test-in-keyring-session.sh).
import { execFile } from 'node:child_process';
import { randomUUID, sign, verify } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SerializedError } from '../../../shared/errors.ts';
import { parseCertificate } from './certificate.ts';
import {
  IdentityExistsError,
  IdentityNotFoundError,
  IdentitySecretMissingError,
  IdentityStoreCorruptError,
  InvalidCredentialsError,
} from './errors.ts';
import { IDENTITY_LIST_FILE } from './identityListFile.ts';
import { IdentityService } from './identityService.ts';
import { KeytarSecretStore } from './keytarSecretStore.ts';
import { filesWithKeyMaterial } from './testing/scanForKeyMaterial.ts';
import { makeTestCredentials, type TestCredentials } from './testing/testCredentials.ts';

const execFileAsync = promisify(execFile);
const keychainService = `PediLedger-test-${randomUUID()}`;
const scenarioScript = path.join(import.meta.dirname, 'testing', 'keychainScenario.ts');

let root: string;
let alice: TestCredentials;
let bob: TestCredentials;

/** A fresh "app start": new secret store and service instances over the same data directory and keychain. */
function startServices(dataDir: string): IdentityService {
  return new IdentityService({ secrets: new KeytarSecretStore(), dataDir, keychainService });
}

async function newDataDir(): Promise<string> {
  const dir = path.join(root, randomUUID());
  await mkdir(dir);
  return dir;
}

function haveCommand(name: string): boolean {
  return (process.env['PATH'] ?? '').split(path.delimiter).some((dir) => existsSync(path.join(dir, name)));
}

interface StepResult {
  step: string;
  ok: boolean;
  value?: unknown;
  error?: SerializedError;
}

async function runScenario(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<Record<string, StepResult | undefined>> {
  const { stdout } = await execFileAsync(command, args, { env, timeout: 60_000 });
  const steps: Record<string, StepResult | undefined> = {};
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const result = JSON.parse(line) as StepResult;
    steps[result.step] = result;
  }
  return steps;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pediledger-identity-test-'));
  alice = await makeTestCredentials({ enrollmentId: 'alice', attrs: { uid: 'alice', role: 'parent' } });
  bob = await makeTestCredentials({
    enrollmentId: 'bob',
    attrs: { uid: 'bob', role: 'school_admin', schoolId: 'school-7' },
  });
});

afterAll(async () => {
  const secrets = new KeytarSecretStore();
  for (const account of await secrets.list(keychainService)) await secrets.delete(keychainService, account);
  await rm(root, { recursive: true, force: true });
});

describe('IdentityService with the OS keychain', () => {
  it('stores an identity, reads it back after a restart, and removes it', async () => {
    const dataDir = await newDataDir();
    const first = startServices(dataDir);
    const added = await first.add({ label: ' Alice ', org: 'parents', mspId: 'ParentsMSP', ...alice });
    expect(added).toMatchObject({
      label: 'Alice',
      org: 'parents',
      mspId: 'ParentsMSP',
      enrollmentId: 'alice',
      uid: 'alice',
      role: 'parent',
      schoolId: null,
    });
    expect((await first.getActive())?.id).toBe(added.id);

    // The identity list on disk has the metadata only.
    const onDisk = await readFile(path.join(dataDir, IDENTITY_LIST_FILE), 'utf8');
    expect(onDisk).toContain(added.id);
    expect(onDisk).not.toContain('PRIVATE KEY');
    expect(onDisk).not.toContain('CERTIFICATE');

    // "Restart the app": new instances, same data dir and keychain.
    const second = startServices(dataDir);
    expect(await second.list()).toEqual([added]);
    expect(await second.snapshot()).toEqual({ identities: [added], activeId: added.id });
    const material = await second.getSigningMaterial(added.id);
    expect(material.mspId).toBe('ParentsMSP');
    expect(parseCertificate(material.certificatePem).fingerprint256).toBe(added.fingerprint256);
    const message = Buffer.from('proposal bytes');
    const signature = sign('sha256', message, material.privateKey);
    expect(verify('sha256', message, parseCertificate(material.certificatePem).publicKey, signature)).toBe(true);
    // Printing the signing material never shows the key.
    expect(JSON.stringify(material)).not.toContain('PRIVATE KEY');

    await second.remove(added.id);
    expect(await second.list()).toEqual([]);
    expect(await second.getActive()).toBeNull();
    expect(await new KeytarSecretStore().get(keychainService, added.id)).toBeNull();
    await expect(startServices(dataDir).getSigningMaterial(added.id)).rejects.toBeInstanceOf(IdentityNotFoundError);
  });

  it('keeps several identities and the active choice across restarts', async () => {
    const dataDir = await newDataDir();
    const service = startServices(dataDir);
    const a = await service.add({ label: 'Alice', org: 'parents', mspId: 'ParentsMSP', ...alice });
    const b = await service.add({ label: 'Bob', org: 'school', mspId: 'SchoolMSP', ...bob });
    expect(b).toMatchObject({ role: 'school_admin', schoolId: 'school-7', uid: 'bob' });
    expect((await service.getActive())?.id).toBe(a.id);
    expect((await service.setActive(b.id))?.id).toBe(b.id);

    const restarted = startServices(dataDir);
    expect((await restarted.getActive())?.id).toBe(b.id);
    expect((await restarted.list()).map((identity) => identity.label)).toEqual(['Alice', 'Bob']);
    expect((await restarted.getSigningMaterial(b.id)).mspId).toBe('SchoolMSP');
    expect(await restarted.setActive(null)).toBeNull();
    expect(await startServices(dataDir).getActive()).toBeNull();
    expect(await new KeytarSecretStore().list(keychainService)).toEqual(expect.arrayContaining([a.id, b.id]));

    await restarted.remove(a.id);
    await restarted.remove(b.id);
  });

  it('serialises concurrent additions without losing any', async () => {
    const dataDir = await newDataDir();
    const service = startServices(dataDir);
    const credentials = await Promise.all(
      ['c1', 'c2', 'c3', 'c4'].map((enrollmentId) => makeTestCredentials({ enrollmentId })),
    );
    const added = await Promise.all(
      credentials.map((c, i) => service.add({ label: `Child ${i}`, org: 'parents', mspId: 'ParentsMSP', ...c })),
    );
    expect((await startServices(dataDir).list()).map((identity) => identity.id).sort()).toEqual(
      added.map((identity) => identity.id).sort(),
    );
    for (const identity of added) await service.remove(identity.id);
  });

  it('rejects a key that does not belong to the certificate, and writes nothing', async () => {
    const dataDir = await newDataDir();
    const service = startServices(dataDir);
    const before = await new KeytarSecretStore().list(keychainService);
    await expect(
      service.add({
        label: 'Mixed',
        org: 'parents',
        mspId: 'ParentsMSP',
        certificatePem: alice.certificatePem,
        privateKeyPem: bob.privateKeyPem,
      }),
    ).rejects.toBeInstanceOf(InvalidCredentialsError);
    await expect(
      service.add({ label: 'Bad', org: 'parents', mspId: 'ParentsMSP', ...alice, privateKeyPem: 'nonsense' }),
    ).rejects.toBeInstanceOf(InvalidCredentialsError);
    await expect(
      service.add({ label: 'Bad', org: 'parents', mspId: 'ParentsMSP', ...alice, certificatePem: 'nonsense' }),
    ).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(await service.list()).toEqual([]);
    expect(existsSync(path.join(dataDir, IDENTITY_LIST_FILE))).toBe(false);
    expect(await new KeytarSecretStore().list(keychainService)).toEqual(before);
  });

  it('rejects a second identity for the same enrollment ID and MSP', async () => {
    const service = startServices(await newDataDir());
    const added = await service.add({ label: 'Alice', org: 'parents', mspId: 'ParentsMSP', ...alice });
    const again = service.add({ label: 'Alice again', org: 'parents', mspId: 'ParentsMSP', ...alice });
    await expect(again).rejects.toBeInstanceOf(IdentityExistsError);
    await expect(again).rejects.toMatchObject({ details: { existingId: added.id } });
    await service.remove(added.id);
  });

  it('reports unknown identities, missing keychain entries and a corrupt list with typed errors', async () => {
    const dataDir = await newDataDir();
    const service = startServices(dataDir);
    const unknown = randomUUID();
    await expect(service.setActive(unknown)).rejects.toBeInstanceOf(IdentityNotFoundError);
    await expect(service.remove(unknown)).rejects.toBeInstanceOf(IdentityNotFoundError);
    await expect(service.getSigningMaterial(unknown)).rejects.toBeInstanceOf(IdentityNotFoundError);

    const added = await service.add({ label: 'Alice', org: 'parents', mspId: 'ParentsMSP', ...alice });
    await new KeytarSecretStore().delete(keychainService, added.id);
    await expect(service.getSigningMaterial(added.id)).rejects.toBeInstanceOf(IdentitySecretMissingError);
    await service.remove(added.id);

    // A label cannot smuggle a PEM key into the identity list.
    await expect(
      service.add({ label: '-----BEGIN PRIVATE KEY-----', org: 'parents', mspId: 'ParentsMSP', ...alice }),
    ).rejects.toThrow(/Refusing to write key material/);
    expect(await service.list()).toEqual([]);

    await writeFile(path.join(dataDir, IDENTITY_LIST_FILE), '{ not json');
    await expect(service.list()).rejects.toBeInstanceOf(IdentityStoreCorruptError);
  });

  it('replaces credentials in place after re-enrollment', async () => {
    const service = startServices(await newDataDir());
    const added = await service.add({ label: 'Alice', org: 'parents', mspId: 'ParentsMSP', ...alice });
    const renewed = await makeTestCredentials({ enrollmentId: 'alice', attrs: { uid: 'alice', role: 'parent' } });
    const updated = await service.replaceCredentials(added.id, renewed);
    expect(updated.id).toBe(added.id);
    expect(updated.fingerprint256).not.toBe(added.fingerprint256);
    await expect(service.replaceCredentials(added.id, bob)).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(parseCertificate((await service.getSigningMaterial(added.id)).certificatePem).fingerprint256).toBe(
      updated.fingerprint256,
    );
    await service.remove(added.id);
  });
});

describe('IdentityService fails closed without a usable keychain', () => {
  it('refuses to store an identity when there is no D-Bus session, and writes no key material', async () => {
    const dataDir = await newDataDir();
    const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    delete env['GNOME_KEYRING_CONTROL'];
    const steps = await runScenario(process.execPath, [scenarioScript, 'no-keychain', dataDir, keychainService], env);
    expect(steps['check']).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(steps['add']).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(steps['list']).toMatchObject({ ok: true, value: 0 });
    expect(existsSync(path.join(dataDir, IDENTITY_LIST_FILE))).toBe(false);
    expect(await filesWithKeyMaterial(dataDir)).toEqual([]);
  });

  it.skipIf(!haveCommand('dbus-run-session') || !haveCommand('gnome-keyring-daemon') || !haveCommand('gdbus'))(
    'refuses to add, read or remove once the keyring is locked, and writes no key material',
    async () => {
      const dataDir = await newDataDir();
      const keyringHome = await newDataDir();
      const env: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: keyringHome };
      delete env['DBUS_SESSION_BUS_ADDRESS'];
      delete env['GNOME_KEYRING_CONTROL'];
      // A private D-Bus session with its own keyring (in keyringHome), so locking it cannot disturb other tests.
      const steps = await runScenario(
        'dbus-run-session',
        [
          '--',
          'bash',
          '-c',
          'printf %s locked-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"',
          'scenario',
          process.execPath,
          scenarioScript,
          'lock-midway',
          dataDir,
          keychainService,
        ],
        env,
      );
      expect(steps['add-unlocked']).toMatchObject({ ok: true });
      expect(steps['add-locked']).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
      expect(steps['sign-locked']).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
      expect(steps['remove-locked']).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
      // The identity is still listed: a refused keychain delete leaves both halves in place.
      expect(steps['list-locked']?.value).toHaveLength(1);
      expect(await filesWithKeyMaterial(dataDir)).toEqual([]);
    },
  );
});

describe('no key material on disk', () => {
  it('finds no PEM private key in any data directory the tests used', async () => {
    // Includes the private session's keyring directory: gnome-keyring encrypts it, so nothing may match there either.
    expect(await filesWithKeyMaterial(root)).toEqual([]);
  });
});
