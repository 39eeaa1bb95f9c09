import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelConfig } from './configUpdate.ts';
import { putCrlIntoMsp, revocationListWith, revokedSerialsIn } from './revocation.ts';

/** A fixture CRL (see test/fixtures/crls/README.md): PEM text. */
function crl(name: 'hospital-01' | 'hospital-01-02' | 'rekeyed-01' | 'elsewhere-0a'): string {
  return readFileSync(path.join(import.meta.dirname, '..', 'test', 'fixtures', 'crls', `${name}.pem`), 'utf8');
}

const b64 = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');

describe('revocationListWith', () => {
  it("adds the CA's CRL, keeps other issuers' CRLs and replaces the same issuer's older one", () => {
    const other = b64(crl('elsewhere-0a'));
    const older = b64(crl('hospital-01'));
    const newer = crl('hospital-01-02');
    expect(revocationListWith([], newer)).toEqual([b64(newer)]);
    expect(revocationListWith([other, older], newer)).toEqual([other, b64(newer)]);
  });

  it('changes nothing when a CRL of that issuer lists every serial already (revoking twice)', () => {
    const listed = b64(crl('hospital-01-02'));
    expect(revocationListWith([listed], crl('hospital-01-02'))).toEqual([listed]);
    // A CRL of that CA listing more than the one asked for stays as it is too.
    expect(revocationListWith([listed], crl('hospital-01'))).toEqual([listed]);
  });

  it('tells issuers apart by their authority key identifier too (a CA re-keyed under the same name)', () => {
    const oldKey = b64(crl('hospital-01'));
    const newKey = crl('rekeyed-01');
    expect(revocationListWith([oldKey], newKey)).toEqual([oldKey, b64(newKey)]);
  });
});

function configWithMsp(modPolicy: string): ChannelConfig {
  return {
    channel_group: {
      mod_policy: 'Admins',
      groups: {
        Application: {
          mod_policy: 'Admins',
          groups: {
            HospitalMSP: {
              mod_policy: 'Admins',
              policies: { Admins: { mod_policy: 'Admins', policy: {} } },
              values: { MSP: { mod_policy: modPolicy, value: { config: { name: 'HospitalMSP' } } } },
            },
          },
        },
      },
    },
  };
}

describe('putCrlIntoMsp', () => {
  it("writes the CRL into the org's revocation_list", () => {
    const config = configWithMsp('Admins');
    const pem = crl('hospital-01');
    putCrlIntoMsp(config, 'HospitalMSP', pem);
    const value = config.channel_group.groups?.['Application']?.groups?.['HospitalMSP']?.values?.['MSP']?.value;
    expect(value).toEqual({ config: { name: 'HospitalMSP', revocation_list: [b64(pem)] } });
  });

  it("refuses an MSP governed by anything but the org's own Admins policy, and an unknown org", () => {
    const pem = crl('hospital-01');
    expect(() => {
      putCrlIntoMsp(configWithMsp('/Channel/Application/Admins'), 'HospitalMSP', pem);
    }).toThrow('the MSP of HospitalMSP is governed by "/Channel/Application/Admins"');
    expect(() => {
      putCrlIntoMsp(configWithMsp('Admins'), 'SchoolMSP', pem);
    }).toThrow('the channel configuration has no MSP for SchoolMSP');
  });
});

describe('revokedSerialsIn', () => {
  it('reads the serials fabric-ca-client revoked; none when the identity was revoked before', () => {
    const line =
      '2026/11/30 00:47:10 [INFO] Successfully revoked certificates: [{Serial:00Ab12 AKI:ff01} {Serial:3c AKI:ff01}]';
    expect(revokedSerialsIn(line)).toEqual(['ab12', '3c']);
    expect(revokedSerialsIn('[INFO] Successfully revoked certificates: []')).toEqual([]);
    expect(() => revokedSerialsIn('Error: something else')).toThrow('unexpected answer from fabric-ca-client revoke');
  });
});
