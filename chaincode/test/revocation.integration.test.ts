// `npm run network:revoke` on the real network: a pediatrician registered and enrolled like any new colleague works
// on both channels, is revoked (at the Hospital CA, then the CA's CRL into HospitalMSP in every channel it is in), and
// from then on every peer refuses it on evaluate and submit, while the demo users keep working; the app's error
// mapping tells the revoked user who revoked them. The revoked identity is always a fresh one: the suite's network is
// shared by every integration file.
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFabricError } from '../../electron/main/fabric/errorMapping.ts';
import { registerUser } from '../../electron/test/registerUser.ts';
import { fetchChannelConfig } from '../../fabric-network/src/configUpdate.ts';
import { dataDir } from '../../fabric-network/src/paths.ts';
import { orgs, type ChannelName, type PeerOrgKey } from '../../fabric-network/src/topology.ts';
import { CaRefusal, enrollOnce } from '../../fabric-network/test/ca.ts';
import { connectWith, type PemIdentity, type UserConnection } from '../../fabric-network/test/fabric.ts';
import { toSerializableError } from '../../shared/errors.ts';
import { refused, runIds, sessionsOf, type Session } from './session';

const ids = runIds('rev');
const cli = path.resolve(import.meta.dirname, '../../fabric-network/src/cli.ts');
const MEMBERS: Record<ChannelName, readonly PeerOrgKey[]> = {
  medical: ['hospital', 'parents'],
  report: ['hospital', 'parents', 'school'],
};
const decode = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes)) as unknown;

/** Asserts a List… answer: one page of items. */
function expectPage(answer: unknown): void {
  expect(Array.isArray((answer as { items?: unknown }).items), JSON.stringify(answer)).toBe(true);
}

