import { z } from 'zod';
import { ipcErrorDtoSchema } from './error.ts';
import { channelNameSchema, timestampSchema, txIdSchema } from './primitives.ts';

/**
 * A notification pushed by main (a new agreement to sign, a report that was shared, …): what happened and the ids
 * concerned, never words. The renderer words it in the user's locale, with directory names for the ids it can
 * resolve (`renderer/src/stores/notification-text.ts`).
 */
export const notificationSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  level: z.enum(['info', 'success', 'warning', 'error']),
  at: timestampSchema,
  /** What happened (`report-ready`, `agreement-proposed`, `certificate-renewed`, …): the locale's key, too. */
  kind: z.string().regex(/^[a-z-]{1,40}$/),
  /** Ids and values the wording needs (`reportId`, `agreementId`, `notAfter`, an error `code`, …). */
  refs: z.record(z.string().regex(/^[A-Za-z]{1,32}$/), z.string().max(64)),
});

/** Progress of one submitted transaction, so the UI can show endorse → submit → commit. */
export const txProgressSchema = z.strictObject({
  txId: txIdSchema,
  channel: channelNameSchema,
  stage: z.enum([
    'endorsing',
    'endorsed',
    'submitting',
    'submitted',
    'committing',
    'unconfirmed',
    'committed',
    'failed',
  ]),
  /** The chaincode transaction name, e.g. `RecordMeasurement`. */
  transaction: z
    .string()
    .regex(/^[A-Za-z]{1,64}$/)
    .optional(),
  /** 1 for the first try, 2+ for retries after an MVCC read conflict. */
  attempt: z.number().int().min(1).max(20).optional(),
  error: ipcErrorDtoSchema.optional(),
});
