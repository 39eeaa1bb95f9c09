import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SCHOOL_COLLECTION } from '../shared/collections';
import { type EndorsingOrgs, REPORT_ENDORSERS, type ReportEnvelope } from '@pediledger/domain';
import { ReportContract } from '../report/reportContract';
import { ChaincodeHarness } from './harness';
import { activeAgreement, medicalHarness } from './medicalFixtures';
import type { CollectionMembers } from './memoryStub';

/** Collection membership as the deployed definition states it, plus School's implicit collection. */
export function reportCollections(): CollectionMembers {
  const file = path.join(__dirname, '..', '..', 'deploy', 'report', 'collections.json');
  const definitions = JSON.parse(readFileSync(file, 'utf8')) as { name: string; policy: string }[];
  const members: Record<string, string[]> = { [SCHOOL_COLLECTION]: ['SchoolMSP'] };
  for (const { name, policy } of definitions)
    members[name] = [...policy.matchAll(/'(\w+)\.member'/g)].map((m) => m[1] ?? '');
  return members;
}

/**
 * A fresh report ledger, linked to a medical ledger on Hospital's and Parents' peers that holds family A's child
 * (`child-a`, guardians parent-carla and parent-diego, ped-alice under an active agreement): CreateAdmissionRequest
 * reads the child there. `h.linked('medical')` is that medical harness; `endorsers` may pin other organizations.
 */
export function reportHarness(endorsers: Readonly<Record<string, EndorsingOrgs>> = REPORT_ENDORSERS): ChaincodeHarness {
  const medical = medicalHarness();
  return new ChaincodeHarness(new ReportContract(), 'report', endorsers, reportCollections()).link(
    'medical',
    medical,
    ['HospitalMSP', 'ParentsMSP'],
    activeAgreement(medical),
  );
}

/** A marker that must never reach School's peer before approval. */
export const CANARY = 'CANARY-7f3a-fit-statement';

/** The report envelope the hospital client would build for family A's child. */
export function envelope(overrides: Partial<ReportEnvelope['body']> = {}): ReportEnvelope {
  return {
    salt: 'a1'.repeat(32),
    body: {
      childId: 'child-a',
      child: { givenName: 'Lia', familyName: 'Rossi', birthDate: '2019-05-04' },
      allergies: [{ substance: 'Peanuts', reaction: 'Hives', severity: 'severe' }],
      conditions: [{ name: 'Asthma', icd10: 'J45.909' }],
      immunizations: [{ vaccine: 'MMR', dose: 2, date: '2024-06-01' }],
      latestMeasurement: { date: '2025-02-28', heightCm: 110.5, weightKg: 19.2 },
      fitnessForSchool: { fit: true, statement: `Fit for school. ${CANARY}` },
      source: { channel: 'medical', cardVersion: 4, cardTxId: 'f'.repeat(64) },
      issuedOn: '2025-03-01',
      ...overrides,
    },
  };
}

/** The envelope as transient data. */
export function transient(value: unknown = envelope()): Record<string, string> {
  return { report: JSON.stringify(value) };
}

/** CreateAdmissionRequest's argument: family A's child to Oak Primary, both guardians named. */
export function admission(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    requestId: 'adm-1',
    childId: 'child-a',
    childGivenName: 'Lia',
    childFamilyName: 'Rossi',
    childBirthDate: '2019-05-04',
    schoolId: 'oak-primary',
    guardianUids: ['parent-diego'],
    ...overrides,
  });
}

/** Drives the story up to a `ready` report `rep-1` requested by Oak from ped-alice. */
export async function readyReport(h: ChaincodeHarness): Promise<void> {
  await h.submit('parent-carla', 'CreateAdmissionRequest', [admission()]);
  const request = { reportRequestId: 'rr-1', admissionRequestId: 'adm-1', pediatricianUid: 'ped-alice' };
  await h.submit('admin-oak', 'CreateReportRequest', [JSON.stringify(request)]);
  await h.submit('ped-alice', 'CreateReport', ['rep-1', 'rr-1'], { transient: transient() });
}

/** Validity far enough ahead for the tests. */
export const UNTIL = '2025-09-01T00:00:00Z';
