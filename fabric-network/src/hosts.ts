/**
 * Where each organisation's nodes run: one host per organisation, with a DNS name and an address. The local network
 * (the default for `npm start` and `npm test`) puts every organisation on 127.0.0.1 and behaves exactly as before;
 * a deployment file (`PEDILEDGER_DEPLOYMENT`, or `deployment.json` in the data folder, which `network:org init
 * --hosts <file>` copies there) names the hosts of a network whose organisations run on separate machines.
 *
 * What changes with a deployment file: TLS and CA certificates also carry the host's name and address (as well as
 * `localhost`/`127.0.0.1`, for the org admin's own tools on that host); peers, orderers and CAs listen on every
 * interface; gossip, anchor peers, orderer endpoints, Raft consenters, connection profiles and the lifecycle commit's
 * endorsers are dialled by host name. Operations, admin (osnadmin) and chaincode listeners stay on loopback: only the
 * organisation's own administrator, on its own host, uses them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { dataDir } from './paths.ts';
import type { OrgKey } from './topology.ts';

/** A DNS host name (RFC 1123 labels), as it appears in certificates and endpoints. */
const hostName = z
  .string()
  .max(253)
  .regex(
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/,
    'a lowercase DNS name such as hospital.example.org',
  );

/** One organisation's host: the name the others dial and the address certificates also name. */
export const HostSpec = z.strictObject({ name: hostName, address: z.ipv4() });
export type HostSpec = z.infer<typeof HostSpec>;

/** `deployment.json`: every organisation's host. Public information: names and addresses only. */
export const DeploymentFile = z.strictObject({
  format: z.literal('pediledger-deployment'),
  version: z.literal(1),
  hosts: z.strictObject({ orderer: HostSpec, hospital: HostSpec, parents: HostSpec, school: HostSpec }),
});
export type DeploymentFile = z.infer<typeof DeploymentFile>;

/** The hosts of a network, or `null` for the local single-machine network. */
export interface Deployment {
  readonly file: string;
  readonly hosts: Readonly<Record<OrgKey, HostSpec>>;
}

export class DeploymentFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeploymentFileError';
  }
}

/** Parses and checks a deployment file; a bad file is refused with the field and the reason, in one line. */
export function parseDeploymentFile(text: string, file: string): Deployment {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DeploymentFileError(`DEPLOYMENT_INVALID: ${file} is not JSON (${(error as Error).message})`);
  }
  const parsed = DeploymentFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : issue.path.join('.');
    throw new DeploymentFileError(`DEPLOYMENT_INVALID: ${file}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  const names = Object.values(parsed.data.hosts).map((h) => h.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) {
    throw new DeploymentFileError(`DEPLOYMENT_INVALID: ${file}: host name ${duplicate} is given to two organisations`);
  }
  return { file, hosts: parsed.data.hosts };
}

/** The deployment file in use: `PEDILEDGER_DEPLOYMENT`, else `<data folder>/deployment.json`, else none. */
export function deploymentFilePath(dataDir: string): string | null {
  const fromEnv = process.env['PEDILEDGER_DEPLOYMENT'];
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  const inData = path.join(dataDir, 'deployment.json');
  return existsSync(inData) ? inData : null;
}

let cached: { file: string | null; deployment: Deployment | null } | undefined;

/** The network's deployment, read once per process (`null`: the local network). */
export function currentDeployment(dataDir: string): Deployment | null {
  const file = deploymentFilePath(dataDir);
  if (cached?.file === file) return cached.deployment;
  const deployment = file === null ? null : parseDeploymentFile(readFileSync(file, 'utf8'), file);
  cached = { file, deployment };
  return deployment;
}

/** Host naming of one network, derived from its deployment (pure, so both modes are unit-tested). */
export interface HostPlan {
  /** What the others dial to reach `org`'s nodes: `127.0.0.1` locally, the host name in a deployment. */
  dialHost(org: OrgKey): string;
  /** The TLS server name clients expect (gRPC `ssl_target_name_override`): `localhost` locally, else the host name. */
  tlsServerName(org: OrgKey): string;
  /** The Subject Alternative Names of TLS and CA certificates (fabric-ca `--csr.hosts`). */
  csrHosts(org: OrgKey): string;
  /** Where peers, orderers and CAs listen for others: loopback locally, every interface in a deployment. */
  publicListenAddress: string;
}

export function hostPlan(deployment: Deployment | null): HostPlan {
  if (deployment === null) {
    return {
      dialHost: () => '127.0.0.1',
      tlsServerName: () => 'localhost',
      csrHosts: () => 'localhost,127.0.0.1',
      publicListenAddress: '127.0.0.1',
    };
  }
  const { hosts } = deployment;
  return {
    dialHost: (org) => hosts[org].name,
    tlsServerName: (org) => hosts[org].name,
    // Loopback stays in: the org admin's CLI on the host itself reaches its own peer and CA there.
    csrHosts: (org) => `localhost,127.0.0.1,${hosts[org].name},${hosts[org].address}`,
    publicListenAddress: '0.0.0.0',
  };
}

/** This network's host plan (from {@link currentDeployment} of the data folder in use). */
export function hosts(): HostPlan {
  return hostPlan(currentDeployment(dataDir));
}
