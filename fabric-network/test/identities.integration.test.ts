import 'reflect-metadata';
import { X509Certificate as PeculiarCertificate, X509Crl } from '@peculiar/x509';
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caCertPath, caHome } from '../src/ca.ts';
import { orgRegistrarMsp, schoolRegistrarIdentity } from '../src/identities.ts';
import { dataDir, secretsDir } from '../src/paths.ts';
import { portableProfilePath } from '../src/profiles.ts';
import { revokeAtCa } from '../src/revocation.ts';
import { demoUsers, orgs, peerOrgKeys, peers, type OrgKey } from '../src/topology.ts';
import { CaRefusal, enrollOnce, registerAs, registrationOf } from './ca.ts';

const run = Date.now().toString(36);
const mode = (file: string): number => statSync(file).mode & 0o777;
const orgKeys = Object.keys(orgs) as OrgKey[];

/** Awaits a CA call that must be refused; returns the CA's error line. */
async function refusedByCa(call: Promise<unknown>): Promise<string> {
  const outcome = await call.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(CaRefusal);
  return (outcome as CaRefusal).message;
}

describe('secrets of the identities the network creates', () => {
  it('keeps the CA bootstrap passwords owner-only in the data folder', () => {
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(secretsDir)).toBe(0o700);
    for (const org of orgKeys) {
      const file = path.join(secretsDir, `ca.${org}.bootstrap`);
      expect(mode(file), file).toBe(0o600);
      expect(readFileSync(file, 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{24}$/);
      // The CA's home repeats the password in its config file and holds the CA key.
      expect(mode(caHome(org)), caHome(org)).toBe(0o700);
    }
    const passwords = orgKeys.map((org) => readFileSync(path.join(secretsDir, `ca.${org}.bootstrap`), 'utf8'));
    expect(new Set(passwords).size).toBe(orgKeys.length);
  });

  it('registers demo users, nodes and org admins for one enrollment each', async () => {
    const ids = [
      ...demoUsers.map((user) => ({ org: user.org, id: user.uid })),
      ...peerOrgKeys.flatMap((org) => [
        { org, id: peers[org].name },
        { org, id: `${org}-admin` },
      ]),
    ];
    for (const { org, id } of ids) {
      expect(await registrationOf(org, orgRegistrarMsp(org), id), id).toMatch(/Max Enrollments: 1\b/);
    }
  });

  it('enrolls nobody with a secret derived from a name, the old fixed secrets included', async () => {
    for (const user of demoUsers) {
      for (const guess of [`${user.uid}-pw`, user.uid]) {
        expect(await refusedByCa(enrollOnce(user.org, user.uid, guess))).toContain('Error Code: 20');
      }
    }
    for (const org of peerOrgKeys) {
      expect(await refusedByCa(enrollOnce(org, 'ca-admin', 'ca-adminpw'))).toContain('Error Code: 20');
      expect(await refusedByCa(enrollOnce(org, `${org}-admin`, `${org}-admin-pw`))).toContain('Error Code: 20');
    }
  });

  it('a one-time secret enrolls once: a second enrollment with it fails', async () => {
    const id = `once-${run}`;
    const secret = await registerAs('parents', orgRegistrarMsp('parents'), {
      id,
      attrs: `uid=${id}:ecert,role=parent:ecert`,
    });
    const first = await enrollOnce('parents', id, secret);
    expect(new X509Certificate(first.certificatePem).subject).toContain(`CN=${id}`);
    expect(await refusedByCa(enrollOnce('parents', id, secret))).toContain('Error Code: 20');
  });

  it('hands out portable profiles without any secret or demo user', () => {
    const secrets = orgKeys.map((org) => readFileSync(path.join(secretsDir, `ca.${org}.bootstrap`), 'utf8').trim());
    for (const org of peerOrgKeys) {
      const text = readFileSync(portableProfilePath(org), 'utf8');
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/secret|password|localNetwork|PRIVATE KEY/i);
      expect(Object.keys(JSON.parse(text) as object).sort()).toEqual(
        ['ca', 'channels', 'format', 'gatewayPeers', 'mspId', 'org', 'version'].sort(),
      );
    }
  });
});

describe("a school's registration authority", () => {
  const pine = schoolRegistrarIdentity('pine-elementary').mspDir;

  it("cannot register into another school's affiliation, an admin, or the CA's own attributes", async () => {
    const intoOak = registerAs('school', pine, {
      id: `pine-into-oak-${run}`,
      affiliation: 'school.oak-primary',
      attrs: `uid=pine-into-oak-${run}:ecert,role=school-admin:ecert,schoolId=oak-primary:ecert`,
    });
    expect(await refusedByCa(intoOak)).toContain('Error Code: 71');
    expect(await refusedByCa(registerAs('school', pine, { id: `pine-admin-${run}`, type: 'admin' }))).toContain(
      'Error Code: 71',
    );
    const forgedId = registerAs('school', pine, { id: `pine-forged-${run}`, attrs: 'hf.EnrollmentID=admin-oak:ecert' });
    expect(await refusedByCa(forgedId)).toContain('Error Code: 71');
  });

  it('registers its own school admins, whose certificates name its affiliation', async () => {
    const id = `pine-staff-${run}`;
    const secret = await registerAs('school', pine, {
      id,
      attrs: `uid=${id}:ecert,role=school-admin:ecert,schoolId=pine-elementary:ecert`,
    });
    const enrolled = await enrollOnce('school', id, secret);
    const der = new X509Certificate(enrolled.certificatePem).raw.toString('latin1');
    expect(der).toContain('"hf.Affiliation":"school.pine-elementary"');
    expect(der).toContain(`"hf.EnrollmentID":"${id}"`);
  });
});

describe('revokeAtCa', () => {
  it("revokes every certificate of an identity and returns the CA's CRL listing them", async () => {
    const id = `revoked-${run}`;
    const secret = await registerAs('hospital', orgRegistrarMsp('hospital'), {
      id,
      attrs: `uid=${id}:ecert,role=pediatrician:ecert`,
    });
    const enrolled = await enrollOnce('hospital', id, secret);
    const serial = new X509Certificate(enrolled.certificatePem).serialNumber.toLowerCase();

    const revocation = await revokeAtCa('hospital', id, 'keycompromise');
    expect(revocation).toMatchObject({ org: 'hospital', enrollmentId: id, reason: 'keycompromise' });
    const crl = new X509Crl(revocation.crlPem);
    expect(crl.entries.map((entry) => entry.serialNumber.toLowerCase())).toContain(serial);
    // Signed by the org's CA, as a peer's MSP checks before it honours a CRL.
    expect(await crl.verify({ publicKey: new PeculiarCertificate(readFileSync(caCertPath('hospital'))) })).toBe(true);
  });

  it('refuses an unknown identity or a bad id, revoking nothing', async () => {
    await expect(revokeAtCa('hospital', `nobody-${run}`)).rejects.toThrow(/revoking nobody-/);
    await expect(revokeAtCa('hospital', 'bad id;rm')).rejects.toThrow('the enrollment id is not a valid PediLedger id');
  });
});
