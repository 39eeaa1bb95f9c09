import { z } from 'zod';
import { id, LIMITS } from './primitives.ts';

/**
 * What a notice tells its parties. One per kind of news a party gets; the app words each (title, body) itself.
 * `admission-attempted`: someone who is not a guardian of the child on `medical` tried to apply for it at a school.
 */
export const NoticeKind = z.enum([
  'agreement-proposed',
  'agreement-accepted',
  'agreement-declined',
  'admission-requested',
  'admission-decided',
  'admission-attempted',
  'report-requested',
  'report-request-declined',
  'report-ready',
  'report-approved',
  'report-revoked',
  'report-opened',
]);
export type NoticeKind = z.infer<typeof NoticeKind>;

/** A Fabric transaction id: 64 lower-case hex digits (sha256 of the proposal's nonce and creator). */
export const TxId = z.string().regex(/^[0-9a-f]{64}$/, 'must be a transaction id (64 hex digits)');

/** Ids of the records a notice is about (`agreementId`, `reportId`, …); values are ids or statuses, never text. */
export const NoticeRefs = z.record(z.string().regex(/^[A-Za-z]{1,32}$/), id);
export type NoticeRefs = z.infer<typeof NoticeRefs>;

/** A notice as a party receives it (ListMyNotices): the transaction it came from, what happened, which records. */
export const Notice = z.strictObject({ txId: TxId, kind: NoticeKind, refs: NoticeRefs });
export type Notice = z.infer<typeof Notice>;

/**
 * A notice as the chaincode keeps it (public state, key `notice~<txId>`): who it is for, as party keys
 * (`guardian:<uid>`, `pediatrician:<uid>`, `school:<schoolId>`). Never returned: a party learns it was told, not who
 * else was.
 */
export const StoredNotice = z.strictObject({
  kind: NoticeKind,
  refs: NoticeRefs,
  parties: z
    .array(z.string().min(1).max(80))
    .min(1)
    .max(LIMITS.schoolsPerApproval + LIMITS.guardians),
});
export type StoredNotice = z.infer<typeof StoredNotice>;

/** ListMyNotices' argument: the transaction ids of one batch of chaincode events (a block holds at most 50). */
export const NoticeTxIds = z
  .array(TxId)
  .min(1)
  .max(LIMITS.noticeBatch)
  .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a transaction id');
