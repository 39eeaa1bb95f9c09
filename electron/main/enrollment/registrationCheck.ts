// What enrollment asks the CA for, and whether what it got is a PediLedger identity. The rules are the chaincode's
// own (domain/src/identityRules.ts), applied before anything is stored: a certificate the chaincode would
// refuse on every call is refused here, with what the administrator must change.
import { ROLE_MSP, ROLES, verifyIdentity, type IdentityRule, type Role } from '@pediledger/domain';
import type { RegistrationProblem } from './errors.ts';
import type { AttributeRequest } from './fabricCaClient.ts';

/** The only role an organisation's certificates may carry (the inverse of the chaincode's ROLE_MSP), or null. */
export function roleOfMsp(mspId: string): Role | null {
  return ROLES.find((role) => ROLE_MSP[role] === mspId) ?? null;
}

/**
 * The attributes enrollment asks the CA to write into the certificate, each required (`optional: false`), so the CA
 * refuses to issue one without them instead of leaving them out: `uid`, `role`, `schoolId` for School, and the CA's
 * own `hf.EnrollmentID` and `hf.Affiliation` that the chaincode binds them to. Asked for by name, they are included
 * whether or not they were registered with `:ecert`.
 */
export function requestedAttributes(mspId: string): AttributeRequest[] {
  const names = ['uid', 'role', 'hf.EnrollmentID', 'hf.Affiliation'];
  if (roleOfMsp(mspId) === 'school-admin') names.push('schoolId');
  return names.map((name) => ({ name, optional: false }));
}

/** `attr=value:ecert` as an administrator registers it, with a placeholder where only they know the value. */
function attribute(name: string, enrollmentId: string, mspId: string): string {
  if (name === 'uid') return `uid=${enrollmentId}:ecert`;
  if (name === 'role') return `role=${roleOfMsp(mspId) ?? '<role>'}:ecert`;
  if (name === 'schoolId') return 'schoolId=<school id>:ecert';
  return name;
}

const MISSING_ATTRIBUTES = /required attributes are missing: \[([^\]]*)\]/;

/**
 * The problem behind a CA refusal "The following required attributes are missing: [uid role]" (fabric-ca
 * `lib/attrmgr/attrmgr.go`), or null for any other refusal. The CA refused before issuing, so the secret is unused.
 */
export function missingAttributesProblem(
  enrollmentId: string,
  mspId: string,
  caMessage: string | null,
): RegistrationProblem | null {
  const listed = MISSING_ATTRIBUTES.exec(caMessage ?? '')?.[1];
  if (listed === undefined) return null;
  const missing = listed.split(/\s+/).filter((name) => name.length > 0);
  const attributes = missing.map((name) => `\`${attribute(name, enrollmentId, mspId)}\``).join(' and ');
  return {
    enrollmentId,
    rule: 'attributes',
    problem: `its registration at the CA has no ${missing.join(', ')} attribute`,
    fix: `add ${attributes} to the registration of ${enrollmentId}`,
    outcome: 'secret-unused',
  };
}

const PROBLEMS: Readonly<Record<IdentityRule, (id: string, mspId: string) => { problem: string; fix: string }>> = {
  role: (id, mspId) => ({
    problem: `its certificate has no PediLedger role for ${mspId}`,
    fix: `register ${id} with \`${attribute('role', id, mspId)}\``,
  }),
  'role-msp': (id, mspId) => ({
    problem: `its certificate's role is not one ${mspId} may issue`,
    fix: `register ${id} with \`${attribute('role', id, mspId)}\``,
  }),
  uid: (id) => ({
    problem: 'its certificate has no valid uid attribute',
    fix: `register ${id} with \`uid=${id}:ecert\``,
  }),
  'uid-binding': (id) => ({
    problem: "its certificate's uid attribute is not its own enrollment id",
    fix: `register ${id} with \`uid=${id}:ecert\` (a uid must be the enrollment id it is registered under)`,
  }),
  'school-id': (id) => ({
    problem: 'its certificate has no valid schoolId attribute',
    fix: `register ${id} with \`schoolId=<school id>:ecert\` (letters, digits, "-" or "_", no dot)`,
  }),
  'school-affiliation': (id) => ({
    problem: "its schoolId was not granted by that school's own registration authority",
    fix:
      `register ${id} through the school's own registration authority ` +
      `(\`npm run network:register -- --org school --uid ${id} --role school-admin --school-id <school id>\`)`,
  }),
};

/** The problem with an issued certificate's attributes under the chaincode's identity rules, or null if it passes. */
export function certificateProblem(
  enrollmentId: string,
  mspId: string,
  attributes: Readonly<Record<string, string>>,
): RegistrationProblem | null {
  const value = (name: string): string | null => attributes[name] ?? null;
  const verdict = verifyIdentity(mspId, {
    uid: value('uid'),
    role: value('role'),
    schoolId: value('schoolId'),
    enrollmentId: value('hf.EnrollmentID'),
    affiliation: value('hf.Affiliation'),
  });
  if (verdict.ok) return null;
  return { enrollmentId, rule: verdict.rule, ...PROBLEMS[verdict.rule](enrollmentId, mspId), outcome: 'secret-used' };
}
