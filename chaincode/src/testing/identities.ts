// Test identities as real X.509 certificates, shaped the way the network's Fabric CAs issue them: subject CN = the
// enrollment id, OU = client, and the attribute extension carrying `uid`, `role`, `schoolId` plus the `hf.EnrollmentID`,
// `hf.Type` and `hf.Affiliation` Fabric CA always adds. The harness hands them to fabric-shim's own ClientIdentity,
// so the chaincode reads attributes and validity exactly as it does on a peer.
import 'reflect-metadata';
import { Extension, X509CertificateGenerator } from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { type MspId, schoolAffiliation } from '@pediledger/domain';

/** What an enrollment certificate says about its holder. */
export interface TestIdentity {
  mspId: string;
  /** Attributes a registrar registered (`uid`, `role`, `schoolId`); the CA's own `hf.*` attributes are added. */
  attributes: Readonly<Record<string, string>>;
  /** The CA enrollment id (subject CN and `hf.EnrollmentID`); default the `uid` attribute, as the network registers. */
  enrollmentId?: string;
  /** `hf.Affiliation`; default `school.<schoolId>` when there is a schoolId (the school's own registrar), else root. */
  affiliation?: string;
  /** Certificate validity; default 2024-01-01 to 2030-01-01, around the harness's clock. */
  notBefore?: Date;
  notAfter?: Date;
}

/** The demo users of the local network (see the network's registration), by uid. */
export const DEMO_USERS = {
  'ped-alice': { mspId: 'HospitalMSP', attributes: { uid: 'ped-alice', role: 'pediatrician' } },
  'ped-bruno': { mspId: 'HospitalMSP', attributes: { uid: 'ped-bruno', role: 'pediatrician' } },
  'parent-carla': { mspId: 'ParentsMSP', attributes: { uid: 'parent-carla', role: 'parent' } },
  'parent-diego': { mspId: 'ParentsMSP', attributes: { uid: 'parent-diego', role: 'parent' } },
  'parent-emma': { mspId: 'ParentsMSP', attributes: { uid: 'parent-emma', role: 'parent' } },
  'admin-oak': { mspId: 'SchoolMSP', attributes: { uid: 'admin-oak', role: 'school-admin', schoolId: 'oak-primary' } },
  'admin-pine': {
    mspId: 'SchoolMSP',
    attributes: { uid: 'admin-pine', role: 'school-admin', schoolId: 'pine-elementary' },
  },
} as const satisfies Record<string, TestIdentity & { mspId: MspId }>;

export type DemoUid = keyof typeof DEMO_USERS;

const FABRIC_ATTRS_OID = '1.2.3.4.5.6.7.8.1';
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** One signing key for every test certificate: the chaincode never verifies signatures, the peer's MSP does. */
const issuerKeys = webcrypto.subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
const certificates = new Map<string, Promise<string>>();
let serial = 0;

/** The attributes Fabric CA would write into the identity's certificate. */
export function certificateAttributes(identity: TestIdentity): Record<string, string> {
  const enrollmentId = identity.enrollmentId ?? identity.attributes['uid'] ?? 'anonymous';
  const schoolId = identity.attributes['schoolId'];
  return {
    ...identity.attributes,
    'hf.EnrollmentID': enrollmentId,
    'hf.Type': 'client',
    'hf.Affiliation': identity.affiliation ?? (schoolId === undefined ? '' : schoolAffiliation(schoolId)),
  };
}

async function issue(identity: TestIdentity): Promise<string> {
  const keys = await issuerKeys;
  serial += 1;
  const attrs = certificateAttributes(identity);
  const certificate = await X509CertificateGenerator.create({
    serialNumber: serial.toString(16).padStart(2, '0'),
    subject: [{ OU: ['client'] }, { CN: [attrs['hf.EnrollmentID'] ?? 'anonymous'] }],
    issuer: [{ CN: [`ca.${identity.mspId}`] }],
    notBefore: identity.notBefore ?? new Date('2024-01-01T00:00:00Z'),
    notAfter: identity.notAfter ?? new Date('2030-01-01T00:00:00Z'),
    publicKey: keys.publicKey,
    signingKey: keys.privateKey,
    signingAlgorithm: ALGORITHM,
    extensions: [new Extension(FABRIC_ATTRS_OID, false, Buffer.from(JSON.stringify({ attrs })))],
  });
  return certificate.toString('pem');
}

/** The PEM certificate of `identity` (issued once per distinct identity and cached). */
export function certificateOf(identity: TestIdentity): Promise<string> {
  const key = JSON.stringify([identity, identity.notBefore?.toISOString(), identity.notAfter?.toISOString()]);
  let pem = certificates.get(key);
  if (pem === undefined) {
    pem = issue(identity);
    certificates.set(key, pem);
  }
  return pem;
}
