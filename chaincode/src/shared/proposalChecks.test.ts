import { describe, expect, it } from 'vitest';
import type { ChaincodeHarness } from '../testing/harness';
import { DEMO_USERS, type TestIdentity } from '../testing/identities';
import { activeAgreement, medicalHarness, proposal } from '../testing/medicalFixtures';
import { reportHarness } from '../testing/reportFixtures';
import { CLOCK_SKEW_BOUND_MS } from './proposalChecks';

const MINUTE = 60_000;
const measurement = JSON.stringify({ date: '2025-02-28', heightCm: 110.5 });

/** Expects a rejection with `code` that wrote nothing. */
async function rejects(h: ChaincodeHarness, run: Promise<unknown>, code: string): Promise<string> {
  const before = h.ledger.snapshot();
  const error = await run.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).toMatch(new RegExp(`^${code}: `));
  expect(h.ledger.snapshot()).toBe(before);
  return message;
}

/** ped-alice with a certificate valid until `notAfter`. */
function aliceUntil(notAfter: Date): TestIdentity {
  return { ...DEMO_USERS['ped-alice'], notBefore: new Date('2024-01-01T00:00:00Z'), notAfter };
}

describe('certificate validity at the transaction time', () => {
  it('refuses a certificate that expired a minute before the transaction, on evaluate and submit', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    const expired = aliceUntil(new Date(h.now.getTime() - MINUTE));
    for (const run of [
      h.evaluate(expired, 'Ping'),
      h.evaluate(expired, 'ReadMedicalCard', ['child-a']),
      h.submit(expired, 'RecordMeasurement', ['child-a', 'e-1', measurement]),
    ]) {
      expect(await rejects(h, run, 'CERTIFICATE_EXPIRED')).toBe(
        "CERTIFICATE_EXPIRED: the caller's certificate had expired at the transaction time",
      );
    }
  });

  it('accepts the same certificate up to its notAfter, and refuses one not valid yet', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    await h.submit(aliceUntil(new Date(h.now.getTime() + 1000)), 'RecordMeasurement', ['child-a', 'e-1', measurement]);
    const future = { ...DEMO_USERS['ped-alice'], notBefore: new Date(h.now.getTime() + MINUTE) };
    await rejects(h, h.evaluate(future, 'ListMyChildren', ['10', '']), 'CERTIFICATE_NOT_YET_VALID');
  });

  it('checks the report chaincode the same way', async () => {
    const h = reportHarness();
    const expired = { ...DEMO_USERS['admin-oak'], notAfter: new Date(h.now.getTime() - MINUTE) };
    await rejects(h, h.evaluate(expired, 'ListMyReports', ['10', '']), 'CERTIFICATE_EXPIRED');
    await rejects(h, h.submit(expired, 'PublishDirectoryEntry', ['Oak Primary']), 'CERTIFICATE_EXPIRED');
  });
});

describe('proposal time within the bound of the endorser clock', () => {
  it('states the bound: 5 minutes', () => {
    expect(CLOCK_SKEW_BOUND_MS).toBe(5 * MINUTE);
  });

  it('refuses proposals back-dated or forward-dated beyond the bound, on evaluate and submit', async () => {
    const h = medicalHarness();
    for (const [offset, direction] of [
      [CLOCK_SKEW_BOUND_MS + 1000, 'behind'],
      [-(CLOCK_SKEW_BOUND_MS + 1000), 'ahead of'],
    ] as const) {
      h.endorserClockOffsetMs = offset;
      const expected = `CLOCK_SKEW: the proposal's timestamp is more than 300 s ${direction} the endorsing peer's clock`;
      expect(await rejects(h, h.evaluate('parent-carla', 'Ping'), 'CLOCK_SKEW')).toBe(expected);
      expect(await rejects(h, h.submit('parent-carla', 'ProposeAgreement', [proposal()]), 'CLOCK_SKEW')).toBe(expected);
    }
  });

  it('accepts proposals within the bound and writes the proposal time, not the endorser clock', async () => {
    const h = medicalHarness();
    h.endorserClockOffsetMs = CLOCK_SKEW_BOUND_MS;
    await h.submit('parent-carla', 'ProposeAgreement', [proposal()]);
    h.endorserClockOffsetMs = -CLOCK_SKEW_BOUND_MS;
    const child = (await h.evaluateJson('parent-carla', 'ReadChild', ['child-a'])) as { createdAt: string };
    expect(child.createdAt).toBe(h.now.toISOString());
  });

  it('checks the time before the certificate: a skewed proposal cannot pretend a certificate is still valid', async () => {
    const h = medicalHarness();
    const expired = aliceUntil(new Date(h.now.getTime() - MINUTE));
    h.endorserClockOffsetMs = CLOCK_SKEW_BOUND_MS + 1000;
    await rejects(h, h.evaluate(expired, 'Ping'), 'CLOCK_SKEW');
  });
});

describe('uid bound to the enrollment id, schoolId to the school registration authority', () => {
  it('refuses a uid clone: another enrollment id carrying the same uid attribute', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    const clone: TestIdentity = { ...DEMO_USERS['ped-alice'], enrollmentId: 'ped-alice-2' };
    const message = await rejects(h, h.evaluate(clone, 'ReadMedicalCard', ['child-a']), 'FORBIDDEN');
    expect(message).toBe("FORBIDDEN: the uid attribute is not the certificate's own enrollment id (hf.EnrollmentID)");
    await rejects(h, h.submit(clone, 'RecordMeasurement', ['child-a', 'e-1', measurement]), 'FORBIDDEN');
  });

  it("refuses a school admin whose schoolId another school's registrar granted", async () => {
    const h = reportHarness();
    const mintedByPine: TestIdentity = {
      mspId: 'SchoolMSP',
      attributes: { uid: 'fake-oak', role: 'school-admin', schoolId: 'oak-primary' },
      affiliation: 'school.pine-elementary',
    };
    const message = await rejects(h, h.evaluate(mintedByPine, 'ListMyReports', ['10', '']), 'FORBIDDEN');
    expect(message).toBe(
      "FORBIDDEN: the schoolId attribute was not granted by that school's registration authority (hf.Affiliation)",
    );
    const rootAffiliation = { ...mintedByPine, affiliation: '' };
    await rejects(h, h.evaluate(rootAffiliation, 'ListMyReports', ['10', '']), 'FORBIDDEN');
    // A dot would place the school below another school's affiliation node.
    const dotted: TestIdentity = {
      mspId: 'SchoolMSP',
      attributes: { uid: 'admin-sub', role: 'school-admin', schoolId: 'pine-elementary.annex' },
    };
    await rejects(h, h.evaluate(dotted, 'ListMyReports', ['10', '']), 'FORBIDDEN');
    // The school's own registrar: accepted.
    expect(
      await h.evaluateJson({ ...mintedByPine, affiliation: 'school.oak-primary' }, 'ListMyReports', ['10', '']),
    ).toEqual({ items: [], bookmark: '' });
  });
});
