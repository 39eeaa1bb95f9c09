import { describe, expect, it } from 'vitest';
import { DeploymentFileError, hostPlan, parseDeploymentFile } from './hosts.ts';

const good = {
  format: 'pediledger-deployment',
  version: 1,
  hosts: {
    orderer: { name: 'orderer.example.org', address: '10.0.0.10' },
    hospital: { name: 'peer.hospital.example.org', address: '10.0.0.11' },
    parents: { name: 'parents.example.org', address: '10.0.0.12' },
    school: { name: 'school.example.org', address: '10.0.0.13' },
  },
};

describe('host plan', () => {
  it('keeps the local network exactly as before: loopback, localhost', () => {
    const plan = hostPlan(null);
    expect(plan.dialHost('hospital')).toBe('127.0.0.1');
    expect(plan.tlsServerName('school')).toBe('localhost');
    expect(plan.csrHosts('orderer')).toBe('localhost,127.0.0.1');
    expect(plan.publicListenAddress).toBe('127.0.0.1');
  });

  it('dials each org by its host name and names host and address in certificates', () => {
    const plan = hostPlan(parseDeploymentFile(JSON.stringify(good), 'deployment.json'));
    expect(plan.dialHost('hospital')).toBe('peer.hospital.example.org');
    expect(plan.tlsServerName('parents')).toBe('parents.example.org');
    expect(plan.csrHosts('school')).toBe('localhost,127.0.0.1,school.example.org,10.0.0.13');
    expect(plan.publicListenAddress).toBe('0.0.0.0');
  });

  it.each([
    ['not JSON', '{', /is not JSON/],
    ['a missing org', JSON.stringify({ ...good, hosts: { ...good.hosts, school: undefined } }), /hosts\.school/],
    [
      'a bad address',
      JSON.stringify({ ...good, hosts: { ...good.hosts, school: { name: 'school.example.org', address: '10.0.0' } } }),
      /hosts\.school\.address/,
    ],
    [
      'an upper-case or spaced name',
      JSON.stringify({ ...good, hosts: { ...good.hosts, parents: { name: 'Parents Host', address: '10.0.0.12' } } }),
      /hosts\.parents\.name/,
    ],
    [
      'one name for two orgs',
      JSON.stringify({
        ...good,
        hosts: { ...good.hosts, parents: { name: 'school.example.org', address: '10.0.0.12' } },
      }),
      /school\.example\.org is given to two organisations/,
    ],
    ['an unknown field', JSON.stringify({ ...good, extra: 1 }), /DEPLOYMENT_INVALID/],
  ])('refuses %s with a coded one-line error', (_what, text, message) => {
    expect(() => parseDeploymentFile(text, 'deployment.json')).toThrow(DeploymentFileError);
    expect(() => parseDeploymentFile(text, 'deployment.json')).toThrow(message);
    try {
      parseDeploymentFile(text, 'deployment.json');
    } catch (error) {
      expect((error as Error).message).toMatch(/^DEPLOYMENT_INVALID: [^\n]+$/);
    }
  });
});
