// The shared story of the integration tests: family A (parent-carla and parent-diego) and ped-alice on medical, then
// admission to Oak Primary and a school-entry report on report.
import { randomBytes } from 'node:crypto';
import {
  Agreement,
  assembleCard,
  CardEntry,
  type MedicalCard,
  MedicalCardSummary,
  type ReportEnvelope,
} from '@pediledger/domain';
import type { Session } from './session';

/** Ids of one run of the story. */
export interface StoryIds {
  childId: string;
  agreementId: string;
  admissionId: string;
  reportRequestId: string;
  reportId: string;
}

/** Proposes, co-guardians and accepts an agreement, then records a measurement, immunization and allergy. */
export async function careStarted(ids: StoryIds, carla: Session, alice: Session): Promise<MedicalCard> {
  const agreement = {
    agreementId: ids.agreementId,
    childId: ids.childId,
    pediatricianUid: 'ped-alice',
    purpose: 'Primary pediatric care',
    validUntil: new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString(),
    child: { givenName: 'Lia', familyName: 'Rossi', birthDate: '2019-05-04', sex: 'female' },
  };
  await carla.submit('medical', 'ProposeAgreement', [JSON.stringify(agreement)]);
  await carla.submit('medical', 'AddGuardian', [ids.childId, 'parent-diego']);
  Agreement.parse(await alice.submit('medical', 'AcceptAgreement', [ids.agreementId]));
  const today = new Date().toISOString().slice(0, 10);
  const entries: [string, object][] = [
    ['RecordMeasurement', { date: today, heightCm: 110.5, weightKg: 19.2 }],
    ['RecordImmunization', { vaccine: 'MMR', dose: 2, date: '2024-06-01' }],
    ['RecordAllergy', { substance: 'Peanuts', reaction: 'Hives', severity: 'severe' }],
  ];
  for (const [index, [fn, entry]] of entries.entries()) {
    await alice.submit('medical', fn, [ids.childId, `${ids.childId}-e${index}`, JSON.stringify(entry)]);
  }
  return readCard(alice, ids.childId);
}

/** The whole card as the app reads it: the summary, then every history page. */
export async function readCard(reader: Session, childId: string): Promise<MedicalCard> {
  const summary = MedicalCardSummary.parse(await reader.evaluate('medical', 'ReadMedicalCard', [childId]));
  const entries = CardEntry.array().parse(await reader.evaluateAllPages('medical', 'GetMedicalCardHistory', [childId]));
  return assembleCard(summary, entries);
}

/** Builds the report envelope from the card, as the hospital client does (random salt, marker in the statement). */
export function reportEnvelopeFrom(card: MedicalCard, marker: string): ReportEnvelope {
  const latest = card.measurements.at(-1);
  return {
    salt: randomBytes(32).toString('hex'),
    body: {
      childId: card.childId,
      child: { givenName: 'Lia', familyName: 'Rossi', birthDate: '2019-05-04' },
      allergies: card.allergies.map(({ substance, reaction, severity }) => ({ substance, reaction, severity })),
      conditions: card.conditions.map(({ name, icd10 }) => (icd10 ? { name, icd10 } : { name })),
      immunizations: card.immunizations.map(({ vaccine, dose, date }) => ({ vaccine, dose, date })),
      latestMeasurement: latest ? { date: latest.date, heightCm: latest.heightCm, weightKg: latest.weightKg } : null,
      fitnessForSchool: { fit: true, statement: `Fit for school; carries an epinephrine pen. ${marker}` },
      source: { channel: 'medical', cardVersion: card.version, cardTxId: card.txId },
      issuedOn: new Date().toISOString().slice(0, 10),
    },
  };
}

/** Admission to Oak (accepted), Oak's report request to ped-alice, and ped-alice's report: status `ready`. */
export async function reportReady(
  ids: StoryIds,
  card: MedicalCard,
  marker: string,
  users: { carla: Session; alice: Session; oak: Session },
): Promise<ReportEnvelope> {
  const admission = {
    requestId: ids.admissionId,
    childId: ids.childId,
    childGivenName: 'Lia',
    childFamilyName: 'Rossi',
    childBirthDate: '2019-05-04',
    schoolId: 'oak-primary',
    guardianUids: ['parent-diego'],
  };
  await users.carla.submit('report', 'CreateAdmissionRequest', [JSON.stringify(admission)]);
  await users.oak.submit('report', 'DecideAdmissionRequest', [ids.admissionId, 'accept', '']);
  const request = {
    reportRequestId: ids.reportRequestId,
    admissionRequestId: ids.admissionId,
    pediatricianUid: 'ped-alice',
  };
  await users.oak.submit('report', 'CreateReportRequest', [JSON.stringify(request)]);
  const envelope = reportEnvelopeFrom(card, marker);
  await users.alice.submit('report', 'CreateReport', [ids.reportId, ids.reportRequestId], {
    report: JSON.stringify(envelope),
  });
  return envelope;
}

/** Story ids for one run. */
export function storyIds(id: (name: string) => string): StoryIds {
  return {
    childId: id('child'),
    agreementId: id('agr'),
    admissionId: id('adm'),
    reportRequestId: id('rr'),
    reportId: id('rep'),
  };
}
