// Records the component and store tests share: one stored identity and one directory entry, each with overrides, so a
// test states only what matters to it.
import type { Identity } from '../stores/session.ts';

/** When fixtures were last changed on the ledger. */
export const fixtureTime = '2026-01-02T10:00:00.000Z';

/** A stored identity: Dr Alice, a pediatrician of the Hospital, unless overridden. */
export function testIdentity(overrides: Partial<Identity> = {}): Identity {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    label: 'Dr Alice',
    org: 'hospital',
    mspId: 'HospitalMSP',
    enrollmentId: 'ped-alice',
    uid: 'ped-alice',
    role: 'pediatrician',
    schoolId: null,
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
    fingerprint256: 'AA:BB',
    addedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A directory entry as `directory:list` answers it (a pediatrician or a school). */
export function directoryEntry(
  kind: 'pediatrician' | 'school',
  id: string,
  displayName: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    kind,
    id,
    displayName,
    org: kind === 'pediatrician' ? 'hospital' : 'school',
    updatedAt: fixtureTime,
    updatedBy: kind === 'pediatrician' ? id : 'admin-oak',
    ...overrides,
  };
}
