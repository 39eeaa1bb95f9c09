import type { Actor } from '../shared/caller';
import type { Agreement, Child } from '@pediledger/domain';

// Access rules of the medical channel, as pure functions of records the transaction has already loaded.

/** Whether an agreement grants its pediatrician access at `now` (active, and `validUntil` not yet reached). */
export function isInForce(agreement: Agreement, now: string): boolean {
  return agreement.status === 'active' && Date.parse(agreement.validUntil) > Date.parse(now);
}

/** Whether the actor is a parent listed as the child's guardian. */
export function isGuardian(actor: Actor, child: Child): boolean {
  return actor.role === 'parent' && child.guardianUids.includes(actor.uid);
}

/** Whether the actor is a pediatrician with an agreement in force among `agreements` (the child's agreements). */
export function hasAgreementInForce(actor: Actor, agreements: Agreement[], now: string): boolean {
  return (
    actor.role === 'pediatrician' &&
    agreements.some((agreement) => agreement.pediatricianUid === actor.uid && isInForce(agreement, now))
  );
}
