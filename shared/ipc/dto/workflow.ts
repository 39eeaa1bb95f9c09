import { id } from '@pediledger/domain';
import { z } from 'zod';
import { timestampSchema, txIdSchema } from './primitives.ts';

// Arguments and results of the workflow entries. Ids are the domain's `id` (@pediledger/domain). A form's fields are
// validated once in main, by the workflow, with the domain schema of its transaction (so a bad field answers
// INVALID_INPUT naming the field); these only bound what may cross IPC. Results are the chaincode's JSON records,
// parsed with the domain schemas in main and once more in the renderer (renderer/src/domain/records.ts).

/** A form's fields, checked in main against the chaincode's schema for that entry. */
const formSchema = z.record(z.string().max(64), z.json()).refine((value) => Object.keys(value).length <= 32);

/** A short free-text reason. */
const reasonSchema = z.string().max(500);

/** A record from the ledger, as the chaincode returns it (JSON). */
export const ledgerRecordSchema = z.record(z.string(), z.json());

/** A list of ledger records. */
export const ledgerRecordListSchema = z.array(ledgerRecordSchema).max(10_000);

/**
 * One page of a paged ledger list: its records and the bookmark of the next page ('' on the last). The chaincode
 * bounds a page (at most 100 records and 256 KiB), so this bound is generous.
 */
export const ledgerPageSchema = z.strictObject({
  items: z.array(ledgerRecordSchema).max(1_000),
  bookmark: z.string().max(200),
});

/**
 * A committed write: what the chaincode returned (`value`) and the id of the transaction (`txId`; '' when the write
 * was found already done on the ledger by a re-read, so which transaction did it is not known). The one declaration
 * of this shape, used by main's ledger client (`Committed<Uint8Array>` from the submitter, `Committed<Record>` once
 * decoded), the IPC contract ({@link committedSchema}) and the renderer.
 */
export interface Committed<T> {
  value: T;
  txId: string;
}

/** A committed transaction as it crosses IPC: its id and the record the chaincode returned. */
export const committedSchema = z.strictObject({
  txId: z.union([txIdSchema, z.literal('')]),
  value: ledgerRecordSchema,
}) satisfies z.ZodType<Committed<z.output<typeof ledgerRecordSchema>>>;

/** Arguments naming one child. */
export const childRefSchema = z.strictObject({ childId: id });
/** Arguments naming one agreement. */
export const agreementRefSchema = z.strictObject({ agreementId: id });
/** Arguments naming one report. */
export const reportRefSchema = z.strictObject({ reportId: id });
/** Arguments naming one admission request. */
export const admissionRefSchema = z.strictObject({ requestId: id });

/** Arguments with a form (agreement proposal, admission request, report request). */
export const formArgsSchema = z.strictObject({ input: formSchema });
/**
 * A card entry for one child. `entryId` names the entry on the card (chosen by the app, e.g. a UUID): send the same
 * id again when repeating a write whose outcome is unknown, and it is recorded once. Main picks one when absent.
 */
export const cardEntryArgsSchema = z.strictObject({
  childId: id,
  entryId: id.optional(),
  entry: formSchema,
});
/** A page of one child's card history: the first without a bookmark, then the previous page's bookmark. */
export const cardHistoryArgsSchema = z.strictObject({
  childId: id,
  bookmark: z.string().max(200).optional(),
});
/** An agreement and a reason. */
export const declineAgreementArgsSchema = z.strictObject({ agreementId: id, reason: reasonSchema });
/** A child and the guardian to add. */
export const addGuardianArgsSchema = z.strictObject({ childId: id, guardianUid: id });
/** A school's decision on an admission request. */
export const decideAdmissionArgsSchema = z.strictObject({
  requestId: id,
  decision: z.enum(['accept', 'reject']),
  reason: reasonSchema.optional(),
});
/** A report request and a reason. */
export const declineReportRequestArgsSchema = z.strictObject({
  reportRequestId: id,
  reason: reasonSchema,
});
/** What the pediatrician states when issuing a report; the body itself is built in main from the card. */
export const createReportArgsSchema = z.strictObject({
  reportId: id,
  reportRequestId: id,
  fitness: z.strictObject({ fit: z.boolean(), statement: z.string().min(1).max(4000) }),
});
/** A guardian's approval of a report for schools. */
export const approveReportArgsSchema = z.strictObject({
  reportId: id,
  schoolIds: z.array(id).min(1).max(10),
  validUntil: timestampSchema,
});
/** A guardian's revocation of one school's permission. */
export const revokeReportArgsSchema = z.strictObject({ reportId: id, schoolId: id });
/** The pediatrician's record of a child's gestational age at birth (bounds checked in main with the shared schema). */
export const setGestationalAgeArgsSchema = z.strictObject({
  childId: id,
  gestationalAge: z.strictObject({ weeks: z.number().int(), days: z.number().int() }),
});
/** A stale report and the id of the report that replaces it; the statement is kept unless a new one is given. */
export const replaceReportArgsSchema = z.strictObject({
  reportId: id,
  replacedReportId: id,
  fitness: createReportArgsSchema.shape.fitness.optional(),
});
