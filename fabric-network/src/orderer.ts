/** An etcdraft orderer node: environment overrides on top of Fabric's sampleconfig orderer.yaml. */
import path from 'node:path';
import {
  fabricDuration,
  SERVER_MIN_PING_INTERVAL_MS,
  SERVER_PING_INTERVAL_MS,
  SERVER_PING_TIMEOUT_MS,
} from '../../shared/grpcTiming.ts';
import { hosts } from './hosts.ts';
import { nodeIdentity, tlsCaPath } from './identities.ts';
import { ordererLoggingSpec } from './logging.ts';
import { bin, fabricConfigDir, nodeDir } from './paths.ts';
import type { NodeProcessSpec } from './processes.ts';
import { orderers, pprofEnabled, type OrdererSpec } from './topology.ts';

export function ordererProcess(orderer: OrdererSpec): NodeProcessSpec {
  const identity = nodeIdentity('orderer', orderer.name);
  const tls = identity.tls;
  if (tls === undefined) throw new Error(`${orderer.name} has no TLS identity`);
  const data = nodeDir(orderer.name);
  const tlsRoots = `[${tlsCaPath('orderer')}]`;
  return {
    name: orderer.name,
    command: bin('orderer'),
    args: [],
    env: {
      FABRIC_CFG_PATH: fabricConfigDir,
      FABRIC_LOGGING_SPEC: ordererLoggingSpec,
      ORDERER_GENERAL_LISTENADDRESS: hosts().publicListenAddress,
      ORDERER_GENERAL_LISTENPORT: String(orderer.port),
      ORDERER_GENERAL_LOCALMSPID: 'OrdererMSP',
      ORDERER_GENERAL_LOCALMSPDIR: identity.mspDir,
      ORDERER_GENERAL_BOOTSTRAPMETHOD: 'none',
      ORDERER_GENERAL_TLS_ENABLED: 'true',
      ORDERER_GENERAL_TLS_PRIVATEKEY: tls.keyPath,
      ORDERER_GENERAL_TLS_CERTIFICATE: tls.certPath,
      ORDERER_GENERAL_TLS_ROOTCAS: tlsRoots,
      // Raft traffic shares the main listener; the node presents its TLS cert as the cluster client cert.
      ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE: tls.certPath,
      ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY: tls.keyPath,
      ORDERER_GENERAL_CLUSTER_ROOTCAS: tlsRoots,
      ...ordererTimingEnv(),
      ORDERER_FILELEDGER_LOCATION: path.join(data, 'ledger'),
      ORDERER_CONSENSUS_WALDIR: path.join(data, 'etcdraft', 'wal'),
      ORDERER_CONSENSUS_SNAPDIR: path.join(data, 'etcdraft', 'snapshot'),
      ORDERER_CHANNELPARTICIPATION_ENABLED: 'true',
      // The channel participation API is mutual TLS: only holders of an orderer-org TLS cert may join channels.
      ORDERER_ADMIN_LISTENADDRESS: `127.0.0.1:${orderer.adminPort}`,
      ORDERER_ADMIN_TLS_ENABLED: 'true',
      ORDERER_ADMIN_TLS_PRIVATEKEY: tls.keyPath,
      ORDERER_ADMIN_TLS_CERTIFICATE: tls.certPath,
      ORDERER_ADMIN_TLS_ROOTCAS: tlsRoots,
      ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: 'true',
      ORDERER_ADMIN_TLS_CLIENTROOTCAS: tlsRoots,
      ORDERER_OPERATIONS_LISTENADDRESS: `127.0.0.1:${orderer.opsPort}`,
      ORDERER_METRICS_PROVIDER: 'prometheus',
      ...(pprofEnabled
        ? { ORDERER_GENERAL_PROFILE_ENABLED: 'true', ORDERER_GENERAL_PROFILE_ADDRESS: `127.0.0.1:${orderer.pprofPort}` }
        : {}),
    },
    ports: [orderer.port, orderer.adminPort, orderer.opsPort, ...(pprofEnabled ? [orderer.pprofPort] : [])],
  };
}

/** `General.Keepalive` from `shared/grpcTiming.ts`, the values the app's and the peers' client pings respect. */
export function ordererTimingEnv(): Record<string, string> {
  return {
    ORDERER_GENERAL_KEEPALIVE_SERVERMININTERVAL: fabricDuration(SERVER_MIN_PING_INTERVAL_MS),
    ORDERER_GENERAL_KEEPALIVE_SERVERINTERVAL: fabricDuration(SERVER_PING_INTERVAL_MS),
    ORDERER_GENERAL_KEEPALIVE_SERVERTIMEOUT: fabricDuration(SERVER_PING_TIMEOUT_MS),
  };
}

/** The `peer` CLI's arguments for reaching the first orderer over TLS (lifecycle, channel fetch and update). */
export function ordererClientArgs(): string[] {
  const first = orderers[0];
  if (first === undefined) throw new Error('no orderer defined');
  return ['-o', `${hosts().dialHost('orderer')}:${first.port}`, '--tls', '--cafile', tlsCaPath('orderer')];
}
