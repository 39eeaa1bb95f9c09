import { X509Certificate } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caCertPath, caUrl } from '../src/ca.ts';
import { bin, repoRoot } from '../src/paths.ts';
import { orgs } from '../src/topology.ts';
import { enrollOnce } from './ca.ts';

function cli(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'fabric-network', 'src', 'cli.ts'), ...args], {
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('network:register', () => {
  it('registers a school admin whose one-time secret enrolls a certificate carrying uid, role and schoolId', () => {
    const uid = `admin-test-${String(Date.now())}`;
    const registered = cli([
      'register',
      '--org',
      'school',
      '--uid',
      uid,
      '--role',
      'school-admin',
      '--school-id',
      'birch-academy',
    ]);
    expect(registered.status, registered.output).toBe(0);
    const enrollmentId = /Enrollment ID:\s+(\S+)/.exec(registered.output)?.[1];
    const secret = /One-time secret:\s+(\S+)/.exec(registered.output)?.[1];
    expect(enrollmentId).toBe(uid);
    if (secret === undefined) throw new Error('no secret printed');

    const home = mkdtempSync(path.join(tmpdir(), 'pediledger-register-'));
    try {
      const enroll = (): ReturnType<typeof spawnSync> =>
        spawnSync(
          bin('fabric-ca-client'),
          [
            'enroll',
            '-u',
            caUrl('school').replace('https://', `https://${uid}:${secret}@`),
            '--caname',
            orgs.school.ca.name,
            '--tls.certfiles',
            caCertPath('school'),
            '--mspdir',
            path.join(home, 'msp'),
          ],
          { encoding: 'utf8', env: { ...process.env, FABRIC_CA_CLIENT_HOME: home } },
        );
      expect(enroll().status).toBe(0);
      const cert = new X509Certificate(readFileSync(path.join(home, 'msp', 'signcerts', 'cert.pem')));
      expect(cert.subject).toContain(`CN=${uid}`);
      // Fabric CA writes the attributes as JSON in its extension; the raw DER contains that JSON verbatim.
      const der = cert.raw.toString('latin1');
      expect(der).toContain(`"uid":"${uid}"`);
      expect(der).toContain('"role":"school-admin"');
      expect(der).toContain('"schoolId":"birch-academy"');
      // Registered by birch-academy's own registration authority, so its certificate names that affiliation.
      expect(der).toContain('"hf.Affiliation":"school.birch-academy"');
      expect(registered.output).toContain('with the registration authority of birch-academy');
      // The secret is one-time: a second enrollment is refused.
      expect(enroll().status).not.toBe(0);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('--renew gives a registered user a new one-time secret for the same enrollment id; the old one is void', async () => {
    const uid = `renew-test-${String(Date.now())}`;
    const register = (extra: string[] = []): { status: number | null; output: string } =>
      cli(['register', '--org', 'parents', '--uid', uid, '--role', 'parent', ...extra]);
    const first = register();
    const firstSecret = /One-time secret:\s+(\S+)/.exec(first.output)?.[1] ?? '';
    const enrolled = await enrollOnce('parents', uid, firstSecret);
    expect(new X509Certificate(enrolled.certificatePem).subject).toContain(`CN=${uid}`);
    // Registering the same id again without --renew is refused by the CA.
    expect(register().status).toBe(1);

    const renewed = register(['--renew']);
    expect(renewed.status, renewed.output).toBe(0);
    expect(renewed.output).toContain(`Registered again ${uid} (parent) with the parents CA.`);
    const secret = /One-time secret:\s+(\S+)/.exec(renewed.output)?.[1] ?? '';
    expect(secret).not.toBe(firstSecret);
    await expect(enrollOnce('parents', uid, firstSecret)).rejects.toThrow('Error Code: 20');
    const again = await enrollOnce('parents', uid, secret);
    expect(new X509Certificate(again.certificatePem).raw.toString('latin1')).toContain(`"uid":"${uid}"`);
    await expect(enrollOnce('parents', uid, secret)).rejects.toThrow('Error Code: 20');
  });

  it('rejects a role that does not belong to the organization, changing nothing', () => {
    const result = cli(['register', '--org', 'parents', '--uid', 'someone', '--role', 'pediatrician']);
    expect(result.status).toBe(1);
    expect(result.output).toContain('usage: --role for parents must be parent');
  });

  it('requires a school id for school admins, without a dot (it names one affiliation level)', () => {
    const result = cli(['register', '--org', 'school', '--uid', 'someone', '--role', 'school-admin']);
    expect(result.status).toBe(1);
    expect(result.output).toContain('needs --school-id');
    const dotted = [
      'register',
      '--org',
      'school',
      '--uid',
      'someone',
      '--role',
      'school-admin',
      '--school-id',
      'oak.x',
    ];
    expect(cli(dotted).output).toContain('needs --school-id (2-63 characters: lowercase letters, digits, "_" or "-")');
  });
});
