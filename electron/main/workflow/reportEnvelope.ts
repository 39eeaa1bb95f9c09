// Builds the school-entry report from a child's medical card: only what a school needs, nothing else from the card
// (no visit notes, no condition notes, no measurement history, no provenance of individual entries).
import { randomBytes } from 'node:crypto';
import { localToday } from '../../../shared/calendarDay.ts';
import type { Child, MedicalCard, ReportEnvelope } from './schemas.ts';
import { ReportEnvelope as ReportEnvelopeSchema } from './schemas.ts';
import { validateInput } from '../util/validateInput.ts';

/** The pediatrician's statement on the child's fitness for school. */
export interface FitnessStatement {
  fit: boolean;
  statement: string;
}

/** Options for {@link buildReportEnvelope}. */
export interface ReportEnvelopeOptions {
  card: MedicalCard;
  child: Child;
  fitness: FitnessStatement;
  /** The issue date (YYYY-MM-DD); defaults to today on the user's calendar (the machine's time zone). */
  issuedOn?: string;
  /** 32 bytes as hex; defaults to fresh random bytes (the salt keeps the on-chain hash from being guessed). */
  salt?: string;
}

/** The newest measurement by date (the card keeps entries in recording order, which may differ). */
function latestMeasurement(card: MedicalCard): ReportEnvelope['body']['latestMeasurement'] {
  const newest = [...card.measurements].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).at(-1);
  if (newest === undefined) return null;
  return {
    date: newest.date,
    ...(newest.heightCm === undefined ? {} : { heightCm: newest.heightCm }),
    ...(newest.weightKg === undefined ? {} : { weightKg: newest.weightKg }),
    ...(newest.headCircumferenceCm === undefined ? {} : { headCircumferenceCm: newest.headCircumferenceCm }),
  };
}

/**
 * The minimal report body and its random salt, validated with the shared `ReportEnvelope` schema.
 * @throws InvalidInputError when the statement (or any copied value) breaks the schema.
 */
export function buildReportEnvelope(options: Readonly<ReportEnvelopeOptions>): ReportEnvelope {
  const { card, child } = options;
  const envelope = {
    salt: options.salt ?? randomBytes(32).toString('hex'),
    body: {
      childId: card.childId,
      child: {
        givenName: child.givenName,
        familyName: child.familyName,
        birthDate: child.birthDate,
        // A school needs to know a child was born preterm (development, care plans); nothing else from the record.
        ...(child.gestationalAge === undefined ? {} : { gestationalAge: child.gestationalAge }),
      },
      allergies: card.allergies.map(({ substance, reaction, severity }) => ({ substance, reaction, severity })),
      conditions: card.conditions.map(({ name, icd10 }) => (icd10 === undefined ? { name } : { name, icd10 })),
      immunizations: card.immunizations.map(({ vaccine, dose, date }) => ({ vaccine, dose, date })),
      latestMeasurement: latestMeasurement(card),
      fitnessForSchool: { fit: options.fitness.fit, statement: options.fitness.statement },
      source: { channel: 'medical' as const, cardVersion: card.version, cardTxId: card.txId },
      issuedOn: options.issuedOn ?? localToday(),
    },
  };
  return validateInput(ReportEnvelopeSchema, envelope, 'report');
}
