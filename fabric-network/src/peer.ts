/** A peer node: environment overrides on top of Fabric's sampleconfig core.yaml, plus the admin CLI environment. */
import path from 'node:path';
import {
  fabricDuration,
  GATEWAY_BROADCAST_TIMEOUT_MS,
  NODE_CLIENT_PING_INTERVAL_MS,
  NODE_CLIENT_PING_TIMEOUT_MS,
  SERVER_MIN_PING_INTERVAL_MS,
  SERVER_PING_INTERVAL_MS,
  SERVER_PING_TIMEOUT_MS,
} from '../../shared/grpcTiming.ts';
import { hosts } from './hosts.ts';
import { adminIdentity, nodeIdentity, tlsCaPath } from './identities.ts';
import { peerCliLoggingSpec, peerLoggingSpec } from './logging.ts';
import { bin, builderDir, fabricConfigDir, nodeDir } from './paths.ts';
import type { NodeProcessSpec } from './processes.ts';
import { orgs, peers, pprofEnabled, type OrgKey, type PeerSpec } from './topology.ts';

export function peerProcess(peer: PeerSpec): NodeProcessSpec {
  const identity = nodeIdentity(peer.org, peer.name);
  const tls = identity.tls;
  if (tls === undefined) throw new Error(`${peer.name} has no TLS identity`);
  const data = nodeDir(peer.name);
  // The address others dial (gossip, discovery, clients) and the one this peer listens on.
  const address = `${hosts().dialHost(peer.org)}:${peer.port}`;
  return {
    name: peer.name,
    command: bin('peer'),
    args: ['node', 'start'],
    env: {
      FABRIC_CFG_PATH: fabricConfigDir,
      // INFO, with the loggers that print payloads held at ERROR (logging.ts).
      FABRIC_LOGGING_SPEC: peerLoggingSpec,
      CORE_PEER_ID: peer.name,
      CORE_PEER_LISTENADDRESS: `${hosts().publicListenAddress}:${peer.port}`,
      CORE_PEER_ADDRESS: address,
      // Every peer binds a chaincode listener even with CCaaS; give each its own port so they don't clash on 7052.
      CORE_PEER_CHAINCODELISTENADDRESS: `127.0.0.1:${peer.chaincodePort}`,
      CORE_PEER_CHAINCODEADDRESS: `127.0.0.1:${peer.chaincodePort}`,
      CORE_PEER_GOSSIP_BOOTSTRAP: address,
      // Without an external endpoint other orgs never learn of this peer, and discovery cannot plan endorsements.
      CORE_PEER_GOSSIP_EXTERNALENDPOINT: address,
      // A peer that starts before the others retries its anchor peers after this long (Fabric's default is 25 s,
      // which a fresh network otherwise spends waiting before cross-org endorsement works).
      CORE_PEER_GOSSIP_RECONNECTINTERVAL: '5s',
      CORE_PEER_LOCALMSPID: orgs[peer.org].mspId,
      CORE_PEER_MSPCONFIGPATH: identity.mspDir,
      CORE_PEER_FILESYSTEMPATH: path.join(data, 'production'),
      CORE_LEDGER_SNAPSHOTS_ROOTDIR: path.join(data, 'snapshots'),
      CORE_PEER_TLS_ENABLED: 'true',
      CORE_PEER_TLS_CERT_FILE: tls.certPath,
      CORE_PEER_TLS_KEY_FILE: tls.keyPath,
      CORE_PEER_TLS_ROOTCERT_FILE: tlsCaPath(peer.org),
      ...peerTimingEnv(),
      CORE_OPERATIONS_LISTENADDRESS: `127.0.0.1:${peer.opsPort}`,
      // No Docker: an empty endpoint turns off the Docker client and its health check; chaincode runs as a service.
      CORE_VM_ENDPOINT: '',
      CORE_CHAINCODE_EXTERNALBUILDERS: `[{name: ccaas_builder, path: ${builderDir}, propagateEnvironment: [CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG]}]`,
      // Purge revoked report bodies from the private data store at the next block rather than every 100.
      CORE_LEDGER_PVTDATASTORE_PURGEINTERVAL: '1',
      ...(pprofEnabled
        ? { CORE_PEER_PROFILE_ENABLED: 'true', CORE_PEER_PROFILE_LISTENADDRESS: `127.0.0.1:${peer.pprofPort}` }
        : {}),
    },
    ports: [peer.port, peer.chaincodePort, peer.opsPort, ...(pprofEnabled ? [peer.pprofPort] : [])],
  };
}

/**
 * Keepalive and gateway timing from `shared/grpcTiming.ts`, the one place the app's gRPC clients read too: the app's
 * pings must be allowed by `peer.keepalive.minInterval`, and the gateway must give up on a silent orderer
 * (`peer.gateway.broadcastTimeout`) before the app's submit deadline.
 */
export function peerTimingEnv(): Record<string, string> {
  return {
    CORE_PEER_KEEPALIVE_MININTERVAL: fabricDuration(SERVER_MIN_PING_INTERVAL_MS),
    CORE_PEER_KEEPALIVE_INTERVAL: fabricDuration(SERVER_PING_INTERVAL_MS),
    CORE_PEER_KEEPALIVE_TIMEOUT: fabricDuration(SERVER_PING_TIMEOUT_MS),
    CORE_PEER_KEEPALIVE_CLIENT_INTERVAL: fabricDuration(NODE_CLIENT_PING_INTERVAL_MS),
    CORE_PEER_KEEPALIVE_CLIENT_TIMEOUT: fabricDuration(NODE_CLIENT_PING_TIMEOUT_MS),
    CORE_PEER_KEEPALIVE_DELIVERYCLIENT_INTERVAL: fabricDuration(NODE_CLIENT_PING_INTERVAL_MS),
    CORE_PEER_KEEPALIVE_DELIVERYCLIENT_TIMEOUT: fabricDuration(NODE_CLIENT_PING_TIMEOUT_MS),
    CORE_PEER_GATEWAY_BROADCASTTIMEOUT: fabricDuration(GATEWAY_BROADCAST_TIMEOUT_MS),
  };
}

/**
 * The environment the `peer` CLI needs to act as `org`'s admin: for a peer org against its own peer; for the orderer
 * org (signing configuration updates, talking to the orderer only) without a peer address.
 */
export function adminCliEnv(org: OrgKey): Record<string, string> {
  const env: Record<string, string> = {
    FABRIC_CFG_PATH: fabricConfigDir,
    FABRIC_LOGGING_SPEC: peerCliLoggingSpec,
    CORE_PEER_LOCALMSPID: orgs[org].mspId,
    CORE_PEER_MSPCONFIGPATH: adminIdentity(org).mspDir,
    CORE_PEER_TLS_ENABLED: 'true',
  };
  if (org !== 'orderer') {
    env['CORE_PEER_ADDRESS'] = `127.0.0.1:${peers[org].port}`;
    env['CORE_PEER_TLS_ROOTCERT_FILE'] = tlsCaPath(org);
  }
  return env;
}

/** The environment the `peer` CLI needs to act as the org's admin against its own peer. */
export function peerAdminEnv(peer: PeerSpec): Record<string, string> {
  return adminCliEnv(peer.org);
}

export function peerDataDir(peer: PeerSpec): string {
  return nodeDir(peer.name);
}

export const peerBinary = (): string => bin('peer');
