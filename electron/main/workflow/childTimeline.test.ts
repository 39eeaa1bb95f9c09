import { describe, expect, it, vi } from 'vitest';
import { childTimeline, type ChildTimelineSources } from './childTimeline.ts';
import { agreement, allergy, approvedReport, TX } from '../../../domain/src/testing/timeline.ts';
import type { AdmissionRequest, Child, MedicalCard, ReadReceipt, ReportRequest } from './schemas.ts';

const child: Child = {
  childId: 'child-a',
  givenName: 'Lia',
  familyName: 'Rossi',
  birthDate: '2019-05-04',
  sex: 'female',
  guardianUids: ['parent-carla'],
  createdBy: 'parent-carla',
  createdAt: '2025-03-01T09:00:00.000Z',
  changes: [{ status: 'registered', by: 'parent-carla', at: '2025-03-01T09:00:00.000Z', txId: TX(1) }],
};
const card: MedicalCard = {
  childId: 'child-a',
  format: 2,
  created: { by: 'ped-alice', at: '2025-03-01T10:00:00.000Z', txId: TX(2) },
  version: 2,
  txId: TX(3),
  updatedBy: 'ped-alice',
  updatedAt: '2025-03-02T10:00:00.000Z',
  counts: { allergies: 1, conditions: 0, immunizations: 0, measurements: 0, visitNotes: 0 },
  allergies: [{ ...allergy, recordedAt: '2025-03-02T10:00:00.000Z' }],
  conditions: [],
  immunizations: [],
  measurements: [],
  visitNotes: [],
};
const admission: AdmissionRequest = {
  requestId: 'adm-1',
  childId: 'child-a',
  childGivenName: 'Lia',
  childFamilyName: 'Rossi',
  childBirthDate: '2019-05-04',
  schoolId: 'oak-primary',
  guardianUids: ['parent-carla'],
  status: 'submitted',
  changes: [{ status: 'submitted', by: 'parent-carla', at: '2025-03-03T09:00:00.000Z', txId: TX(4) }],
};
const otherChildsAdmission: AdmissionRequest = { ...admission, requestId: 'adm-9', childId: 'child-b' };
const reportRequest: ReportRequest = {
  reportRequestId: 'rr-1',
  admissionRequestId: 'adm-1',
  childId: 'child-a',
  schoolId: 'oak-primary',
  pediatricianUid: 'ped-alice',
  status: 'fulfilled',
  reportId: 'rep-1',
  changes: [
    { status: 'requested', by: 'admin-oak', at: '2025-03-03T10:00:00.000Z', txId: TX(5) },
    { status: 'fulfilled', by: 'ped-alice', at: '2025-03-04T10:00:00.000Z', txId: TX(6) },
  ],
};
const report = approvedReport([
  { status: 'ready', by: 'ped-alice', at: '2025-03-04T10:00:00.000Z', txId: TX(6) },
  { status: 'approved', by: 'parent-carla', at: '2025-03-05T09:00:00.000Z', txId: TX(7), schoolId: 'oak-primary' },
]);
const receipt: ReadReceipt = {
  reportId: 'rep-1',
  schoolId: 'oak-primary',
  uid: 'admin-oak',
  at: '2025-03-06T08:00:00.000Z',
  txId: TX(8),
};

function sources(mspId: string, overrides: Partial<ChildTimelineSources['medical']> = {}): ChildTimelineSources {
  return {
    mspId,
    medical: {
      listMyChildren: vi.fn(() => Promise.resolve([child])),
      listMyAgreements: vi.fn(() => Promise.resolve([agreement])),
      readMedicalCard: vi.fn(() => Promise.resolve(card)),
      ...overrides,
    },
    report: {
      listMyAdmissionRequests: vi.fn(() => Promise.resolve([admission, otherChildsAdmission])),
      listMyReportRequests: vi.fn(() => Promise.resolve([reportRequest])),
      listMyReports: vi.fn(() => Promise.resolve([report])),
      getReadReceipts: vi.fn(() => Promise.resolve([receipt])),
    },
  };
}

describe('childTimeline', () => {
  it("gives a guardian everything around the child, both channels merged newest first, other children's left out", async () => {
    const events = await childTimeline(sources('ParentsMSP'), 'child-a');
    expect(events.map((e) => `${e.kind}:${e.action}`)).toEqual([
      'read:read',
      'permission:approved',
      'reportRequest:fulfilled',
      'report:ready',
      'reportRequest:requested',
      'admission:submitted',
      'card:allergy',
      'agreement:active',
      'child:registered',
      'agreement:proposed',
    ]);
    expect(events.some((e) => e.recordId === 'adm-9')).toBe(false);
  });

  it('gives a pediatrician what they are party to, without the guardians read receipts', async () => {
    const s = sources('HospitalMSP');
    const events = await childTimeline(s, 'child-a');
    expect(s.report.getReadReceipts).not.toHaveBeenCalled();
    expect(events.some((e) => e.kind === 'read')).toBe(false);
    expect(events.some((e) => e.kind === 'card')).toBe(true);
  });

  it('reads no card for a pediatrician whose agreement is no longer in force', async () => {
    const s = sources('HospitalMSP', { listMyChildren: vi.fn(() => Promise.resolve([])) });
    const events = await childTimeline(s, 'child-a');
    expect(s.medical.readMedicalCard).not.toHaveBeenCalled();
    expect(events.filter((e) => e.channel === 'medical').map((e) => e.kind)).toEqual(['agreement', 'agreement']);
  });

  it('never reads the medical channel for a school: only its own report-channel records', async () => {
    const refuse = (): Promise<never> => Promise.reject(new Error('a school must not read medical'));
    const s = sources('SchoolMSP', {
      listMyChildren: vi.fn(refuse),
      listMyAgreements: vi.fn(refuse),
      readMedicalCard: vi.fn(refuse),
    });
    const events = await childTimeline(s, 'child-a');
    expect(new Set(events.map((e) => e.channel))).toEqual(new Set(['report']));
    expect(events.map((e) => e.kind)).toEqual(['reportRequest', 'reportRequest', 'admission']);
    expect(s.report.listMyReports).not.toHaveBeenCalled();
    expect(s.report.getReadReceipts).not.toHaveBeenCalled();
  });

  it('refuses a malformed child id before reading anything', async () => {
    const s = sources('ParentsMSP');
    await expect(childTimeline(s, 'bad id')).rejects.toThrow(/childId/);
    expect(s.report.listMyAdmissionRequests).not.toHaveBeenCalled();
  });
});
