import type { ChildDetails, ProposeAgreementInput } from '@pediledger/domain';

/**
 * `agreement:propose`'s input for a test run: agreement `agr-<run>` for a new child `child-<run>` (family name Test,
 * born 2020-01-01), with ped-alice, for care, valid for a day from now.
 */
export function newChildAgreement(run: string, child: Pick<ChildDetails, 'givenName' | 'sex'>): ProposeAgreementInput {
  return {
    agreementId: `agr-${run}`,
    childId: `child-${run}`,
    pediatricianUid: 'ped-alice',
    purpose: 'Care',
    validUntil: new Date(Date.now() + 86_400_000).toISOString(),
    child: { givenName: child.givenName, familyName: 'Test', birthDate: '2020-01-01', sex: child.sex },
  };
}
