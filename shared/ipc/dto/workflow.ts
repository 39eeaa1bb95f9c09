import { z } from 'zod';
import { timestampSchema, txIdSchema } from './primitives.ts';

// Arguments and results of the workflow entries. The chaincode's own zod schemas (chaincode/src/shared/schemas)
// validate every argument again in main before anything is signed; these only bound what may cross IPC. Results are
// the chaincode's JSON records (already parsed with the chaincode schemas in main), described here as JSON objects:
// shared/ipc is loaded by plain Node in the browser shell, which cannot import the chaincode's CommonJS-style sources.

/** A ledger record id, a user's uid or a school id (the chaincode's `id` allow-list). */
export const ledgerIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'Not a valid id');

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
export const childRefSchema = z.strictObject({ childId: ledgerIdSchema });
/** Arguments naming one agreement. */
export const agreementRefSchema = z.strictObject({ agreementId: ledgerIdSchema });
/** Arguments naming one report. */
export const reportRefSchema = z.strictObject({ reportId: ledgerIdSchema });
/** Arguments naming one admission request. */
export const admissionRefSchema = z.strictObject({ requestId: ledgerIdSchema });

/** Arguments with a form (agreement proposal, admission request, report request). */
export const formArgsSchema = z.strictObject({ input: formSchema });
/**
 * A card entry for one child. `entryId` names the entry on the card (chosen by the app, e.g. a UUID): send the same
 * id again when repeating a write whose outcome is unknown, and it is recorded once. Main picks one when absent.
 */
export const cardEntryArgsSchema = z.strictObject({
  childId: ledgerIdSchema,
  entryId: ledgerIdSchema.optional(),
  entry: formSchema,
});
/** A page of one child's card history: the first without a bookmark, then the previous page's bookmark. */
export const cardHistoryArgsSchema = z.strictObject({
  childId: ledgerIdSchema,
  bookmark: z.string().max(200).optional(),
});
/** An agreement and a reason. */
export const declineAgreementArgsSchema = z.strictObject({ agreementId: ledgerIdSchema, reason: reasonSchema });
/** A child and the guardian to add. */
export const addGuardianArgsSchema = z.strictObject({ childId: ledgerIdSchema, guardianUid: ledgerIdSchema });
/** A school's decision on an admission request. */
export const decideAdmissionArgsSchema = z.strictObject({
  requestId: ledgerIdSchema,
  decision: z.enum(['accept', 'reject']),
  reason: reasonSchema.optional(),
});
/** A report request and a reason. */
export const declineReportRequestArgsSchema = z.strictObject({
  reportRequestId: ledgerIdSchema,
  reason: reasonSchema,
});
/** What the pediatrician states when issuing a report; the body itself is built in main from the card. */
export const createReportArgsSchema = z.strictObject({
  reportId: ledgerIdSchema,
  reportRequestId: ledgerIdSchema,
  fitness: z.strictObject({ fit: z.boolean(), statement: z.string().min(1).max(4000) }),
});
/** A guardian's approval of a report for schools. */
export const approveReportArgsSchema = z.strictObject({
  reportId: ledgerIdSchema,
  schoolIds: z.array(ledgerIdSchema).min(1).max(10),
  validUntil: timestampSchema,
});
/** A guardian's revocation of one school's permission. */
export const revokeReportArgsSchema = z.strictObject({ reportId: ledgerIdSchema, schoolId: ledgerIdSchema });
