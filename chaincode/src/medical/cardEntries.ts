import { z } from 'zod';
import {
  AllergyInput,
  ConditionInput,
  ImmunizationInput,
  MeasurementInput,
  type MedicalCard,
  VisitNoteInput,
} from '../shared/schemas';

/** Who recorded an entry, when and in which transaction. */
export interface EntryProvenance {
  recordedBy: string;
  recordedAt: string;
  txId: string;
}

/** How one kind of card entry is validated, dated and appended. */
export interface CardEntryKind<S extends z.ZodType> {
  /** The transaction argument's schema. */
  schema: S;
  /** The list on the card that receives the entry. */
  list: 'allergies' | 'conditions' | 'immunizations' | 'measurements' | 'visitNotes';
  /** Calendar dates the entry states, by field name; each must lie between birth and today. */
  dates: (entry: z.infer<S>) => Record<string, string | undefined>;
  /** The card with the entry appended. */
  append: (card: MedicalCard, entry: z.infer<S>, provenance: EntryProvenance) => MedicalCard;
}

/** The five kinds of card entries a pediatrician records. */
export const CARD_ENTRY_KINDS = {
  measurement: {
    schema: MeasurementInput,
    list: 'measurements',
    dates: (entry) => ({ date: entry.date }),
    append: (card, entry, provenance) => ({
      ...card,
      measurements: [...card.measurements, { ...entry, ...provenance }],
    }),
  } satisfies CardEntryKind<typeof MeasurementInput>,
  immunization: {
    schema: ImmunizationInput,
    list: 'immunizations',
    dates: (entry) => ({ date: entry.date }),
    append: (card, entry, provenance) => ({
      ...card,
      immunizations: [...card.immunizations, { ...entry, ...provenance }],
    }),
  } satisfies CardEntryKind<typeof ImmunizationInput>,
  allergy: {
    schema: AllergyInput,
    list: 'allergies',
    dates: (entry) => ({ notedOn: entry.notedOn }),
    append: (card, entry, provenance) => ({ ...card, allergies: [...card.allergies, { ...entry, ...provenance }] }),
  } satisfies CardEntryKind<typeof AllergyInput>,
  condition: {
    schema: ConditionInput,
    list: 'conditions',
    dates: (entry) => ({ since: entry.since }),
    append: (card, entry, provenance) => ({ ...card, conditions: [...card.conditions, { ...entry, ...provenance }] }),
  } satisfies CardEntryKind<typeof ConditionInput>,
  visitNote: {
    schema: VisitNoteInput,
    list: 'visitNotes',
    dates: (entry) => ({ date: entry.date }),
    append: (card, entry, provenance) => ({ ...card, visitNotes: [...card.visitNotes, { ...entry, ...provenance }] }),
  } satisfies CardEntryKind<typeof VisitNoteInput>,
};

/** A new, empty card (version 1), created when the first agreement for the child is accepted. */
export function emptyCard(childId: string, provenance: EntryProvenance): MedicalCard {
  return {
    childId,
    allergies: [],
    conditions: [],
    immunizations: [],
    measurements: [],
    visitNotes: [],
    version: 1,
    updatedBy: provenance.recordedBy,
    updatedAt: provenance.recordedAt,
    txId: provenance.txId,
  };
}
