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
    /** The gateway peer in use (`host:port`). */
    endpoint: z.string().max(300).optional(),
    /** True when the preferred peer is down and a peer of another channel-member org serves instead. */
    failedOver: z.boolean().optional(),
  }),
  /** The gateway peer stopped answering; other peers of the profile are being tried. */
  z.strictObject({
    status: z.literal('reconnecting'),
    identityId,
    org: OrgName,
    lastEndpoint: z.string().max(300).nullable(),
  }),
  /** No gateway peer answers; main keeps retrying in the background. */
  z.strictObject({ status: z.literal('offline'), identityId, org: OrgName, since: timestampSchema }),
  z.strictObject({
    status: z.literal('error'),
    identityId: identityId.nullable(),
    org: OrgName.nullable(),
    error: ipcErrorDtoSchema,
  }),
]);

/** The value of `connection:state` (entry and event). */
export type ConnectionState = z.output<typeof connectionStateSchema>;
