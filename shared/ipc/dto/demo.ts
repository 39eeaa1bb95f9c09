import { z } from 'zod';
import { OrgName } from '../../schemas/connectionProfile.ts';
import { Role } from '@pediledger/domain';
import { enrollmentIdSchema } from './primitives.ts';

/**
 * A demo user of the local development network, as the first-run screen offers it: who it is, never where its key
 * lies. Listed only when the organisation's profile is the local network's own (see `demo:list`).
 */
export const demoIdentitySchema = z.strictObject({
  org: OrgName,
  uid: enrollmentIdSchema,
  /** From the certificate's `role` attribute; null when it has none the app knows. */
  role: Role.nullable(),
  /** From the certificate's `schoolId` attribute (school admins). */
  schoolId: enrollmentIdSchema.nullable(),
});

/** The value of one entry of `demo:list`. */
export type DemoIdentity = z.output<typeof demoIdentitySchema>;

/** Arguments of `demo:use`: which demo user to store and make active. */
export const demoUseArgsSchema = z.strictObject({ org: OrgName, uid: enrollmentIdSchema });
