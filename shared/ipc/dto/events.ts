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
});

/** Progress of one submitted transaction, so the UI can show endorse → submit → commit. */
export const txProgressSchema = z.strictObject({
  txId: txIdSchema,
  channel: channelNameSchema,
  stage: z.enum(['endorsing', 'submitting', 'committing', 'committed', 'failed']),
  error: ipcErrorDtoSchema.optional(),
});
