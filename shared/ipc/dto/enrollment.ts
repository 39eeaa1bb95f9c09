import { z } from 'zod';
import {
  certificateChainPemSchema,
  certificatePemSchema,
  enrollmentIdSchema,
  enrollmentSecretSchema,
  labelSchema,
  privateKeyPemSchema,
} from './primitives.ts';
import { OrgName } from '../../schemas/connectionProfile.ts';

/** Arguments of `enrollment:caInfo`: which organisation's CA to ask. */
export const caInfoArgsSchema = z.strictObject({ org: OrgName });

/** What a Fabric CA says about itself (`GET /api/v1/cainfo`), reduced to what the enrollment screen shows. */
export const caInfoSchema = z.strictObject({
  caName: z.string().min(1).max(128),
  version: z.string().max(64).nullable(),
  caChainPem: certificateChainPemSchema,
});

/** Arguments of `enrollment:enroll`: enroll a registered user at the organisation's CA and store the identity. */
export const enrollArgsSchema = z.strictObject({
  org: OrgName,
  enrollmentId: enrollmentIdSchema,
  secret: enrollmentSecretSchema,
  label: labelSchema,
});

/** Arguments of `enrollment:importPem`: store an identity whose certificate and key were issued elsewhere. */
export const importPemArgsSchema = z.strictObject({
  org: OrgName,
  label: labelSchema,
  certificatePem: certificatePemSchema,
  privateKeyPem: privateKeyPemSchema,
});
