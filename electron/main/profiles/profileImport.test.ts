// Importing a portable connection profile into a temporary app data folder: validation, what is written, and that a
// failed import leaves the previous one as it was.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { ipcContract } from '../../../shared/ipc/contract.ts';
import { PORTABLE_PROFILE_FORMAT } from '../../../shared/schemas/portableConnectionProfile.ts';
import { partialAppHandlers } from '../testing/partialHandlers.ts';
import { createAppInfo } from '../app-info.ts';
import { ConnectionProfileStore } from '../fabric/connectionProfiles.ts';
import { makeTestCredentials, type TestCredentials } from '../identity/testing/testCredentials.ts';
import { createIpcRouter, noAppLock } from '../ipc/router.ts';
import { createProfileHandlers } from './profileHandlers.ts';

// Lets a test make one rename fail (a full disk at the last step of an import).
const renameFailure = vi.hoisted(() => ({ matching: null as RegExp | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      if (renameFailure.matching?.test(to) === true)
        throw Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' });
      await actual.rename(from, to);
    },
  };
});

let peerCa: TestCredentials;
let caTls: TestCredentials;
let otherCa: TestCredentials;
let dataDir: string;
let networkDir: string;
let store: ConnectionProfileStore;

beforeAll(async () => {
  [peerCa, caTls, otherCa] = await Promise.all([
    makeTestCredentials({ enrollmentId: 'tlsca.school' }),
    makeTestCredentials({ enrollmentId: 'ca.school' }),
    makeTestCredentials({ enrollmentId: 'tlsca.hospital' }),
  ]);
});

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pediledger-profile-import-'));
  networkDir = path.join(dataDir, 'network');
  store = new ConnectionProfileStore({ dataDir, networkProfilesDir: networkDir });
  renameFailure.matching = null;
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function portable(overrides: Record<string, unknown> = {}, peerPem = peerCa.certificatePem): Record<string, unknown> {
  return {
    format: PORTABLE_PROFILE_FORMAT,
    version: 1,
    org: 'school',
    mspId: 'SchoolMSP',
    channels: ['report'],
    gatewayPeers: [
      { endpoint: 'school.example.org:9051', hostAlias: 'peer0.school', tlsCaCertPem: peerPem },
      { endpoint: 'hospital.example.org:7051', hostAlias: 'peer0.hospital', tlsCaCertPem: otherCa.certificatePem },
    ],
    ca: { url: 'https://ca.school.example.org:10054', caName: 'ca-school', tlsCaCertPem: caTls.certificatePem },
    ...overrides,
  };
}

const text = (value: unknown): string => JSON.stringify(value, null, 2);

/** The error an import of `content` fails with, as code and message (the test fails if it succeeds). */
async function importFailure(content: string): Promise<{ code: string; message: string; json: string }> {
  const caught: unknown = await store.importPortable(content).then(
    () => null,
    (error: unknown) => error,
  );
  if (!(caught instanceof AppError)) throw new Error(`expected an AppError, got ${String(caught)}`);
  return { code: caught.code, message: caught.message, json: JSON.stringify(caught) };
}

/** Every file below the app data folder, relative, with its content. */
async function snapshot(): Promise<Record<string, string>> {
  const dir = path.join(dataDir, 'profiles');
  if (!existsSync(dir)) return {};
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = await readFile(file, 'utf8');
  }
  return files;
}

