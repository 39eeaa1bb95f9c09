// A network created before clients lost read access at the Fabric layer gets the new configuration from `network:up`.
// The running test network is first brought back to the old access sections (the previous config/configtx.yaml, kept
// as a fixture) with the same configuration-update machinery, which makes it a network with the old policies; a
// client then reads blocks from the orderer and qscc. `up()` (what `npm run network:up` runs) must migrate both
// channels with a signed configuration update, after which the same client is refused and the app's flows still work.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncAccessConfig } from '../src/accessConfig.ts';
import { fetchChannelConfig } from '../src/configUpdate.ts';
import { activeOrderers, readState, up } from '../src/network.ts';
import { dataDir } from '../src/paths.ts';
import { channels, type ChannelName } from '../src/topology.ts';
import { connectAs, userByUid } from './fabric.ts';
import { deliverFromOrderer, evaluateAs, leaksIn, type Caller } from './readPaths.ts';

const legacyTemplate = path.join(import.meta.dirname, 'fixtures', 'configtx.before-access-policies.yaml');
const marker = `MIGRATION-MARKER-${Date.now().toString(36)}`;
const orderers = (): ReturnType<typeof activeOrderers> => activeOrderers(readState()?.ordererCount ?? 1);

let emma: Caller;

/** The Readers policy of an application org, as the channel holds it now (read as the org's admin). */
async function readersOf(channel: ChannelName, mspId: string): Promise<unknown> {
  const { config } = await fetchChannelConfig(channel, path.join(dataDir, 'config-updates', 'inspect'));
  return config.channel_group.groups?.['Application']?.groups?.[mspId]?.policies?.['Readers']?.policy;
}

beforeAll(async () => {
  const user = await userByUid('parent-emma');
  emma = { label: 'parent-emma', mspId: user.mspId, certPath: user.certPath, keyPath: user.keyPath };
  // Emma's own child, with a marker on its card: what she may read anyway, and what the old policies let every
  // client of the channel read in the blocks.
  const connection = await connectAs('parent-emma');
  try {
    const agreement = {
      agreementId: `mig-agr-${marker}`,
      childId: `mig-child-${marker}`,
      pediatricianUid: 'ped-bruno',
      purpose: marker,
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      child: { givenName: 'Mia', familyName: 'Grant', birthDate: '2020-01-02', sex: 'unknown' },
    };
    await connection
      .network('medical')
      .getContract('medical')
      .submit('ProposeAgreement', {
        arguments: [JSON.stringify(agreement)],
        endorsingOrganizations: ['HospitalMSP', 'ParentsMSP'],
      });
  } finally {
    connection.close();
  }
});

afterAll(async () => {
  // Whatever happened above, the next test file finds the committed configuration.
  for (const channel of Object.values(channels)) await syncAccessConfig(channel.name, orderers());
});

describe('migrating a network created with the old access policies', () => {
  it('network:up brings both channels to the committed configuration with a signed update', async () => {
    for (const channel of Object.values(channels)) {
      expect(await syncAccessConfig(channel.name, orderers(), undefined, legacyTemplate)).toBe(true);
    }
    // The old configuration, as such networks have it: a client reads the orderer's blocks and qscc.
    const [first] = orderers();
    if (first === undefined) throw new Error('no orderer');
    const before = await deliverFromOrderer(emma, first, 'medical');
    expect(before.refused).toBe(false);
    expect(leaksIn(before, [marker])).toEqual([marker]);
    expect((await evaluateAs(emma, 'parents', 'medical', 'qscc', 'GetChainInfo', ['medical'])).refused).toBe(false);
    expect(JSON.stringify(await readersOf('report', 'SchoolMSP'))).toContain('CLIENT');

    const messages: string[] = [];
    await up({ progress: (message) => messages.push(message) });
    for (const channel of Object.values(channels)) {
      expect(messages.some((m) => m.includes(`${channel.name} now has the access policies`))).toBe(true);
    }

    const after = await deliverFromOrderer(emma, first, 'medical');
    expect(after).toMatchObject({ refused: true, detail: 'status FORBIDDEN' });
    expect(leaksIn(after, [marker])).toEqual([]);
    expect((await evaluateAs(emma, 'parents', 'medical', 'qscc', 'GetChainInfo', ['medical'])).refused).toBe(true);
    expect(JSON.stringify(await readersOf('report', 'SchoolMSP'))).not.toContain('CLIENT');
    // Nothing left to do: a second run only compares.
    for (const channel of Object.values(channels)) expect(await syncAccessConfig(channel.name, orderers())).toBe(false);
    // The app's own flows still work: evaluate, submit (commit status), chaincode events.
    const connection = await connectAs('parent-emma');
    try {
      const contract = connection.network('medical').getContract('medical');
      const firstPage = await contract.evaluate('ListMyChildren', { arguments: ['100', ''] });
      const children = JSON.parse(new TextDecoder().decode(firstPage)) as { items: { childId: string }[] };
      expect(children.items.map((c) => c.childId)).toContain(`mig-child-${marker}`);
      const terminated = await contract.submitAsync('TerminateAgreement', {
        arguments: [`mig-agr-${marker}`],
        endorsingOrganizations: ['HospitalMSP', 'ParentsMSP'],
      });
      const status = await terminated.getStatus();
      expect(status.successful).toBe(true);
      const events = await connection
        .network('medical')
        .getChaincodeEvents('medical', { startBlock: status.blockNumber });
      try {
        for await (const event of events) {
          if (event.transactionId !== terminated.getTransactionId()) continue;
          expect([event.eventName, event.payload.length]).toEqual(['Notice', 0]);
          break;
        }
      } finally {
        events.close();
      }
    } finally {
      connection.close();
    }
  });
});
