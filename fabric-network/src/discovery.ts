/**
 * Waits until cross-org endorsement works on every channel. After a fresh start, peers learn about each other's
 * organizations through gossip over several seconds; until then the gateway's discovery cannot build an endorsement
 * plan ("no combination of peers can be derived"). We ask each member peer's gateway to endorse (but not submit)
 * a Ping with every member org named: success means that peer sees the whole channel.
 */
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hosts } from './hosts.ts';
import { adminIdentity, tlsCaPath } from './identities.ts';
import { retry } from './run.ts';
import { orgs, peers, type ChannelSpec, type PeerOrgKey } from './topology.ts';

async function endorsePingVia(gatewayOrg: PeerOrgKey, channel: ChannelSpec): Promise<void> {
  const admin = adminIdentity(gatewayOrg);
  const client = new grpc.Client(
    `${hosts().dialHost(gatewayOrg)}:${String(peers[gatewayOrg].port)}`,
    grpc.credentials.createSsl(readFileSync(tlsCaPath(gatewayOrg))),
    { 'grpc.ssl_target_name_override': hosts().tlsServerName(gatewayOrg) },
  );
  const gateway = connect({
    client,
    identity: { mspId: orgs[gatewayOrg].mspId, credentials: readFileSync(admin.certPath) },
    signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(admin.keyPath))),
    hash: hash.sha256,
    endorseOptions: () => ({ deadline: Date.now() + 10_000 }),
  });
  try {
    const contract = gateway.getNetwork(channel.name).getContract(channel.chaincode.name);
    const proposal = contract.newProposal('Ping', {
      endorsingOrganizations: channel.members.map((member) => orgs[member].mspId),
    });
    await proposal.endorse();
  } finally {
    gateway.close();
    client.close();
  }
}

export async function waitForDiscovery(channel: ChannelSpec): Promise<void> {
  await Promise.all(channel.members.map((member) => retry(() => endorsePingVia(member, channel), 120, 500)));
}

/** Waits until `org`'s own peer can plan endorsements by every member of `channel` (only that org's admin key). */
export async function waitForOrgDiscovery(org: PeerOrgKey, channel: ChannelSpec): Promise<void> {
  await retry(() => endorsePingVia(org, channel), 240, 500);
}
