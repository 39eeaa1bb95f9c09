import type { Context } from 'fabric-contract-api';
import type { MspId } from '../shared/endorsement';

/** What an enrollment certificate says about its holder. */
export interface TestIdentity {
  mspId: string;
  attributes: Readonly<Record<string, string>>;
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

/** A ClientIdentity that answers from a TestIdentity instead of parsing a certificate. */
export function clientIdentityOf(identity: TestIdentity): Context['clientIdentity'] {
  const attributes: Readonly<Record<string, string | undefined>> = identity.attributes;
  const stub: Context['clientIdentity'] = {
    getMSPID: (): string => identity.mspId,
    getAttributeValue: (name: string): string | null => attributes[name] ?? null,
    assertAttributeValue: (name: string, value: string): boolean => attributes[name] === value,
    getID: (): string => `x509::CN=${attributes.uid ?? 'anonymous'}::CN=ca.${identity.mspId}`,
    getIDBytes: (): Uint8Array => new Uint8Array(0),
  };
  return stub;
}
