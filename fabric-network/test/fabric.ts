/**
 * Test helpers for the real local network: its status (users, nodes, certificates) and gateway connections as any
 * demo user. Used by every integration test in the repository.
 */
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Gateway, type Network } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tlsCaPath } from '../src/identities.ts';
import { collectStatus, type NetworkStatus, type UserStatus } from '../src/status.ts';
import { peers, type ChannelName, type PeerOrgKey } from '../src/topology.ts';

export type { NetworkStatus, UserStatus };

let cached: NetworkStatus | undefined;

/** The network's status as `network:status --json` reports it (computed once per test file). */
export async function loadNetworkStatus(): Promise<NetworkStatus> {
  cached ??= await collectStatus();
  return cached;
}

export async function userByUid(uid: string): Promise<UserStatus> {
  const user = (await loadNetworkStatus()).users.find((u) => u.uid === uid);
  if (user === undefined) throw new Error(`no demo user ${uid}`);
  return user;
}

export interface UserConnection {
  gateway: Gateway;
  network(channel: ChannelName): Network;
  close(): void;
}

/**
 * Connects as a demo user (certificate and key from the network's data folder) through its own org's peer, or
 * through another org's peer when `gatewayOrg` is given (any channel member's peer can serve as a gateway).
 */
export async function connectAs(uid: string, gatewayOrg?: PeerOrgKey): Promise<UserConnection> {
  const user = await userByUid(uid);
  return connectWith(
    {
      mspId: user.mspId,
      certificatePem: readFileSync(user.certPath, 'utf8'),
      keyPem: readFileSync(user.keyPath, 'utf8'),
    },
    gatewayOrg ?? user.org,
  );
}

/** Any identity's credentials (PEM), e.g. one a test enrolled or re-signed itself. */
export interface PemIdentity {
  mspId: string;
  certificatePem: string;
  keyPem: string;
}

/** Where to dial a gateway peer: its loopback port and the TLS CA that signed its certificate (PEM). */
export interface PeerAddress {
  port: number;
  tlsCaPem: Buffer;
}

/**
 * A fabric-gateway connection to the peer at `peer` as `identity`, with fabric-gateway's own signer and deadlines
 * generous enough for a busy machine; `close` closes the gateway and its gRPC client.
 */
export function dialPeer(peer: PeerAddress, identity: PemIdentity): { gateway: Gateway; close: () => void } {
  // Dial the loopback address but check the certificate against its DNS name: TLS forbids IP addresses as SNI.
  const client = new grpc.Client(`127.0.0.1:${String(peer.port)}`, grpc.credentials.createSsl(peer.tlsCaPem), {
    'grpc.ssl_target_name_override': 'localhost',
  });
  const gateway = connect({
    client,
    identity: { mspId: identity.mspId, credentials: Buffer.from(identity.certificatePem) },
    signer: signers.newPrivateKeySigner(createPrivateKey(identity.keyPem)),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 30_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 60_000 }),
    submitOptions: () => ({ deadline: Date.now() + 30_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 120_000 }),
  });
  return {
    gateway,
    close: () => {
      gateway.close();
      client.close();
    },
  };
}

/** Connects with `identity` through `gatewayOrg`'s peer. */
export function connectWith(identity: PemIdentity, gatewayOrg: PeerOrgKey): UserConnection {
  const { gateway, close } = dialPeer(
    { port: peers[gatewayOrg].port, tlsCaPem: readFileSync(tlsCaPath(gatewayOrg)) },
    identity,
  );
  return { gateway, network: (channel) => gateway.getNetwork(channel), close };
}
