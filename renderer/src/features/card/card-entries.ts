// The five kinds of card entry: the shared schema each is validated with and the fields its form shows (in order);
// `card:recordEntry` records any of them, by kind. The forms and the store both work from this table.
import {
  AllergyInput,
  CARD_LISTS,
  ConditionInput,
  ImmunizationInput,
  MeasurementInput,
  Severity,
  VisitNoteInput,
  type CardEntryKind,
} from '@pediledger/domain';
import type { CardEntryRecord, MedicalCardRecord } from '../../domain/records.ts';
import type { FieldCoercion, StandardSchemaV1 } from '../../lib/schema-rules.ts';

export type { CardEntryKind };

/** One form field. */
export interface CardEntryField {
  readonly name: string;
  readonly input: 'text' | 'textarea' | 'number' | 'date' | 'select';
  readonly coercion: FieldCoercion;
  readonly optional: boolean;
  readonly schema: StandardSchemaV1;
  /** Choices of a select, translated as `card.choices.<name>.<value>`. */
  readonly choices?: readonly string[];
  /** Unit suffix, translated as `units.<suffix>`. */
  readonly unit?: string;
  readonly step?: string;
}

export interface CardEntryDefinition {
  readonly kind: CardEntryKind;
  readonly schema: StandardSchemaV1;
  readonly fields: readonly CardEntryField[];
}

const measurementShape = MeasurementInput.shape;

export const cardEntries: Readonly<Record<CardEntryKind, CardEntryDefinition>> = {
  allergy: {
    kind: 'allergy',
    schema: AllergyInput,
    fields: [
      { name: 'substance', input: 'text', coercion: 'text', optional: false, schema: AllergyInput.shape.substance },
      {
        name: 'severity',
        input: 'select',
        coercion: 'choice',
        optional: false,
        schema: AllergyInput.shape.severity,
        choices: Severity.options,
      },
      { name: 'reaction', input: 'textarea', coercion: 'text', optional: false, schema: AllergyInput.shape.reaction },
      { name: 'notedOn', input: 'date', coercion: 'text', optional: true, schema: AllergyInput.shape.notedOn.unwrap() },
    ],
  },
  condition: {
    kind: 'condition',
    schema: ConditionInput,
    fields: [
      { name: 'name', input: 'text', coercion: 'text', optional: false, schema: ConditionInput.shape.name },
      { name: 'icd10', input: 'text', coercion: 'text', optional: true, schema: ConditionInput.shape.icd10.unwrap() },
      { name: 'since', input: 'date', coercion: 'text', optional: true, schema: ConditionInput.shape.since.unwrap() },
      {
        name: 'notes',
        input: 'textarea',
        coercion: 'text',
        optional: true,
        schema: ConditionInput.shape.notes.unwrap(),
      },
    ],
  },
  immunization: {
    kind: 'immunization',
    schema: ImmunizationInput,
    fields: [
      { name: 'vaccine', input: 'text', coercion: 'text', optional: false, schema: ImmunizationInput.shape.vaccine },
      {
        name: 'dose',
        input: 'number',
        coercion: 'number',
        optional: false,
        schema: ImmunizationInput.shape.dose,
        step: '1',
      },
      { name: 'date', input: 'date', coercion: 'text', optional: false, schema: ImmunizationInput.shape.date },
      {
        name: 'lotNumber',
        input: 'text',
        coercion: 'text',
        optional: true,
        schema: ImmunizationInput.shape.lotNumber.unwrap(),
      },
    ],
  },
  measurement: {
    kind: 'measurement',
    schema: MeasurementInput,
    fields: [
      { name: 'date', input: 'date', coercion: 'text', optional: false, schema: measurementShape.date },
      {
        name: 'weightKg',
        input: 'number',
        coercion: 'number',
        optional: true,
        schema: measurementShape.weightKg.unwrap(),
        unit: 'kg',
        step: '0.01',
      },
      {
        name: 'heightCm',
        input: 'number',
        coercion: 'number',
        optional: true,
        schema: measurementShape.heightCm.unwrap(),
        unit: 'cm',
        step: '0.1',
      },
      {
        name: 'headCircumferenceCm',
        input: 'number',
        coercion: 'number',
        optional: true,
        schema: measurementShape.headCircumferenceCm.unwrap(),
        unit: 'cm',
        step: '0.1',
      },
    ],
  },
  visitNote: {
    kind: 'visitNote',
    schema: VisitNoteInput,
    fields: [
      { name: 'date', input: 'date', coercion: 'text', optional: false, schema: VisitNoteInput.shape.date },
      { name: 'text', input: 'textarea', coercion: 'text', optional: false, schema: VisitNoteInput.shape.text },
    ],
  },
};

/** The card's list that holds each kind (the domain's table). */
export const cardListOf = CARD_LISTS;

/**
 * The card with one newly committed entry added: at the end of its list (lists run oldest first), counted, and as
 * the card's newest write. An entry the card already holds (by id) leaves it unchanged.
 */
export function withEntry(card: MedicalCardRecord, entry: CardEntryRecord): MedicalCardRecord {
  const list = cardListOf[entry.kind];
  const entries: readonly CardEntryRecord[] = card[list];
  if (entries.some((e) => e.entryId === entry.entryId)) return card;
  return {
    ...card,
    [list]: [...entries, entry],
    counts: { ...card.counts, [list]: card.counts[list] + 1 },
    version: card.version + 1,
    txId: entry.txId,
    updatedBy: entry.recordedBy,
    updatedAt: entry.recordedAt,
  };
}

/** A new entry id: a random UUID, unique on the card without asking the ledger. */
export function newEntryId(): string {
  return crypto.randomUUID();
}
