// "Not in the future" means: not after the latest calendar day anywhere on Earth at the transaction time (UTC+14).
// Every check that compares a user's date with the transaction time is run here for users in five time zones, at
// transaction times either side of midnight UTC: the user's own "today" is always accepted, the day after UTC+14's
// "today" never is.
import { describe, expect, it } from 'vitest';
import type { ChaincodeHarness } from '../testing/harness';
import { activeAgreement, medicalHarness, proposal } from '../testing/medicalFixtures';
import { admission, envelope, reportHarness, transient } from '../testing/reportFixtures';
import { latestCalendarDay } from './time';

/** UTC+14, UTC+10, UTC, UTC−8, UTC−11, as IANA zones (the test oracle is the platform's own time-zone data). */
const ZONES = ['Pacific/Kiritimati', 'Australia/Brisbane', 'UTC', 'America/Los_Angeles', 'Pacific/Pago_Pago'];

/** Transaction times either side of midnight UTC, and at the hours where UTC+14 and UTC−11 change day. */
const INSTANTS = [
  '2025-03-01T09:59:00.000Z',
  '2025-03-01T10:00:00.000Z',
  '2025-03-01T12:30:00.000Z',
  '2025-03-01T23:59:00.000Z',
  '2025-03-02T00:00:00.000Z',
  '2025-03-02T00:30:00.000Z',
  '2025-03-02T10:59:00.000Z',
  '2025-03-02T11:00:00.000Z',
];

/** The calendar day at `instant` in `timeZone`, `YYYY-MM-DD`. */
function dayIn(timeZone: string, instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function at(h: ChaincodeHarness, instant: string): void {
  h.now = new Date(instant);
}

describe('latestCalendarDay', () => {
  it('is the day at UTC+14', () => {
    expect(latestCalendarDay(Date.parse('2025-03-01T09:59:59.999Z'))).toBe('2025-03-01');
    expect(latestCalendarDay(Date.parse('2025-03-01T10:00:00.000Z'))).toBe('2025-03-02');
    expect(latestCalendarDay(Date.parse('2024-12-31T10:00:00.000Z'))).toBe('2025-01-01');
  });

  it("is never before any zone's today and is Kiritimati's today", () => {
    for (const instant of INSTANTS.map((s) => new Date(s))) {
      const latest = latestCalendarDay(instant.getTime());
      expect(latest).toBe(dayIn('Pacific/Kiritimati', instant));
      for (const zone of ZONES) expect(dayIn(zone, instant) <= latest).toBe(true);
    }
  });
});

describe.each(INSTANTS)('at transaction time %s', (instant) => {
  const latest = latestCalendarDay(Date.parse(instant));
  const tomorrowEverywhere = dayAfter(latest);

  it.each(ZONES)("accepts a card entry dated the user's today in %s", async (zone) => {
    const h = medicalHarness();
    await activeAgreement(h);
    at(h, instant);
    const today = dayIn(zone, new Date(instant));
    await h.submit('ped-alice', 'RecordMeasurement', ['child-a', 'e-1', JSON.stringify({ date: today, weightKg: 19 })]);
  });

  it('refuses a card entry dated after the latest day on Earth', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    at(h, instant);
    const entry = JSON.stringify({ date: tomorrowEverywhere, weightKg: 19 });
    await expect(h.submit('ped-alice', 'RecordMeasurement', ['child-a', 'e-1', entry])).rejects.toThrow(
      /^INVALID_ARGUMENT: entryJson\.date: is in the future$/,
    );
  });

  it.each(ZONES)('registers a baby born on the day in %s, and no later', async (zone) => {
    const h = medicalHarness();
    at(h, instant);
    const born = dayIn(zone, new Date(instant));
    const child = { givenName: 'Noa', familyName: 'Rossi', birthDate: born, sex: 'female' };
    await h.submit('parent-carla', 'ProposeAgreement', [proposal({ child })]);
    const late = { ...child, birthDate: tomorrowEverywhere };
    await expect(
      h.submit('parent-emma', 'ProposeAgreement', [
        proposal({ agreementId: 'agr-2', childId: 'child-b', child: late }),
      ]),
    ).rejects.toThrow(/^INVALID_ARGUMENT: agreementJson\.child\.birthDate: is in the future$/);
  });

  it.each(ZONES)('takes an admission request and a report issued on the day in %s', async (zone) => {
    const h = reportHarness();
    at(h, instant);
    const today = dayIn(zone, new Date(instant));
    await expect(
      h.submit('parent-carla', 'CreateAdmissionRequest', [admission({ childBirthDate: tomorrowEverywhere })]),
    ).rejects.toThrow(/^INVALID_ARGUMENT: requestJson\.childBirthDate: is in the future$/);
    await h.submit('parent-carla', 'CreateAdmissionRequest', [admission()]);
    const request = { reportRequestId: 'rr-1', admissionRequestId: 'adm-1', pediatricianUid: 'ped-alice' };
    await h.submit('admin-oak', 'CreateReportRequest', [JSON.stringify(request)]);
    await expect(
      h.submit('ped-alice', 'CreateReport', ['rep-1', 'rr-1'], {
        transient: transient(envelope({ issuedOn: tomorrowEverywhere })),
      }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: transient report: body\.issuedOn is in the future$/);
    await h.submit('ped-alice', 'CreateReport', ['rep-1', 'rr-1'], {
      transient: transient(envelope({ issuedOn: today })),
    });
  });
});
