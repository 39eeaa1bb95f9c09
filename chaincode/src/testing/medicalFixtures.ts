import { MEDICAL_ENDORSERS } from '@pediledger/domain';
import { ChaincodeHarness } from './harness';
import { MedicalContract } from '../medical/medicalContract';

/** A fresh medical ledger. */
export function medicalHarness(): ChaincodeHarness {
  return new ChaincodeHarness(new MedicalContract(), 'medical', MEDICAL_ENDORSERS);
}

/** ProposeAgreement's argument for family A's child with ped-alice, registering the child. */
export function proposal(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    agreementId: 'agr-1',
    childId: 'child-a',
    pediatricianUid: 'ped-alice',
    purpose: 'Primary pediatric care',
    validUntil: '2026-03-01T00:00:00Z',
    child: { givenName: 'Lia', familyName: 'Rossi', birthDate: '2019-05-04', sex: 'female' },
    ...overrides,
  });
}

/** Family A's child with an active agreement with ped-alice and parent-diego as second guardian. */
export async function activeAgreement(h: ChaincodeHarness): Promise<void> {
  await h.submit('parent-carla', 'ProposeAgreement', [proposal()]);
  await h.submit('parent-carla', 'AddGuardian', ['child-a', 'parent-diego']);
  await h.submit('ped-alice', 'AcceptAgreement', ['agr-1']);
}
