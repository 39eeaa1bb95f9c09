// What a report will copy to the school channel, built from the card exactly as main builds the envelope
// (electron/main/workflow/reportEnvelope.ts) minus the random salt: the pediatrician sees this before signing.
import type { ChildRecord, MedicalCardRecord, ReportBodyRecord } from '../../domain/records.ts';
import { today } from '../../lib/dates.ts';

/** The report body that creating the report from `card` would send. */
export function previewReportBody(
  card: MedicalCardRecord,
  child: Pick<ChildRecord, 'givenName' | 'familyName' | 'birthDate' | 'gestationalAge'>,
  fitness: { fit: boolean; statement: string },
  issuedOn: string = today(),
): ReportBodyRecord {
  const newest = [...card.measurements].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).at(-1);
  return {
    childId: card.childId,
    child: {
      givenName: child.givenName,
      familyName: child.familyName,
      birthDate: child.birthDate,
      ...(child.gestationalAge === undefined ? {} : { gestationalAge: child.gestationalAge }),
    },
    allergies: card.allergies.map(({ substance, reaction, severity }) => ({ substance, reaction, severity })),
    conditions: card.conditions.map(({ name, icd10 }) => (icd10 === undefined ? { name } : { name, icd10 })),
    immunizations: card.immunizations.map(({ vaccine, dose, date }) => ({ vaccine, dose, date })),
    latestMeasurement:
      newest === undefined
        ? null
        : {
            date: newest.date,
            ...(newest.heightCm === undefined ? {} : { heightCm: newest.heightCm }),
            ...(newest.weightKg === undefined ? {} : { weightKg: newest.weightKg }),
            ...(newest.headCircumferenceCm === undefined ? {} : { headCircumferenceCm: newest.headCircumferenceCm }),
          },
    fitnessForSchool: { fit: fitness.fit, statement: fitness.statement },
    source: { channel: 'medical', cardVersion: card.version, cardTxId: card.txId },
    issuedOn,
  };
}

/** What stays on the medical channel: the parts of the card a report never copies. */
export function withheldFromReport(card: MedicalCardRecord): { visitNotes: number; measurements: number } {
  return { visitNotes: card.visitNotes.length, measurements: Math.max(card.measurements.length - 1, 0) };
}

/** The text a report's QR code carries: enough to find the report and check its hash on the ledger. */
export function provenanceCode(input: { reportId: string; bodyHash: string; txId: string | null }): string {
  const tx = input.txId === null ? '' : `&tx=${input.txId}`;
  return `pediledger:report/${input.reportId}?sha256=${input.bodyHash}${tx}`;
}
