// A network created by the code before identity scheme 2 (guessable `<id>-pw` secrets, unlimited enrollments,
// `ca-admin:ca-adminpw`, school admins without their school's affiliation) keeps running: the current `network:up`
// migrates its identities in place. The old network is made by the old code itself: `fabric-network/` and
// `chaincode/` as they were at the commit before issue 10, run from a temp folder with their own data folder and
// ports 500 beyond the suite's (as the three-orderer test does), Fabric's binaries shared from the cache.
import type { Gateway } from '@hyperledger/fabric-gateway';
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheDir, repoRoot } from '../src/paths.ts';
import { orgs, peers, portOffset, type OrgKey, type PeerOrgKey } from '../src/topology.ts';
import { dialPeer } from './fabric.ts';

/** The last commit before issue 10 ("identities you can take back"): its network is the one to migrate. */
const BEFORE_ISSUE_10 = '9587e2a34ea17e451af7eab43966363697957cb9';
const SHIFT = 500;
const root = mkdtempSync(path.join(tmpdir(), 'pediledger-identity-migration-'));
const oldTree = path.join(root, 'old');
const dataDir = path.join(root, 'data');
const env = {
  ...process.env,
  PEDILEDGER_NETWORK_DATA: dataDir,
  PEDILEDGER_PORT_OFFSET: String(portOffset + SHIFT),
  PEDILEDGER_FABRIC_CACHE: cacheDir,
};
const run = Date.now().toString(36);
const decoder = new TextDecoder();

function cli(tree: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(tree, 'fabric-network', 'src', 'cli.ts'), ...args], {
    encoding: 'utf8',
    env,
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

const orgDir = (org: OrgKey): string => path.join(dataDir, 'organizations', org);

/** A gateway to the throwaway network's `org` peer as a demo user, with the key and certificate in its data folder. */
function gatewayAs(org: PeerOrgKey, uid: string): { gateway: Gateway; close: () => void } {
  const msp = path.join(orgDir(org), 'users', uid, 'msp');
  return dialPeer(
    { port: peers[org].port + SHIFT, tlsCaPem: readFileSync(path.join(orgDir(org), 'msp', 'tlscacerts', 'ca.pem')) },
    {
      mspId: orgs[org].mspId,
      certificatePem: readFileSync(path.join(msp, 'signcerts', 'cert.pem'), 'utf8'),
      keyPem: readFileSync(path.join(msp, 'keystore', 'key.pem'), 'utf8'),
    },
  );
}

async function evaluate(org: PeerOrgKey, uid: string, channel: string, fn: string, args: string[]): Promise<unknown> {
  const { gateway, close } = gatewayAs(org, uid);
  try {
    const bytes = await gateway.getNetwork(channel).getContract(channel).evaluate(fn, { arguments: args });
    return JSON.parse(decoder.decode(bytes)) as unknown;
  } finally {
    close();
  }
}

async function submit(org: PeerOrgKey, uid: string, channel: string, fn: string, args: string[]): Promise<unknown> {
  const { gateway, close } = gatewayAs(org, uid);
  try {
    const bytes = await gateway.getNetwork(channel).getContract(channel).submit(fn, { arguments: args });
    return JSON.parse(decoder.decode(bytes)) as unknown;
  } finally {
    close();
  }
}

/** Whether the throwaway network's `org` CA enrolls `id` with `secret` (into a folder removed at once). */
function enrolls(org: OrgKey, id: string, secret: string): boolean {
  const home = mkdtempSync(path.join(root, 'enroll-'));
  try {
    const url = `https://${encodeURIComponent(id)}:${encodeURIComponent(secret)}@127.0.0.1:${String(orgs[org].ca.port + SHIFT)}`;
    const result = spawnSync(
      path.join(cacheDir, 'bin', 'fabric-ca-client'),
      [
        'enroll',
        '--mspdir',
        path.join(home, 'msp'),
        '--caname',
        orgs[org].ca.name,
        '--tls.certfiles',
        path.join(dataDir, 'nodes', `ca.${org}`, 'ca-cert.pem'),
      ],
      { encoding: 'utf8', env: { ...env, FABRIC_CA_CLIENT_HOME: home, FABRIC_CA_CLIENT_URL: url } },
    );
    return result.status === 0;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The bcrypt hash of the bootstrap registrar's password in the CA's database. */
function bootstrapPasswordHash(org: OrgKey): string {
  const db = new DatabaseSync(path.join(dataDir, 'nodes', `ca.${org}`, 'fabric-ca-server.db'), { readOnly: true });
  try {
    // fabric-ca lib/server/db: the users table keeps the bcrypt hash of the secret in `token`.
    const row = db.prepare("SELECT token FROM users WHERE id = 'ca-admin'").get() as { token: Uint8Array | string };
    return Buffer.from(row.token).toString('utf8');
  } finally {
    db.close();
  }
}

function affiliationOf(certPath: string): string | null {
  const der = new X509Certificate(readFileSync(certPath)).raw.toString('latin1');
  return /"hf\.Affiliation":"([^"]*)"/.exec(der)?.[1] ?? null;
}

function state(): { identityScheme?: number; packageIds: Record<string, string>; identityMigration?: unknown } {
  return JSON.parse(readFileSync(path.join(dataDir, 'network.json'), 'utf8')) as {
    identityScheme?: number;
    packageIds: Record<string, string>;
  };
}

const ORG_KEYS = Object.keys(orgs) as OrgKey[];
const before: { hashes: Record<string, string>; packageIds: Record<string, string> } = { hashes: {}, packageIds: {} };
const record = `Dr Alice (before the migration ${run})`;
let migration = '';

beforeAll(() => {
  // The old tree, exactly as committed; node_modules (TypeScript, the chaincode's dependencies) shared with this one.
  mkdirSync(oldTree);
  const archive = execFileSync(
    'git',
    ['archive', BEFORE_ISSUE_10, 'fabric-network', 'chaincode', 'shared', 'package.json', 'tsconfig.base.json'],
    { cwd: repoRoot, maxBuffer: 256 * 1024 * 1024 },
  );
  execFileSync('tar', ['-x', '-C', oldTree], { input: archive });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(oldTree, 'node_modules'));
  const chaincodeModules = path.join(repoRoot, 'chaincode', 'node_modules');
  if (existsSync(chaincodeModules)) symlinkSync(chaincodeModules, path.join(oldTree, 'chaincode', 'node_modules'));
}, 120_000);

