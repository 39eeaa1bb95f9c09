import type { Context } from 'fabric-contract-api';
import { forbidden } from './errors';
import { type Actor, type Role, verifyIdentity } from '@pediledger/domain';

export { type Actor, type Role, ROLE_MSP } from '@pediledger/domain';

/** Who is calling, read only from the client certificate (never from transaction arguments). */
export interface Caller {
  mspId: string;
  uid: string | null;
  role: string | null;
  schoolId: string | null;
}

/** Reads the caller's MSP ID and PediLedger attributes from the transaction creator's certificate. */
export function callerOf(ctx: Context): Caller {
  const identity = ctx.clientIdentity;
  return {
    mspId: identity.getMSPID(),
    uid: identity.getAttributeValue('uid'),
    role: identity.getAttributeValue('role'),
    schoolId: identity.getAttributeValue('schoolId'),
  };
}

/**
 * The caller as an actor, or `FORBIDDEN:` when the certificate breaks an identity rule (`identityRules.ts`): no role,
 * a role from the wrong MSP, no valid uid, a uid that is not the certificate's own enrollment id, or a school admin
 * whose schoolId its school's registration authority did not grant.
 */
export function actorOf(ctx: Context): Actor {
  const caller = callerOf(ctx);
  const verdict = verifyIdentity(caller.mspId, {
    ...caller,
    enrollmentId: ctx.clientIdentity.getAttributeValue('hf.EnrollmentID'),
    affiliation: ctx.clientIdentity.getAttributeValue('hf.Affiliation'),
  });
  if (!verdict.ok) throw forbidden(verdict.reason);
  return verdict.actor;
}

/** The caller as an actor with one of `roles`, or `FORBIDDEN:`. */
export function requireRole<R extends Role>(ctx: Context, ...roles: R[]): Extract<Actor, { role: R }> {
  const actor = actorOf(ctx);
  if (!(roles as Role[]).includes(actor.role)) throw forbidden(`only a ${roles.join(' or ')} may do this`);
  return actor as Extract<Actor, { role: R }>;
}
