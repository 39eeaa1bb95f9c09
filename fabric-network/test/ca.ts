/**
 * Test helpers for the real Fabric CAs: register as a given registrar, enroll into a throwaway folder, look up a
 * registration, and sign a certificate with an org's CA key (to make one that expired a minute ago). Folders that
 * held a key are removed before a helper returns, so the suite's key scan finds nothing left behind.
 */
import 'reflect-metadata';
import { X509Certificate as PeculiarCertificate, X509CertificateGenerator } from '@peculiar/x509';
import { createPrivateKey, randomBytes, X509Certificate, webcrypto } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { caCertPath, caHome, caUrl } from '../src/ca.ts';
import { caClient } from '../src/identities.ts';
import { CommandError } from '../src/run.ts';
import type { PemIdentity } from './fabric.ts';
import { orgs, type PeerOrgKey } from '../src/topology.ts';

/** What a registrar asks the CA for. */
export interface TestRegistration {
  id: string;
  /** `--id.attrs`, e.g. `uid=x:ecert,role=parent:ecert`. */
  attrs?: string;
  affiliation?: string;
  type?: string;
}

/** The CA's answer when it refuses: the last line fabric-ca-client printed (e.g. "Error Code: 71 - …"). */
export class CaRefusal extends Error {}

async function caCall(org: PeerOrgKey, args: string[], env: Record<string, string> = {}): Promise<string> {
  try {
    return await caClient(org, args, `test: fabric-ca-client ${args[0] ?? ''}`, env);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    const refusal = error.output.split('\n').find((line) => line.startsWith('Error:')) ?? error.message;
    throw new CaRefusal(refusal);
  }
}

/** Registers `registration` as the registrar whose MSP folder is `registrarMsp`; returns its fresh secret. */
export async function registerAs(
  org: PeerOrgKey,
  registrarMsp: string,
  registration: TestRegistration,
): Promise<string> {
  const secret = randomBytes(18).toString('base64url');
  const args = ['register', '--mspdir', registrarMsp, '--id.name', registration.id];
  args.push('--id.type', registration.type ?? 'client', '--id.maxenrollments', '1');
  if (registration.attrs !== undefined) args.push('--id.attrs', registration.attrs);
  if (registration.affiliation !== undefined) args.push('--id.affiliation', registration.affiliation);
  await caCall(org, args, { FABRIC_CA_CLIENT_ID_SECRET: secret });
  return secret;
}

/**
 * Enrolls `id` with `secret` into a throwaway folder and returns the credentials (the folder is deleted).
 * @throws CaRefusal when the CA refuses (code 20: authentication failure, e.g. a used or wrong secret).
 */
export async function enrollOnce(org: PeerOrgKey, id: string, secret: string): Promise<PemIdentity> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pediledger-ca-test-'));
  try {
    const mspDir = path.join(dir, 'msp');
    const url = caUrl(org).replace('https://', `https://${encodeURIComponent(id)}:${encodeURIComponent(secret)}@`);
    await caCall(org, ['enroll', '--mspdir', mspDir], { FABRIC_CA_CLIENT_URL: url, FABRIC_CA_CLIENT_HOME: dir });
    const keystore = path.join(mspDir, 'keystore');
    const keyFile = readdirSync(keystore)[0];
    if (keyFile === undefined) throw new Error('fabric-ca-client stored no key');
    return {
      mspId: orgs[org].mspId,
      certificatePem: readFileSync(path.join(mspDir, 'signcerts', 'cert.pem'), 'utf8'),
      keyPem: readFileSync(path.join(keystore, keyFile), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Adds or replaces attributes of a registration, as an administrator fixing it would (`identity modify`). */
export async function modifyAttributes(
  org: PeerOrgKey,
  registrarMsp: string,
  id: string,
  attrs: string,
): Promise<void> {
  await caCall(org, ['identity', 'modify', id, '--attrs', attrs, '--mspdir', registrarMsp]);
}

/** The CA's registration record of `id`, as `fabric-ca-client identity list --id` prints it. */
export async function registrationOf(org: PeerOrgKey, registrarMsp: string, id: string): Promise<string> {
  return caCall(org, ['identity', 'list', '--id', id, '--mspdir', registrarMsp]);
}

/**
 * The org CA's signing key. Its `msp/keystore` also holds the CA's TLS key (`<ski>_sk` too) and, once the CA has
 * served an idemix request, idemix keys in another format: pick the `_sk` file that matches the CA certificate.
 */
async function caSigningKey(org: PeerOrgKey): Promise<webcrypto.CryptoKey> {
  const caCert = new X509Certificate(readFileSync(caCertPath(org)));
  const keystore = path.join(caHome(org), 'msp', 'keystore');
  for (const file of readdirSync(keystore).filter((name) => name.endsWith('_sk'))) {
    const key = createPrivateKey(readFileSync(path.join(keystore, file)));
    if (caCert.checkPrivateKey(key)) {
      const der = key.export({ format: 'der', type: 'pkcs8' });
      return webcrypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    }
  }
  throw new Error(`no key in ${keystore} matches the CA certificate`);
}

/**
 * A copy of `certificatePem` signed by the org's own CA key, with the same subject, public key and extensions
 * (attributes included), valid until `notAfter`: what the CA would have issued, had it issued it with that expiry.
 */
export async function reissueWithExpiry(org: PeerOrgKey, certificatePem: string, notAfter: Date): Promise<string> {
  const original = new PeculiarCertificate(certificatePem);
  const issuer = new PeculiarCertificate(readFileSync(caCertPath(org), 'utf8'));
  const algorithm = { name: 'ECDSA', hash: 'SHA-256' } as const;
  const copy = await X509CertificateGenerator.create({
    serialNumber: randomBytes(16)
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    subject: original.subjectName,
    issuer: issuer.subjectName,
    notBefore: original.notBefore,
    notAfter,
    publicKey: original.publicKey,
    signingKey: await caSigningKey(org),
    signingAlgorithm: algorithm,
    extensions: original.extensions,
  });
  return copy.toString('pem');
}