describe('ConnectionProfileStore.importPortable', () => {
  it('stores the certificates and the profile with their absolute paths; profiles:list then has it', async () => {
    const profile = await store.importPortable(text(portable()));
    expect(profile).toMatchObject({ org: 'school', mspId: 'SchoolMSP', channels: ['report'] });
    const orgDir = path.join(dataDir, 'profiles', 'school');
    for (const file of [...profile.gatewayPeers.map((peer) => peer.tlsCaCertPath), profile.ca.tlsCaCertPath]) {
      expect(path.dirname(file)).toBe(orgDir);
      expect(await readFile(file, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
    }
    expect(await readFile(profile.ca.tlsCaCertPath, 'utf8')).toBe(
      caTls.certificatePem.replace(/\n?$/, '\n').replace(/\r/g, ''),
    );
    expect(await store.get('school')).toEqual(profile);
    expect((await store.list()).map((listed) => listed.org)).toEqual(['school']);
    expect(Object.keys(await snapshot()).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses text that is not JSON without quoting it', async () => {
    const content = '{"format": "pediledger-connection-profile", oops secret-looking-text';
    const error = await importFailure(content);
    expect(error.code).toBe('INVALID_CONNECTION_PROFILE');
    expect(error.message).toContain('not valid JSON');
    expect(error.message).not.toContain('secret-looking-text');
    expect(await snapshot()).toEqual({});
  });

  it.each([
    ['another format', { format: 'kubeconfig' }, /format: this is not a PediLedger portable connection profile/],
    ['a newer version', { version: 2 }, /version: unsupported profile version/],
    ['an unknown organisation', { org: 'pharmacy' }, /org:/],
    ['a certificate path instead of the PEM', { ca: { url: 'https://ca:1', caName: 'ca', tlsCaCertPath: '/x' } }, /ca/],
    ['a plain-http CA', { ca: { url: 'http://ca:1', caName: 'ca', tlsCaCertPem: 'x' } }, /https/],
  ])('refuses a profile with %s', async (_name, overrides, message) => {
    const error = await importFailure(text(portable(overrides)));
    expect(error.code).toBe('INVALID_CONNECTION_PROFILE');
    expect(error.message).toMatch(message);
    expect(await snapshot()).toEqual({});
  });

  it('explains that the network host’s own profile (with file paths) is not the one to import', async () => {
    const hostProfile = {
      ...portable(),
      format: undefined,
      ca: { url: 'https://ca:1', caName: 'c', tlsCaCertPath: '/x' },
    };
    await expect(store.importPortable(JSON.stringify(hostProfile))).rejects.toThrow(/portable\.json file instead/);
  });

  it.each([
    ['in a certificate field', (key: string) => portable({}, `${peerCa.certificatePem}${key}`)],
    ['in an extra field', (key: string) => ({ ...portable(), adminKey: key })],
    [
      'as the CA certificate',
      (key: string) => portable({ ca: { ...(portable()['ca'] as object), tlsCaCertPem: key } }),
    ],
  ])('refuses a private key %s and never echoes it', async (_name, withKey) => {
    const content = text(withKey(peerCa.privateKeyPem));
    const error = await importFailure(content);
    expect(error.code).toBe('INVALID_CONNECTION_PROFILE');
    expect(error.message).toContain('private key');
    const body = peerCa.privateKeyPem.split('\n')[1] ?? '';
    expect(body).not.toBe('');
    expect(error.json).not.toContain(body);
    expect(error.message).not.toContain(body);
    expect(await snapshot()).toEqual({});
  });

  it('refuses a PEM block that is not an X.509 certificate', async () => {
    const notACertificate = '-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n';
    await expect(store.importPortable(text(portable({}, notACertificate)))).rejects.toMatchObject({
      code: 'INVALID_CONNECTION_PROFILE',
      message: 'gatewayPeers.0.tlsCaCertPem is not a readable X.509 certificate',
    });
    expect(await snapshot()).toEqual({});
  });

  it('re-importing replaces the profile and drops certificates only the old one used', async () => {
    const first = await store.importPortable(text(portable()));
    const second = await store.importPortable(
      text(portable({ channels: ['report', 'extra'] }, otherCa.certificatePem)),
    );
    expect(await store.get('school')).toEqual(second);
    expect(second.channels).toEqual(['report', 'extra']);
    expect(existsSync(first.gatewayPeers[0]?.tlsCaCertPath ?? '')).toBe(false);
    const used = [...second.gatewayPeers.map((peer) => peer.tlsCaCertPath), second.ca.tlsCaCertPath];
    const expected = new Set(['school.json', ...used.map((file) => path.join('school', path.basename(file)))]);
    expect(Object.keys(await snapshot()).sort()).toEqual([...expected].sort());
  });

  it('a failure while saving leaves the previous import exactly as it was', async () => {
    const first = await store.importPortable(text(portable()));
    const before = await snapshot();
    renameFailure.matching = /school\.json$/;
    const error = await importFailure(text(portable({ channels: ['other'] }, otherCa.certificatePem)));
    expect(error.code).toBe('PROFILE_IMPORT_FAILED');
    expect(error.message).toContain('could not be saved');
    expect(await snapshot()).toEqual(before);
    expect(await store.get('school')).toEqual(first);
  });

  it('a failure on the first import leaves no profile behind', async () => {
    renameFailure.matching = /\.pem$/;
    await expect(store.importPortable(text(portable()))).rejects.toMatchObject({ code: 'PROFILE_IMPORT_FAILED' });
    expect(Object.keys(await snapshot())).toEqual([]);
    expect(await store.find('school')).toBeNull();
  });
});

describe('profiles:import through the router', () => {
  const context = { transport: 'electron', origin: 'app://pediledger' } as const;
  const router = (): ReturnType<typeof createIpcRouter> =>
    createIpcRouter(
      ipcContract,
      partialAppHandlers(createAppInfo('electron', '0.1.0', 'test'), createProfileHandlers(store)),
      { lock: noAppLock },
    );

  it('answers the summary of the imported organisation, which then wins over the network’s profile', async () => {
    await mkdir(networkDir, { recursive: true });
    for (const org of ['hospital', 'school']) {
      const network = {
        org,
        mspId: org === 'school' ? 'SchoolMSP' : 'HospitalMSP',
        channels: ['report'],
        gatewayPeers: [{ endpoint: '127.0.0.1:7051', hostAlias: 'localhost', tlsCaCertPath: '/network/tlsca.pem' }],
        ca: { url: 'https://127.0.0.1:8054', caName: `network-ca-${org}`, tlsCaCertPath: '/network/ca.pem' },
      };
      await writeFile(path.join(networkDir, `${org}.json`), text(network));
    }
    expect(await router().call('profiles:list', undefined, context)).toMatchObject({
      ok: true,
      value: [{ org: 'hospital' }, { org: 'school', caName: 'network-ca-school' }],
    });
    const result = await router().call('profiles:import', { content: text(portable()) }, context);
    expect(result).toEqual({
      ok: true,
      value: { org: 'school', mspId: 'SchoolMSP', channels: ['report'], caName: 'ca-school' },
    });
    expect(await router().call('profiles:list', undefined, context)).toMatchObject({
      ok: true,
      value: [
        { org: 'hospital', caName: 'network-ca-hospital' },
        { org: 'school', caName: 'ca-school' },
      ],
    });
  });

  it('refuses an MSP id or channel the renderer could not show, before storing anything', async () => {
    const result = await router().call('profiles:import', { content: text(portable({ mspId: 'EvilMSP' })) }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_CONNECTION_PROFILE' } });
    expect(await snapshot()).toEqual({});
  });

  it('answers a private key as a plain error DTO without the key', async () => {
    const content = text({ ...portable(), key: peerCa.privateKeyPem });
    const result = await router().call('profiles:import', { content }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_CONNECTION_PROFILE' } });
    expect(JSON.stringify(result)).not.toContain('PRIVATE KEY-----\n');
  });
});
