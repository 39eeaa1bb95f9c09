import {
  AdmissionDecision,
  AdmissionRequestInput,
  AllergyInput,
  BookmarkArg,
  ConditionInput,
  GestationalAge,
  id,
  ImmunizationInput,
  isoDateTime,
  MeasurementInput,
  ProposeAgreementInput,
  Reason,
  ReportBody,
  ReportRequestInput,
  SchoolIds,
  VisitNoteInput,
  type CardEntryKind,
} from '@pediledger/domain';
import { z } from 'zod';
import { form, type FormFields } from './form.ts';
import { txIdSchema } from './primitives.ts';

// Arguments and results of the workflow entries, written with the domain's schemas (@pediledger/domain): the router
// parses each argument once in main (a form's field failing answers INVALID_INPUT naming it, see `form` in define.ts;
// IPC's bounds on a form object, in form.ts, come first)
// and each result once before it leaves main; the renderer uses both as they come. The chaincode validates the
// arguments again, as it must.

/** The most records a list entry answers (the chaincode pages its lists; main joins the pages). */
const MAX_LIST = 10_000;

/** A list of `item` records, as a `*:listMine` or similar entry answers it. */
export function recordList<S extends z.ZodType>(item: S): z.ZodArray<S> {
  return z.array(item).max(MAX_LIST);
}

/**
 * A committed write: what the chaincode returned (`value`) and the id of the transaction (`txId`; '' when the write
 * was found already done on the ledger by a re-read, so which transaction did it is not known). The one declaration
 * of this shape, used by main's ledger client (`Committed<Uint8Array>` from the submitter, `Committed<Record>` once
 * decoded), the IPC contract ({@link committed}) and the renderer.
 */
export interface Committed<T> {
  value: T;
  txId: string;
}

/** The result schema of a write whose chaincode answer is a `value` record. */
export function committed<S extends z.ZodType>(
  value: S,
): z.ZodObject<{ txId: z.ZodUnion<[typeof txIdSchema, z.ZodLiteral<''>]>; value: S }, z.core.$strict> {
  return z.strictObject({ txId: z.union([txIdSchema, z.literal('')]), value });
}

/** Arguments naming one child. */
export const childRefSchema = z.strictObject({ childId: id });
/** Arguments naming one agreement. */
export const agreementRefSchema = z.strictObject({ agreementId: id });
/** Arguments naming one report. */
export const reportRefSchema = z.strictObject({ reportId: id });
/** Arguments naming one admission request. */
export const admissionRefSchema = z.strictObject({ requestId: id });

/** A parent's proposal of a care agreement (with the child's registration for a new child). */
export const proposeAgreementArgsSchema = z.strictObject({ input: form(ProposeAgreementInput) });
/** A guardian's admission request to a school. */
export const createAdmissionArgsSchema = z.strictObject({ input: form(AdmissionRequestInput) });
/** A school admin's request for a school-entry report. */
export const createReportRequestArgsSchema = z.strictObject({ input: form(ReportRequestInput) });

/** The arguments of recording one entry of `kind` with the domain's `input` schema: app-made ids and the user's form. */
type CardEntryArgs<K extends CardEntryKind, S extends z.ZodType> = z.ZodObject<
  {
    kind: z.ZodLiteral<K>;
    childId: typeof id;
    entryId: z.ZodOptional<typeof id>;
    entry: z.ZodType<z.output<S>, FormFields>;
  },
  z.core.$strict
>;

function cardEntryArgs<K extends CardEntryKind, S extends z.ZodType>(kind: K, input: S): CardEntryArgs<K, S> {
  return z.strictObject({ kind: z.literal(kind), childId: id, entryId: id.optional(), entry: form(input) });
}

/**
 * One entry for one child's card, of any kind. `entryId` names the entry on the card (chosen by the app, e.g. a
 * UUID): send the same id again when repeating a write whose outcome is unknown, and it is recorded once. Main picks
 * one when absent.
 */
export const recordCardEntryArgsSchema = z.discriminatedUnion('kind', [
  cardEntryArgs('measurement', MeasurementInput),
  cardEntryArgs('immunization', ImmunizationInput),
  cardEntryArgs('allergy', AllergyInput),
  cardEntryArgs('condition', ConditionInput),
  cardEntryArgs('visitNote', VisitNoteInput),
]);

/** `card:recordEntry`'s argument as the handler receives it: the kind, the child, the entry's fields, maybe its id. */
export type RecordCardEntryArgs = z.output<typeof recordCardEntryArgsSchema>;

/** A page of one child's card history: the first without a bookmark, then the previous page's bookmark. */
export const cardHistoryArgsSchema = z.strictObject({ childId: id, bookmark: BookmarkArg.optional() });
/** An agreement and a reason. */
export const declineAgreementArgsSchema = z.strictObject({ agreementId: id, reason: Reason });
/** A child and the guardian to add. */
export const addGuardianArgsSchema = z.strictObject({ childId: id, guardianUid: id });
/** A school's decision on an admission request; a reason is required to reject (checked by the workflow). */
export const decideAdmissionArgsSchema = z.strictObject({
  requestId: id,
  decision: AdmissionDecision,
  reason: z.union([z.literal(''), Reason]).optional(),
});
/** A report request and a reason. */
export const declineReportRequestArgsSchema = z.strictObject({ reportRequestId: id, reason: Reason });
/** The pediatrician's statement on the child's fitness for school, as the report body holds it. */
const fitnessSchema = ReportBody.shape.fitnessForSchool;
/** What the pediatrician states when issuing a report; the body itself is built in main from the card. */
export const createReportArgsSchema = z.strictObject({ reportId: id, reportRequestId: id, fitness: fitnessSchema });
/** A guardian's approval of a report for schools, until `validUntil`. */
export const approveReportArgsSchema = z.strictObject({ reportId: id, schoolIds: SchoolIds, validUntil: isoDateTime });
/** A guardian's revocation of one school's permission. */
export const revokeReportArgsSchema = z.strictObject({ reportId: id, schoolId: id });
/** The pediatrician's record of a child's gestational age at birth. */
export const setGestationalAgeArgsSchema = z.strictObject({ childId: id, gestationalAge: GestationalAge });
/** A stale report and the id of the report that replaces it; the statement is kept unless a new one is given. */
export const replaceReportArgsSchema = z.strictObject({
  reportId: id,
  replacedReportId: id,
  fitness: fitnessSchema.optional(),
});
