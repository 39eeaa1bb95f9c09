import { describe, expect, it } from 'vitest';
import { certificateProblem, missingAttributesProblem, requestedAttributes, roleOfMsp } from './registrationCheck.ts';

describe('registrationCheck', () => {
  it('asks every organisation for uid, role and the CA attributes they bind to; School also for schoolId', () => {
    const names = (mspId: string): string[] => requestedAttributes(mspId).map((request) => request.name);
    expect(names('HospitalMSP')).toEqual(['uid', 'role', 'hf.EnrollmentID', 'hf.Affiliation']);
    expect(names('SchoolMSP')).toEqual(['uid', 'role', 'hf.EnrollmentID', 'hf.Affiliation', 'schoolId']);
    expect(requestedAttributes('SchoolMSP').every((request) => request.optional === false)).toBe(true);
    expect(roleOfMsp('ParentsMSP')).toBe('parent');
    expect(roleOfMsp('OrdererMSP')).toBeNull();
  });

  it("reads the CA's missing-attribute refusal into the attributes to add", () => {
    const problem = missingAttributesProblem(
      'admin-birch',
      'SchoolMSP',
      'Failed to find requested attributes: The following required attributes are missing: [uid schoolId]',
    );
    expect(problem).toEqual({
      enrollmentId: 'admin-birch',
      rule: 'attributes',
      problem: 'its registration at the CA has no uid, schoolId attribute',
      fix: 'add `uid=admin-birch:ecert` and `schoolId=<school id>:ecert` to the registration of admin-birch',
      outcome: 'secret-unused',
    });
    expect(missingAttributesProblem('x', 'SchoolMSP', 'Authentication failure')).toBeNull();
  });

  it('applies the chaincode rules to an issued certificate and names the fix for each', () => {
    const oak = {
      uid: 'admin-birch',
      role: 'school-admin',
      schoolId: 'oak-primary',
      'hf.EnrollmentID': 'admin-birch',
      'hf.Affiliation': 'school.oak-primary',
    };
    expect(certificateProblem('admin-birch', 'SchoolMSP', oak)).toBeNull();
    expect(
      certificateProblem('admin-birch', 'SchoolMSP', { ...oak, 'hf.Affiliation': 'school.pine-elementary' }),
    ).toMatchObject({
      rule: 'school-affiliation',
      fix: "register admin-birch through the school's own registration authority (`npm run network:register -- --org school --uid admin-birch --role school-admin --school-id <school id>`)",
      outcome: 'secret-used',
    });
    expect(certificateProblem('admin-birch', 'HospitalMSP', oak)).toMatchObject({
      rule: 'role-msp',
      fix: 'register admin-birch with `role=pediatrician:ecert`',
    });
  });
});
