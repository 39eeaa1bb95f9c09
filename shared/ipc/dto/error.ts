import { z } from 'zod';
import type { IpcErrorDto } from '../errors.ts';

/** Schema form of {@link IpcErrorDto}, for payloads (such as `tx:progress`) that carry an error. */
export const ipcErrorDtoSchema = z.object({
  code: z.string().min(1).max(64),
  message: z.string().max(2_000),
  txId: z.string().max(128).optional(),
  details: z.unknown().optional(),
}) satisfies z.ZodType<IpcErrorDto>;