/** Runs `network:revoke` (the CLI an administrator runs) and returns its exit code and output. */
async function networkRevoke(...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [cli, 'revoke', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  return { code, output };
}

/** The configuration block number of each channel, as the orderer serves it. */
async function configBlocks(): Promise<Record<ChannelName, number>> {
  const dir = path.join(dataDir, 'config-updates', `test-${ids('blocks')}`);
  const [medical, report] = await Promise.all(
    (['medical', 'report'] as const).map(async (channel) => {
      const { blockNumber } = await fetchChannelConfig(channel, path.join(dir, channel));
      return blockNumber;
    }),
  );
  return { medical: medical ?? -1, report: report ?? -1 };
}

const uid = ids('ped-revoked');
let identity: PemIdentity;
let revoked: UserConnection;
let demo: Record<'ped-alice' | 'parent-carla' | 'admin-oak', Session>;

beforeAll(async () => {
  const { enrollmentId, secret } = await registerUser('hospital', uid, 'pediatrician');
  identity = await enrollOnce('hospital', enrollmentId, secret);
  revoked = connectWith(identity, 'hospital');
  demo = await sessionsOf('ped-alice', 'parent-carla', 'admin-oak');
});

afterAll(() => {
  revoked.close();
  for (const session of Object.values(demo)) session.close();
});

describe('network:revoke', () => {
  it('refuses bad input with a clear message and changes nothing', async () => {
    const before = await configBlocks();
    const badReason = await networkRevoke('--org', 'hospital', '--uid', uid, '--reason', 'boredom');
    expect(badReason.code).not.toBe(0);
    expect(badReason.output).toContain('usage: --reason must be one of unspecified, keycompromise');
    const unknown = await networkRevoke('--org', 'hospital', '--uid', ids('nobody'));
    expect(unknown.code).not.toBe(0);
    expect(unknown.output).toMatch(/revoking nobody-.* at ca-hospital failed/);
    expect(await configBlocks()).toEqual(before);
  });

  it('a freshly enrolled pediatrician works on both channels before', async () => {
    const medical = revoked.network('medical').getContract('medical');
    expectPage(decode(await medical.evaluate('ListMyChildren', { arguments: ['10', ''] })));
    const report = revoked.network('report').getContract('report');
    await report.submit('PublishDirectoryEntry', { arguments: [`Dr ${uid}`] });
  });

  it('after revocation every peer refuses it on evaluate and submit, on both channels', async () => {
    const started = Date.now();
    const result = await networkRevoke('--org', 'hospital', '--uid', uid, '--reason', 'keycompromise');
    const commandMs = Date.now() - started;
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`Revoked ${uid} (keycompromise)`);
    expect(result.output).toMatch(/medical: HospitalMSP's CRL is in configuration block \d+/);
    expect(result.output).toMatch(/report: HospitalMSP's CRL is in configuration block \d+/);

    // The command returns once every member peer has committed the configuration block: the first call after it is
    // refused already. Measured from the command's start (CA, two configuration updates, every peer) to that refusal.
    const serial = new X509Certificate(identity.certificatePem).serialNumber.toLowerCase();
    expect(result.output.toLowerCase()).toContain(serial.replace(/^0+/, ''));
    for (const channel of ['medical', 'report'] as const) {
      const contract = revoked.network(channel).getContract(channel);
      for (const org of MEMBERS[channel]) {
        const text = await refused(
          contract.newProposal('Ping', { endorsingOrganizations: [orgs[org].mspId] }).evaluate(),
        );
        expect(text, `evaluate on ${channel} at ${org}'s peer`).toContain(
          `access denied: channel [${channel}] creator org [HospitalMSP]`,
        );
      }
    }
    console.log(
      `network:revoke took ${(commandMs / 1000).toFixed(1)} s; every peer refused the identity ${((Date.now() - started) / 1000).toFixed(1)} s after it started`,
    );

    const medical = revoked.network('medical').getContract('medical');
    await refused(medical.evaluate('ListMyChildren', { arguments: ['10', ''] }));
    const submitMedical = await refused(medical.submit('ProposeAgreement', { arguments: ['{}'] }));
    expect(submitMedical).toContain('access denied: channel [medical] creator org [HospitalMSP]');
    const report = revoked.network('report').getContract('report');
    const submitReport = await refused(report.submit('PublishDirectoryEntry', { arguments: [`Dr ${uid} again`] }));
    expect(submitReport).toContain('access denied: channel [report] creator org [HospitalMSP]');
  });

  it('the app tells the revoked user that HospitalMSP revoked their identity, on evaluate and submit', async () => {
    const caller = { mspId: 'HospitalMSP', notAfter: new X509Certificate(identity.certificatePem).validTo };
    const calls: [string, () => Promise<unknown>][] = [
      [
        'ListMyChildren',
        () =>
          revoked
            .network('medical')
            .getContract('medical')
            .evaluate('ListMyChildren', { arguments: ['10', ''] }),
      ],
      [
        'PublishDirectoryEntry',
        () =>
          revoked
            .network('report')
            .getContract('report')
            .submit('PublishDirectoryEntry', { arguments: ['x'] }),
      ],
    ];
    for (const [transactionName, call] of calls) {
      const error = await call().then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(error, transactionName).not.toBeNull();
      const mapped = toSerializableError(toFabricError(error, { transactionName, caller }));
      expect(mapped.code, transactionName).toBe('IDENTITY_REVOKED');
      expect(mapped.message).toContain('Your identity has been revoked by your organisation (HospitalMSP)');
    }
  });

  it('every demo user keeps working', async () => {
    expectPage(await demo['ped-alice'].evaluate('medical', 'ListMyChildren', ['10', '']));
    expectPage(await demo['parent-carla'].evaluate('medical', 'ListMyChildren', ['10', '']));
    expectPage(await demo['admin-oak'].evaluate('report', 'ListMyReports', ['10', '']));
    // A write endorsed by SchoolMSP's and another org's peers, committed on every member peer (the session waits).
    const name = `Oak Primary ${uid}`;
    expect(await demo['admin-oak'].submit('report', 'PublishDirectoryEntry', [name])).toMatchObject({
      displayName: name,
    });
  });

  it('the CA refuses the revoked identity a new certificate', async () => {
    await expect(enrollOnce('hospital', uid, 'any-secret')).rejects.toBeInstanceOf(CaRefusal);
  });

  it('revoking again is not an error: it says "already revoked" and changes no channel', async () => {
    const before = await configBlocks();
    const again = await networkRevoke('--org', 'hospital', '--uid', uid);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain(`${uid} was already revoked`);
    expect(await configBlocks()).toEqual(before);
  });
});
