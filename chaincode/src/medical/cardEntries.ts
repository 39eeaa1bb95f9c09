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

/** The five kinds of card entries a pediatrician records. */
export const CARD_ENTRY_KINDS = {
  measurement: {
    kind: 'measurement',
    schema: MeasurementInput,
    dates: (entry) => ({ date: entry.date }),
  } satisfies CardEntryKind<typeof MeasurementInput>,
  immunization: {
    kind: 'immunization',
    schema: ImmunizationInput,
    dates: (entry) => ({ date: entry.date }),
  } satisfies CardEntryKind<typeof ImmunizationInput>,
  allergy: {
    kind: 'allergy',
    schema: AllergyInput,
    dates: (entry) => ({ notedOn: entry.notedOn }),
  } satisfies CardEntryKind<typeof AllergyInput>,
  condition: {
    kind: 'condition',
    schema: ConditionInput,
    dates: (entry) => ({ since: entry.since }),
  } satisfies CardEntryKind<typeof ConditionInput>,
  visitNote: {
    kind: 'visitNote',
    schema: VisitNoteInput,
    dates: (entry) => ({ date: entry.date }),
  } satisfies CardEntryKind<typeof VisitNoteInput>,
};