afterAll(() => {
  cli(repoRoot, ['down']);
  rmSync(root, { recursive: true, force: true });
}, 120_000);

describe('a network created before identity scheme 2', () => {
  it('is created by the old code, with its guessable secrets, and holds a record', async () => {
    const up = cli(oldTree, ['up']);
    expect(up.status, up.output).toBe(0);
    expect(state().identityScheme).toBeUndefined();
    // What the old code did, and the migration must undo.
    expect(enrolls('parents', 'parent-carla', 'parent-carla-pw')).toBe(true);
    await submit('hospital', 'ped-alice', 'report', 'PublishDirectoryEntry', [record]);
    for (const org of ORG_KEYS) before.hashes[org] = bootstrapPasswordHash(org);
    before.packageIds = state().packageIds;
    expect(cli(oldTree, ['down']).status).toBe(0);
  }, 900_000);

  it('is migrated in place by the current network:up, which says what it did step by step', () => {
    // Only a network the old code created counts (else `up` would bootstrap a new one and prove nothing).
    expect(Object.keys(before.packageIds)).toEqual(['medical', 'report']);
    expect(state().identityScheme).toBeUndefined();
    const up = cli(repoRoot, ['up']);
    migration = up.output;
    expect(up.status, up.output).toBe(0);
    for (const line of [
      'migrating its identities in place (ledgers, private data and chaincode stay as they are)',
      'ca-hospital: bootstrap registrar ca-admin has a new random password',
      'ca-hospital: new random secret, one enrollment (used) for',
      'ca-school: affiliation school.oak-primary and its registration authority',
      'ca-school: admin-oak moved to affiliation school.oak-primary',
      'admin-oak: renewed and enrolled again',
      'Identity migration complete: identity scheme 2',
    ]) {
      expect(migration).toContain(line);
    }
    expect(state()).toMatchObject({ identityScheme: 2, packageIds: before.packageIds });
    expect(state().identityMigration).toBeUndefined();
    // What an administrator sees, in the test log.
    const from = migration.indexOf('This network was created');
    const to = migration.indexOf('Identity migration complete');
    console.log(migration.slice(migration.lastIndexOf('\n', from) + 1, migration.indexOf('\n', to)));
  }, 900_000);

  it('keeps every record: the entry written before is still there', async () => {
    const entries = (await evaluate('parents', 'parent-carla', 'report', 'ListDirectory', ['pediatrician'])) as {
      id: string;
      displayName: string;
    }[];
    expect(entries).toContainEqual(expect.objectContaining({ id: 'ped-alice', displayName: record }));
  });

  it("lets the demo users work through the chaincode's identity checks (uid bound, school affiliation)", async () => {
    const oakCert = path.join(orgDir('school'), 'users', 'admin-oak', 'msp', 'signcerts', 'cert.pem');
    expect(affiliationOf(oakCert)).toBe('school.oak-primary');
    expect(await evaluate('school', 'admin-oak', 'report', 'ListMyReports', ['10', ''])).toHaveProperty('items');
    expect(await evaluate('hospital', 'ped-alice', 'medical', 'ListMyChildren', ['10', ''])).toHaveProperty('items');
    expect(await evaluate('parents', 'parent-carla', 'medical', 'ListMyChildren', ['10', ''])).toHaveProperty('items');
    const name = `Oak Primary (migrated ${run})`;
    expect(await submit('school', 'admin-oak', 'report', 'PublishDirectoryEntry', [name])).toMatchObject({
      id: 'oak-primary',
      displayName: name,
    });
  }, 300_000);

  it('no longer enrolls anyone with the old guessable secrets', () => {
    const guessable: [OrgKey, string, string][] = [
      ['parents', 'parent-carla', 'parent-carla-pw'],
      ['hospital', 'ped-alice', 'ped-alice-pw'],
      ['school', 'admin-oak', 'admin-oak-pw'],
      ['hospital', 'hospital-admin', 'hospital-admin-pw'],
      ['hospital', 'peer0.hospital', 'peer0.hospital-pw'],
      ['orderer', 'orderer0', 'orderer0-pw'],
      ...ORG_KEYS.map((org): [OrgKey, string, string] => [org, 'ca-admin', 'ca-adminpw']),
    ];
    for (const [org, id, secret] of guessable) expect(enrolls(org, id, secret), `${id} at ${org}`).toBe(false);
  });

  it("changed every CA's bootstrap password to a random one kept owner-only", () => {
    for (const org of ORG_KEYS) {
      expect(bootstrapPasswordHash(org), org).not.toBe(before.hashes[org]);
      const kept = path.join(dataDir, 'secrets', `ca.${org}.bootstrap`);
      expect(statSync(kept).mode & 0o777).toBe(0o600);
      expect(readFileSync(kept, 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{24}$/);
      // The CA's config file repeated the bootstrap password; it repeats the new one now.
      const caConfig = readFileSync(path.join(dataDir, 'nodes', `ca.${org}`, 'fabric-ca-server-config.yaml'), 'utf8');
      expect(caConfig).not.toContain('ca-adminpw');
    }
    expect(statSync(path.join(dataDir, 'secrets')).mode & 0o777).toBe(0o700);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('is idempotent: network:up again finds nothing to migrate', () => {
    const again = cli(repoRoot, ['up']);
    expect(again.status, again.output).toBe(0);
    expect(again.output).not.toContain('migrat');
    expect(state()).toMatchObject({ identityScheme: 2, packageIds: before.packageIds });
  }, 600_000);
});
