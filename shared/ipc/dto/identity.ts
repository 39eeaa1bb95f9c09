import { z } from 'zod';
import { IdentitySummary } from '../../schemas/identity.ts';

/** Arguments naming one stored identity. */
export const identityRefSchema = z.strictObject({ id: IdentitySummary.shape.id });

/** The value of `identity:list`: the stored identities (never their keys) and which one the app transacts with. */
export const identityListSchema = z.strictObject({
  identities: z.array(IdentitySummary).max(256),
  activeId: IdentitySummary.shape.id.nullable(),
});
