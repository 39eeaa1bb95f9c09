import { z } from 'zod';
import { ipcErrorDtoSchema } from './error.ts';
import { channelNameSchema, timestampSchema, txIdSchema } from './primitives.ts';

/** A user-facing notification pushed by main (a new agreement to sign, a report that was shared, …). */
export const notificationSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  level: z.enum(['info', 'success', 'warning', 'error']),
  title: z.string().min(1).max(120),
  body: z.string().max(1_000),
  at: timestampSchema,
  /** What happened (`report-ready`, `agreement-proposed`, …), for grouping and navigation. */
  kind: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional(),
  /** Ids of the records concerned (`reportId`, `agreementId`, …). */
  refs: z.record(z.string().regex(/^[A-Za-z]{1,32}$/), z.string().max(64)).optional(),
});

/** Progress of one submitted transaction, so the UI can show endorse → submit → commit. */
export const txProgressSchema = z.strictObject({
  txId: txIdSchema,
  channel: channelNameSchema,
  stage: z.enum(['endorsing', 'endorsed', 'submitting', 'submitted', 'committing', 'committed', 'failed']),
  /** The chaincode transaction name, e.g. `RecordMeasurement`. */
  transaction: z
    .string()
    .regex(/^[A-Za-z]{1,64}$/)
    .optional(),
  /** 1 for the first try, 2+ for retries after an MVCC read conflict. */
  attempt: z.number().int().min(1).max(20).optional(),
  error: ipcErrorDtoSchema.optional(),
});
