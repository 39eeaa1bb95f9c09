// The Kubernetes manifests of docs/deployment/k8s and the guide agree with the network definition: one file per
// organisation, MSP ids, peer and chaincode ports, the Raft cluster, one-time secrets at the CA, the policies.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { collectionsConfig, defaultDeployment } from './chaincode.ts';
import { configtxTemplate } from './channels.ts';
import { chaincodeDir, repoRoot } from './paths.ts';
import { channels, orderers, orgs, peerOrgKeys, peers, portOffset, type OrgKey } from './topology.ts';

const k8sDir = path.join(repoRoot, 'docs', 'deployment', 'k8s');
const guide = readFileSync(path.join(repoRoot, 'docs', 'deployment.md'), 'utf8');

interface Resource {
  kind: string;
  metadata: { name: string };
  spec: Record<string, unknown>;
}

function resources(org: OrgKey): Resource[] {
  const docs = parseAllDocuments(readFileSync(path.join(k8sDir, `${org}.yaml`), 'utf8'));
  for (const doc of docs) expect(doc.errors).toEqual([]);
  return docs.map((doc) => doc.toJS() as Resource | null).filter((r): r is Resource => r !== null);
}

function one(list: Resource[], kind: string): Resource {
  const found = list.filter((r) => r.kind === kind);
  expect(found).toHaveLength(1);
  return found[0] as Resource;
}

/** The documented ports are the plan's, without a developer's port offset. */
const planPort = (port: number): number => port - portOffset;

describe('Kubernetes manifests (docs/deployment/k8s)', () => {
  it.each(Object.keys(orgs) as OrgKey[])('%s: its CA enrolls each secret once', (org) => {
    const ca = one(resources(org), 'IBPCA');
    expect(ca.spec['configoverride']).toMatchObject({ ca: { registry: { maxenrollments: 1 } } });
  });

  it.each(peerOrgKeys)('%s: its peer, MSP id and one chaincode server per channel it belongs to', (org) => {
    const list = resources(org);
    const peer = one(list, 'IBPPeer');
    expect(peer.spec['mspID']).toBe(orgs[org].mspId);
    expect(String(peer.spec['peerExternalEndpoint'])).toMatch(new RegExp(`:${String(planPort(peers[org].port))}$`));

    const member = Object.values(channels).filter((channel) => channel.members.includes(org));
    const services = list.filter((r) => r.kind === 'Service');
    expect(services.map((s) => s.metadata.name).sort()).toEqual(
      member.map((channel) => `${org}-ccaas-${channel.chaincode.name}`).sort(),
    );
    for (const channel of member) {
      const name = `${org}-ccaas-${channel.chaincode.name}`;
      const port = planPort(channel.chaincode.port);
      const service = services.find((s) => s.metadata.name === name);
      expect(service?.spec['ports']).toEqual([{ name: 'chaincode', port, targetPort: port }]);
      const deployment = list.find((r) => r.kind === 'Deployment' && r.metadata.name === name);
      const args = (deployment?.spec as { template: { spec: { containers: { args: string[] }[] } } }).template.spec
        .containers[0]?.args;
      expect(args).toContain(`0.0.0.0:${String(port)}`);
      const modulePath = args?.[args.indexOf('--module-path') + 1] ?? '';
      expect(path.join(repoRoot, modulePath)).toBe(defaultDeployment(channel).modulePath);
      expect(existsSync(path.join(chaincodeDir, 'deploy', channel.chaincode.name, 'package.json'))).toBe(true);
    }
  });

  it('orderer: a channel-less etcdraft cluster of the plan size, each node enrolled', () => {
    const orderer = one(resources('orderer'), 'IBPOrderer');
    expect(orderer.spec).toMatchObject({
      mspID: orgs.orderer.mspId,
      ordererType: 'etcdraft',
      useChannelLess: true,
      clusterSize: orderers.length,
    });
    expect(orderer.spec['clustersecret']).toHaveLength(orderers.length);
  });
});

describe('the deployment guide (docs/deployment.md)', () => {
  const configtx = readFileSync(configtxTemplate, 'utf8');

  it('states the chaincode definitions as the network commits them', () => {
    const policy = channels.medical.chaincode.signaturePolicy;
    expect(policy).not.toBeNull();
    expect(guide).toContain(`\`${String(policy)}\``);
    const collections = JSON.parse(readFileSync(collectionsConfig(channels.report) ?? '', 'utf8')) as {
      name: string;
      policy: string;
      endorsementPolicy: { signaturePolicy: string };
    }[];
    for (const collection of collections) {
      expect(guide).toContain(`\`${collection.name}\``);
      expect(guide).toContain(collection.policy);
      expect(guide).toContain(collection.endorsementPolicy.signaturePolicy);
    }
  });

  it('states the lifecycle and endorsement policies of config/configtx.yaml', () => {
    for (const name of ['LifecycleEndorsement', 'Endorsement']) {
      const rule = new RegExp(`^ {4}${name}: \\{ Type: ImplicitMeta, Rule: "([A-Z]+ [A-Za-z]+)" \\}`, 'm').exec(
        configtx,
      )?.[1];
      expect(rule).toBeDefined();
      if (name === 'LifecycleEndorsement') expect(guide).toContain(`${name}: ${String(rule)}`);
    }
    expect(guide).toMatch(/`Endorsement` policy\s+\(`MAJORITY Endorsement`\)/);
    const admins =
      /^Application: &ApplicationDefaults[\s\S]*?Admins: \{ Type: ImplicitMeta, Rule: "([A-Z]+ Admins)" \}/m.exec(
        configtx,
      )?.[1];
    expect(guide).toContain(`\`${String(admins)}\``);
  });
});
