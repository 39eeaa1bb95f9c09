// Who a certificate may act as: the rules that bind a PediLedger identity to what its organisation's Fabric CA vouched
// for. Pure functions without Fabric imports, so there is one definition: the chaincode applies them to every caller
// (chaincode `caller.ts`), and the app applies them to a certificate right after enrollment, before storing it. The
// roles are declared here once, for the chaincode, main, the IPC contract and the renderer.
import { z } from 'zod';
import { ID_PATTERN, LIMITS } from './schemas/primitives.ts';

/** The three kinds of PediLedger user, as carried in the `role` attribute of an enrollment certificate. */
export const Role = z.enum(['pediatrician', 'parent', 'school-admin']);
export type Role = z.infer<typeof Role>;

/** Every role, in a fixed order. */
export const ROLES: readonly Role[] = Role.options;

/**
 * The only MSP allowed to issue each role. Any org's CA can put `role=pediatrician` into a certificate, so a role
 * means something only together with the MSP that vouches for it.
 */
export const ROLE_MSP: Readonly<Record<Role, string>> = {
  pediatrician: 'HospitalMSP',
  parent: 'ParentsMSP',
  'school-admin': 'SchoolMSP',
};

/**
 * The parent affiliation of every school at the School organisation's CA. Each school has its own node below it,
 * `school.<schoolId>`, and its own registrar confined to that node: Fabric CA lets a registrar register identities only
 * in its own affiliation subtree, and writes the affiliation into every certificate as `hf.Affiliation`, which no
 * registrar can set by hand (fabric-ca `lib/attr/attribute.go`: fixed-value attribute).
 */
export const SCHOOLS_AFFILIATION = 'school';

/** The affiliation whose registration authority alone may grant `schoolId` (e.g. `school.oak-primary`). */
export function schoolAffiliation(schoolId: string): string {
  return `${SCHOOLS_AFFILIATION}.${schoolId}`;
}

/** The certificate attributes these rules read (each null when the certificate lacks it). */
export interface IdentityAttributes {
  uid: string | null;
  role: string | null;
  schoolId: string | null;
  /**
   * `hf.EnrollmentID`: Fabric CA writes the identity's enrollment id into every certificate it issues
   * (fabric-ca `lib/serverregister.go`), and keeps enrollment ids unique; no registrar can set it.
   */
  enrollmentId: string | null;
  /** `hf.Affiliation`, written the same way. */
  affiliation: string | null;
}

/** A certificate that passes every rule: who it acts as. */
export type Actor =
  | { role: 'pediatrician'; uid: string }
  | { role: 'parent'; uid: string }
  | { role: 'school-admin'; uid: string; schoolId: string };

/** Which rule a certificate broke. */
export type IdentityRule = 'role' | 'role-msp' | 'uid' | 'uid-binding' | 'school-id' | 'school-affiliation';

/** The outcome of {@link verifyIdentity}: the actor, or the first rule broken with a one-line reason. */
export type IdentityVerdict = { ok: true; actor: Actor } | { ok: false; rule: IdentityRule; reason: string };

function isValidId(value: string | null): value is string {
  return value !== null && value.length <= LIMITS.idLength && ID_PATTERN.test(value);
}

function isRole(value: string | null): value is Role {
  return (ROLES as readonly (string | null)[]).includes(value);
}

function broken(rule: IdentityRule, reason: string): IdentityVerdict {
  return { ok: false, rule, reason };
}

/**
 * Applies the identity rules, in this order: a known `role`; issued by that role's MSP; a valid `uid`; the `uid` is
 * the certificate's own enrollment id (so a registrar cannot mint a second identity with someone else's uid); and
 * for a school admin a valid `schoolId` without a dot that the school's own registration authority granted
 * (`hf.Affiliation` = `school.<schoolId>`). Reasons name the rule, never an attribute's value.
 */
export function verifyIdentity(mspId: string, attributes: Readonly<IdentityAttributes>): IdentityVerdict {
  const { uid, role, schoolId } = attributes;
  if (!isRole(role)) return broken('role', 'the caller has no PediLedger role');
  if (ROLE_MSP[role] !== mspId)
    return broken('role-msp', `role ${role} is only valid when issued by ${ROLE_MSP[role]}`);
  if (!isValidId(uid)) return broken('uid', 'the caller has no valid uid attribute');
  if (uid !== attributes.enrollmentId) {
    return broken('uid-binding', "the uid attribute is not the certificate's own enrollment id (hf.EnrollmentID)");
  }
  if (role !== 'school-admin') return { ok: true, actor: { role, uid } };
  // A dot would make `school.<schoolId>` a node below another school's, inside that school's registrar's subtree.
  if (!isValidId(schoolId) || schoolId.includes('.')) {
    return broken('school-id', 'the school admin has no valid schoolId attribute');
  }
  if (attributes.affiliation !== schoolAffiliation(schoolId)) {
    return broken(
      'school-affiliation',
      "the schoolId attribute was not granted by that school's registration authority (hf.Affiliation)",
    );
  }
  return { ok: true, actor: { role, uid, schoolId } };
}
