import { z } from 'zod';
import { ipcErrorDtoSchema } from './error.ts';
import { IdentitySummary } from '../../schemas/identity.ts';
import { OrgName } from '../../schemas/connectionProfile.ts';
import { timestampSchema } from './primitives.ts';

const identityId = IdentitySummary.shape.id;

/** The gateway connection as the UI shows it; `status` decides which other fields exist. */
export const connectionStateSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('disconnected') }),
  z.strictObject({ status: z.literal('connecting'), identityId, org: OrgName }),
  z.strictObject({
    status: z.literal('connected'),
    identityId,
    org: OrgName,
    since: timestampSchema,
  }),
  z.strictObject({
    status: z.literal('error'),
    identityId: identityId.nullable(),
    org: OrgName.nullable(),
    error: ipcErrorDtoSchema,
  }),
]);

/** The value of `connection:state` (entry and event). */
export type ConnectionState = z.output<typeof connectionStateSchema>;
