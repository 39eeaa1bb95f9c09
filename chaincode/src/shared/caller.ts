import type { Context } from 'fabric-contract-api';
import { forbidden } from './errors';
import { ID_PATTERN, LIMITS } from './schemas/primitives';

/** The three kinds of PediLedger user, as carried in the `role` attribute of an enrollment certificate. */
export type Role = 'pediatrician' | 'parent' | 'school-admin';

/**
 * The only MSP allowed to issue each role. Any org's CA can put `role=pediatrician` into a certificate, so a role
 * means something only together with the MSP that vouches for it.
 */
export const ROLE_MSP: Readonly<Record<Role, string>> = {
  pediatrician: 'HospitalMSP',
  parent: 'ParentsMSP',
  'school-admin': 'SchoolMSP',
};

/** Who is calling, read only from the client certificate (never from transaction arguments). */
export interface Caller {
  mspId: string;
  uid: string | null;
  role: string | null;
  schoolId: string | null;
}

/** A caller whose certificate carries a valid PediLedger identity. */
export type Actor =
  | { role: 'pediatrician'; uid: string }
  | { role: 'parent'; uid: string }
  | { role: 'school-admin'; uid: string; schoolId: string };

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

function isValidId(value: string | null): value is string {
  return value !== null && value.length <= LIMITS.idLength && ID_PATTERN.test(value);
}

function isRole(value: string | null): value is Role {
  return value === 'pediatrician' || value === 'parent' || value === 'school-admin';
}

/** The caller as an actor, or `FORBIDDEN:` when the certificate lacks a role, a uid, or the right MSP for its role. */
export function actorOf(ctx: Context): Actor {
  const { mspId, uid, role, schoolId } = callerOf(ctx);
  if (!isRole(role)) throw forbidden('the caller has no PediLedger role');
  if (ROLE_MSP[role] !== mspId) throw forbidden(`role ${role} is only valid when issued by ${ROLE_MSP[role]}`);
  if (!isValidId(uid)) throw forbidden('the caller has no valid uid attribute');
  if (role === 'school-admin') {
    if (!isValidId(schoolId)) throw forbidden('the school admin has no valid schoolId attribute');
    return { role, uid, schoolId };
  }
  return { role, uid };
}

/** The caller as an actor with one of `roles`, or `FORBIDDEN:`. */
export function requireRole<R extends Role>(ctx: Context, ...roles: R[]): Extract<Actor, { role: R }> {
  const actor = actorOf(ctx);
  if (!(roles as Role[]).includes(actor.role)) throw forbidden(`only a ${roles.join(' or ')} may do this`);
  return actor as Extract<Actor, { role: R }>;
}
