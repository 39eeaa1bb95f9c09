import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configtxTemplate, renderConfigtx } from './channels.ts';
import { activeOrderers } from './network.ts';
import { OrgStepError, parseDefinition } from './org.ts';
import { peers } from './topology.ts';

const cert = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
const definition = {
  format: 'pediledger-org-definition',
  version: 1,
  org: 'parents',
  mspId: 'ParentsMSP',
  host: { name: 'parents.example.org', address: '10.0.0.12' },
  caCertPem: cert,
  tlsCaCertPem: cert,
  ca: { url: 'https://parents.example.org:9054', caName: 'ca-parents' },
  anchorPeers: [{ host: 'parents.example.org', port: 8051 }],
  orderers: [],
};

describe('org definitions', () => {
  it('takes a well-formed public definition', () => {
    expect(parseDefinition(JSON.stringify(definition), 'parents.json').mspId).toBe('ParentsMSP');
  });

  it('refuses a definition that carries private key material, however it got in', () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    const leaked = { ...definition, ca: { ...definition.ca, caName: String(key) } };
    expect(() => parseDefinition(JSON.stringify(leaked), 'parents.json')).toThrow(/private key material/);
  });

  it.each([
    ['the wrong MSP id', { ...definition, mspId: 'HospitalMSP' }, /ParentsMSP/],
    ['an unknown org', { ...definition, org: 'pharmacy' }, /DEFINITION_INVALID: parents.json: org/],
    ['a non-certificate root', { ...definition, tlsCaCertPem: 'hello' }, /tlsCaCertPem/],
    ['an unknown field', { ...definition, privateKey: 'x' }, /DEFINITION_INVALID/],
  ])('refuses %s with a coded error', (_what, value, message) => {
    expect(() => parseDefinition(JSON.stringify(value), 'parents.json')).toThrow(OrgStepError);
    expect(() => parseDefinition(JSON.stringify(value), 'parents.json')).toThrow(message);
  });
});

describe('channel configuration hosts', () => {
  const saved = process.env['PEDILEDGER_DEPLOYMENT'];
  afterEach(() => {
    if (saved === undefined) delete process.env['PEDILEDGER_DEPLOYMENT'];
    else process.env['PEDILEDGER_DEPLOYMENT'] = saved;
  });

  it('renders loopback for the local network, as before', () => {
    delete process.env['PEDILEDGER_DEPLOYMENT'];
    const rendered = renderConfigtx(activeOrderers(1), configtxTemplate);
    expect(rendered).not.toMatch(/\{\{[A-Z_]+\}\}/);
    expect(rendered).toContain(`- { Host: 127.0.0.1, Port: ${String(peers.hospital.port)} }`);
    expect(rendered).toMatch(/OrdererEndpoints:\n {6}- 127\.0\.0\.1:\d+\n/);
    expect(rendered).toMatch(/Consenters:\n {6}- \{ Host: 127\.0\.0\.1, Port: \d+,/);
  });

  it('renders host names for anchor peers, orderer endpoints and consenters in a deployment', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pediledger-hosts-'));
    const file = path.join(dir, 'deployment.json');
    const host = (name: string, n: number): { name: string; address: string } => ({
      name: `${name}.example.org`,
      address: `10.0.0.${String(n)}`,
    });
    writeFileSync(
      file,
      JSON.stringify({
        format: 'pediledger-deployment',
        version: 1,
        hosts: {
          orderer: host('orderer', 10),
          hospital: host('hospital', 11),
          parents: host('parents', 12),
          school: host('school', 13),
        },
      }),
    );
    process.env['PEDILEDGER_DEPLOYMENT'] = file;
    const rendered = renderConfigtx(activeOrderers(3), configtxTemplate);
    expect(rendered).toContain(`- { Host: school.example.org, Port: ${String(peers.school.port)} }`);
    expect(rendered).toMatch(/OrdererEndpoints:\n( {6}- orderer\.example\.org:\d+\n){3}/);
    expect(rendered.match(/\{ Host: orderer\.example\.org, Port: \d+, ClientTLSCert/g)).toHaveLength(3);
    expect(rendered).not.toContain('127.0.0.1');
  });
});
