/** One Fabric CA per organization: it issues enrollment certificates and, with the `tls` profile, TLS certificates. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { hosts } from './hosts.ts';
import { caLogLevel } from './logging.ts';
import { bin, nodeDir } from './paths.ts';
import type { NodeProcessSpec } from './processes.ts';
import { ensureOwnerOnlyDir, keptSecret } from './secrets.ts';
import { orgs, type OrgKey } from './topology.ts';

/**
 * The bootstrap registrar of an org's CA: enrollment id `ca-admin` and a random password, created with the network
 * and kept in `secrets/ca.<org>.bootstrap` (mode 0600, folder 0700). Like every identity here it enrolls once.
 */
export function caBootstrapAdmin(org: OrgKey): { id: string; secret: string } {
  return { id: 'ca-admin', secret: keptSecret(`ca.${org}.bootstrap`) };
}

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

/** The CA as the org's own tools reach it, on its host. */
export function caUrl(org: OrgKey): string {
  return `https://127.0.0.1:${orgs[org].ca.port}`;
}

/** The CA as users' computers reach it (connection profiles): by host name in a deployment. */
export function caPublicUrl(org: OrgKey): string {
  return `https://${hosts().dialHost(org)}:${orgs[org].ca.port}`;
}

export function caReady(org: OrgKey): boolean {
  return existsSync(caCertPath(org));
}

/**
 * The CA server. Its home holds the CA's key and a config file that repeats the bootstrap password, so it is made
 * owner-only (0700) before the first start; the password reaches the server through its environment, which other
 * users cannot read, never through its command line. `--registry.maxenrollments 1`: a secret enrolls once unless a
 * registration says otherwise (the file Fabric CA writes says -1; the flag wins on every start). Identities may be
 * removed (`cfg.identities.allowremove`), so an administrator can give a user a new one-time secret.
 */
export function caProcess(org: OrgKey): NodeProcessSpec {
  const spec = orgs[org];
  ensureOwnerOnlyDir(caHome(org));
  const bootstrap = caBootstrapAdmin(org);
  return {
    name: caNodeName(org),
    command: bin('fabric-ca-server'),
    args: [
      'start',
      '--registry.maxenrollments',
      '1',
      '--home',
      caHome(org),
      '--address',
      hosts().publicListenAddress,
      '--port',
      String(spec.ca.port),
      '--ca.name',
      spec.ca.name,
      '--csr.cn',
      `${spec.ca.name}.pediledger.local`,
      '--csr.hosts',
      hosts().csrHosts(org),
      '--tls.enabled',
      '--operations.listenaddress',
      `127.0.0.1:${spec.ca.opsPort}`,
      '--loglevel',
      caLogLevel,
    ],
    env: {
      FABRIC_CA_SERVER_BOOT: `${bootstrap.id}:${bootstrap.secret}`,
      // `network:register --renew` replaces a user's registration (a new one-time secret for the same enrollment id):
      // removal revokes the identity's certificates at the CA and is open only to registrars that may act on it.
      FABRIC_CA_SERVER_CFG_IDENTITIES_ALLOWREMOVE: 'true',
    },
    ports: [spec.ca.port, spec.ca.opsPort],
  };
}
