import type { z } from 'zod';
import {
  AllergyInput,
  type CardEntryKind as CardEntryKindName,
  ConditionInput,
  ImmunizationInput,
  MeasurementInput,
  VisitNoteInput,
} from '@pediledger/domain';

/** How one kind of card entry is validated and dated, and which event its write emits. */
export interface CardEntryKind<S extends z.ZodType> {
  /** The entry record's `kind`. */
  kind: CardEntryKindName;
  /** The transaction argument's schema. */
  schema: S;
  /** Calendar dates the entry states, by field name; each must lie between birth and today. */
  dates: (entry: z.infer<S>) => Record<string, string | undefined>;
}

/** One kind's entry in the table below; the helper keeps each entry's `dates` typed by its own schema. */
function entryKind<S extends z.ZodType>(
  kind: CardEntryKindName,
  schema: S,
  dates: CardEntryKind<S>['dates'],
): CardEntryKind<S> {
  return { kind, schema, dates };
}

/** The five kinds of card entries a pediatrician records. */
export const CARD_ENTRY_KINDS = {
  measurement: entryKind('measurement', MeasurementInput, (entry) => ({ date: entry.date })),
  immunization: entryKind('immunization', ImmunizationInput, (entry) => ({ date: entry.date })),
  allergy: entryKind('allergy', AllergyInput, (entry) => ({ notedOn: entry.notedOn })),
  condition: entryKind('condition', ConditionInput, (entry) => ({ since: entry.since })),
  visitNote: entryKind('visitNote', VisitNoteInput, (entry) => ({ date: entry.date })),
};
