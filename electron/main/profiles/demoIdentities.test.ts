// The local network's demo users: offered only by the network's own profile, never by an imported one, and stored in
// one step as the active identity.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toSerializableError } from '../../../shared/errors.ts';
import { PORTABLE_PROFILE_FORMAT } from '../../../shared/schemas/portableConnectionProfile.ts';
import type { IdentitySummary } from '../../../shared/schemas/identity.ts';
import { ConnectionProfileStore } from '../fabric/connectionProfiles.ts';
import { makeTestCredentials } from '../identity/testing/testCredentials.ts';
import { DemoIdentities } from './demoIdentities.ts';

let root: string;
let networkDir: string;
let store: ConnectionProfileStore;
let stored: IdentitySummary[];
let imported: { org: string; label: string }[];
let demo: DemoIdentities;

/** Writes the network's own `school.json` with the marker, and admin-oak's credentials beside it. */
async function writeNetworkProfile(withMarker = true): Promise<void> {
  const users = path.join(networkDir, '..', 'users', 'admin-oak');
  await mkdir(users, { recursive: true });
  const credentials = await makeTestCredentials({
    enrollmentId: 'admin-oak',
    attrs: { uid: 'admin-oak', role: 'school-admin', schoolId: 'oak-primary' },
  });
  await writeFile(path.join(users, 'cert.pem'), credentials.certificatePem);
  await writeFile(path.join(users, 'key.pem'), credentials.privateKeyPem, { mode: 0o600 });
  const caPath = path.join(users, 'cert.pem');
  await writeFile(
    path.join(networkDir, 'school.json'),
    JSON.stringify({
      org: 'school',
      mspId: 'SchoolMSP',
      channels: ['report'],
      gatewayPeers: [{ endpoint: '127.0.0.1:9051', hostAlias: 'localhost', tlsCaCertPath: caPath }],
      ca: { url: 'https://127.0.0.1:10054', caName: 'ca-school', tlsCaCertPath: caPath },
      ...(withMarker
        ? {
            localNetwork: {
              // Relative to the profile's folder, like its TLS paths.
              demoUsers: [
                { uid: 'admin-oak', certPath: '../users/admin-oak/cert.pem', keyPath: caPath.replace('cert', 'key') },
              ],
            },
          }
        : {}),
    }),
  );
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pediledger-demo-identities-'));
  networkDir = path.join(root, 'network', 'profiles');
  await mkdir(networkDir, { recursive: true });
  store = new ConnectionProfileStore({ dataDir: path.join(root, 'app'), networkProfilesDir: networkDir });
  stored = [];
  imported = [];
  const summary = (id: string, label: string): IdentitySummary => ({
    id,
    label,
    org: 'school',
    mspId: 'SchoolMSP',
    enrollmentId: 'admin-oak',
    uid: 'admin-oak',
    role: 'school-admin',
    schoolId: 'oak-primary',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
    fingerprint256: 'AA',
    addedAt: '2026-01-01T00:00:00.000Z',
  });
  demo = new DemoIdentities({
    demoUsers: (org) => store.localNetworkDemoUsers(org),
    importPem: (input) => {
      imported.push({ org: input.org, label: input.label });
      const added = summary(`00000000-0000-4000-8000-00000000000${String(stored.length)}`, input.label);
      stored.push(added);
      return Promise.resolve(added);
    },
    identities: {
      list: () => Promise.resolve(stored),
      setActive: (id) => Promise.resolve(stored.find((identity) => identity.id === id) ?? null),
      get: (id) => Promise.resolve(stored.find((identity) => identity.id === id) ?? summary(id, 'x')),
    },
  });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('DemoIdentities', () => {
  it("lists the local network's demo users with role and school from their certificates", async () => {
    await writeNetworkProfile();
    expect(await demo.list()).toEqual([
      { org: 'school', uid: 'admin-oak', role: 'school-admin', schoolId: 'oak-primary' },
    ]);
  });

  it('stores one as a demo identity and makes it active; using it again does not store it twice', async () => {
    await writeNetworkProfile();
    const first = await demo.use('school', 'admin-oak');
    expect(first.label).toBe('admin-oak (demo)');
    expect(imported).toEqual([{ org: 'school', label: 'admin-oak (demo)' }]);
    expect((await demo.use('school', 'admin-oak')).id).toBe(first.id);
    expect(imported).toHaveLength(1);
  });

  it('offers nothing for a profile without the marker', async () => {
    await writeNetworkProfile(false);
    expect(await demo.list()).toEqual([]);
  });

  it('offers nothing once an administrator imported a profile for that organisation, even one claiming a marker', async () => {
    await writeNetworkProfile();
    const pem = (await makeTestCredentials({ enrollmentId: 'tlsca' })).certificatePem;
    const portable = {
      format: PORTABLE_PROFILE_FORMAT,
      version: 1,
      org: 'school',
      mspId: 'SchoolMSP',
      channels: ['report'],
      gatewayPeers: [{ endpoint: 'school.example.org:9051', hostAlias: 'peer0.school', tlsCaCertPem: pem }],
      ca: { url: 'https://ca.school.example.org:10054', caName: 'ca-school', tlsCaCertPem: pem },
    };
    // The portable format has no marker: a file that carries one is refused outright.
    const withMarker = { ...portable, localNetwork: { demoUsers: [] } };
    await expect(store.importPortable(JSON.stringify(withMarker))).rejects.toThrow();
    await store.importPortable(JSON.stringify(portable));
    expect(await demo.list()).toEqual([]);
    const error = await demo.use('school', 'admin-oak').catch((caught: unknown) => caught);
    expect(toSerializableError(error)).toMatchObject({ code: 'DEMO_IDENTITY_NOT_FOUND' });
    expect(imported).toEqual([]);
  });
});
