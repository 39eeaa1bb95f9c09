import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ordererChannels, peerChannelList } from '../src/channels.ts';
import { orderers, peers } from '../src/topology.ts';
import { connectAs, loadNetworkStatus, type UserConnection } from './fabric.ts';

function findDirsNamed(root: string, name: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const full = path.join(root, entry.name);
    if (entry.name === name) found.push(full);
    found.push(...findDirsNamed(full, name));
  }
  return found;
}

describe('local Fabric network', () => {
  let hospitalUser: UserConnection;
  let schoolUser: UserConnection;

  beforeAll(async () => {
    hospitalUser = await connectAs('ped-alice');
    schoolUser = await connectAs('admin-oak');
  });

  afterAll(() => {
    hospitalUser.close();
    schoolUser.close();
  });

  it('has both channels on the orderer', async () => {
    const first = orderers[0];
    if (first === undefined) throw new Error('no orderer');
    expect((await ordererChannels(first)).sort()).toEqual(['medical', 'report']);
  });

  it('joins the School peer to report only', async () => {
    expect(await peerChannelList(peers.school)).toEqual(['report']);
    expect(await peerChannelList(peers.hospital)).toEqual(['medical', 'report']);
    expect(await peerChannelList(peers.parents)).toEqual(['medical', 'report']);
  });

  it('keeps no medical ledger anywhere in the School peer data folder', async () => {
    const status = await loadNetworkStatus();
    const schoolPeer = status.nodes.find((n) => n.name === peers.school.name);
    if (schoolPeer === undefined) throw new Error('no school peer in status');
    expect(existsSync(schoolPeer.dataDir)).toBe(true);
    expect(findDirsNamed(schoolPeer.dataDir, 'medical')).toEqual([]);
    expect(schoolPeer.channels).toEqual(['report']);
  });

  it("commits a Hospital user's Ping on medical and returns uid and role from the certificate", async () => {
    const contract = hospitalUser.network('medical').getContract('medical');
    const result = await contract.submitAsync('Ping');
    const status = await result.getStatus();
    expect(status.successful).toBe(true);
    const answer = JSON.parse(new TextDecoder().decode(result.getResult())) as {
      channel: string;
      caller: { mspId: string; uid: string; role: string };
    };
    expect(answer).toMatchObject({
      channel: 'medical',
      caller: { mspId: 'HospitalMSP', uid: 'ped-alice', role: 'pediatrician' },
    });
  });

  it("refuses a School user's evaluate on medical through the School's own peer", async () => {
    const contract = schoolUser.network('medical').getContract('medical');
    const attempt = contract.evaluateTransaction('Ping');
    await expect(attempt).rejects.toBeInstanceOf(GatewayError);
    // The School peer never joined medical, so its gateway has no such channel at all.
    await expect(attempt).rejects.toThrow(/UNAVAILABLE: failed to get config for channel \[medical\]/);
  });

  it("refuses a School user's evaluate on medical through a Hospital peer (a channel member)", async () => {
    const viaHospital = await connectAs('admin-oak', 'hospital');
    try {
      const attempt = viaHospital.network('medical').getContract('medical').evaluateTransaction('Ping');
      await expect(attempt).rejects.toBeInstanceOf(GatewayError);
      // The medical channel's MSPs do not include SchoolMSP, so the endorser cannot even deserialize the caller.
      const error = await attempt.catch((e: unknown) => e);
      const text = error instanceof GatewayError ? `${error.message} ${JSON.stringify(error.details)}` : String(error);
      expect(text).toMatch(/access denied/);
    } finally {
      viaHospital.close();
    }
  });

  it('reports every node healthy with a pid in the status', async () => {
    const status = await loadNetworkStatus();
    for (const node of status.nodes) {
      expect(node.health, node.name).toBe('ok');
      expect(node.pid, node.name).not.toBeNull();
    }
    expect(status.users.map((u) => u.uid)).toContain('admin-pine');
    expect(status.users.find((u) => u.uid === 'admin-oak')?.schoolId).toBe('oak-primary');
  });
});
