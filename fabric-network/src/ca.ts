/** One Fabric CA per organization: it issues enrollment certificates and, with the `tls` profile, TLS certificates. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { caLogLevel } from './logging.ts';
import { bin, nodeDir } from './paths.ts';
import type { NodeProcessSpec } from './processes.ts';
import { orgs, type OrgKey } from './topology.ts';

/** The bootstrap registrar of each local CA. Local development network only. */
export const caBootstrapAdmin = { id: 'ca-admin', secret: 'ca-adminpw' } as const;

export function caNodeName(org: OrgKey): string {
  return `ca.${org}`;
}

export function caHome(org: OrgKey): string {
  return nodeDir(caNodeName(org));
}

/** The CA's self-signed root: the org's MSP root and, since the CA also issues TLS certs, its TLS root too. */
export function caCertPath(org: OrgKey): string {
  return path.join(caHome(org), 'ca-cert.pem');
}

export function caUrl(org: OrgKey): string {
  return `https://127.0.0.1:${orgs[org].ca.port}`;
}

export function caReady(org: OrgKey): boolean {
  return existsSync(caCertPath(org));
}

export function caProcess(org: OrgKey): NodeProcessSpec {
  const spec = orgs[org];
  return {
    name: caNodeName(org),
    command: bin('fabric-ca-server'),
    args: [
      'start',
      '--boot',
      `${caBootstrapAdmin.id}:${caBootstrapAdmin.secret}`,
      '--home',
      caHome(org),
      '--address',
      '127.0.0.1',
      '--port',
      String(spec.ca.port),
      '--ca.name',
      spec.ca.name,
      '--csr.cn',
      `${spec.ca.name}.pediledger.local`,
      '--csr.hosts',
      'localhost,127.0.0.1',
      '--tls.enabled',
      '--operations.listenaddress',
      `127.0.0.1:${spec.ca.opsPort}`,
      '--loglevel',
      caLogLevel,
    ],
    env: {},
    ports: [spec.ca.port, spec.ca.opsPort],
  };
}
