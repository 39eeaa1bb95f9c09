import { describe, expect, it } from 'vitest';
import { ConnectionProfile } from './connectionProfile.ts';

const valid = {
  org: 'hospital',
  mspId: 'HospitalMSP',
  channels: ['medical', 'report'],
  gatewayPeers: [{ endpoint: '127.0.0.1:7051', hostAlias: 'localhost', tlsCaCertPath: '/x/tlsca.pem' }],
  ca: { url: 'https://127.0.0.1:8054', caName: 'ca-hospital', tlsCaCertPath: '/x/ca-cert.pem' },
};

describe('ConnectionProfile', () => {
  it('accepts the profile the network scripts write', () => {
    expect(ConnectionProfile.parse(valid)).toEqual(valid);
  });

  it.each([
    ['an unknown org', { ...valid, org: 'pharmacy' }],
    ['a plain-http CA', { ...valid, ca: { ...valid.ca, url: 'http://127.0.0.1:8054' } }],
    ['no gateway peer', { ...valid, gatewayPeers: [] }],
    ['a peer endpoint without port', { ...valid, gatewayPeers: [{ ...valid.gatewayPeers[0], endpoint: 'localhost' }] }],
    ['a port out of range', { ...valid, gatewayPeers: [{ ...valid.gatewayPeers[0], endpoint: 'localhost:70000' }] }],
    ['an empty CA name', { ...valid, ca: { ...valid.ca, caName: '' } }],
  ])('rejects %s', (_name, profile) => {
    expect(ConnectionProfile.safeParse(profile).success).toBe(false);
  });
});
