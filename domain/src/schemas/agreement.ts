import { z } from 'zod';
import { ChildDetails } from './child.ts';
import { GuardianUids, id, isoDateTime, LIMITS, text, statusChanges } from './primitives.ts';

/** proposed → active | declined; proposed | active → terminated. */
export const AgreementStatus = z.enum(['proposed', 'active', 'declined', 'terminated']);
export type AgreementStatus = z.infer<typeof AgreementStatus>;

/**
 * ProposeAgreement's argument. `child` is required when the child is new (the caller registers it and becomes its
 * guardian) and must be left out when the child already exists.
 */
export const ProposeAgreementInput = z.strictObject({
  agreementId: id,
  childId: id,
  pediatricianUid: id,
  purpose: text(LIMITS.shortTextLength),
  validUntil: isoDateTime,
  child: ChildDetails.optional(),
});
export type ProposeAgreementInput = z.infer<typeof ProposeAgreementInput>;

/** A care agreement between a child's guardians and one pediatrician; while active it grants the card access. */
export const Agreement = z.strictObject({
  agreementId: id,
  childId: id,
  pediatricianUid: id,
  /** The child's guardians when the agreement was proposed (the current list lives on the child). */
  guardianUids: GuardianUids,
  purpose: z.string(),
  validUntil: isoDateTime,
  status: AgreementStatus,
  changes: statusChanges(AgreementStatus),
});
export type Agreement = z.infer<typeof Agreement>;

/** A decline or termination reason. */
export const Reason = text(LIMITS.shortTextLength);
