// @vitest-environment happy-dom
// The user's calendar day, everywhere the app derives a day from an instant: "today", form defaults, record ids,
// the report's issue date, expiry instants, ages and the growth chart's age. Each runs for users in UTC+14, UTC+10,
// UTC, UTC−8 and UTC−11, at instants either side of midnight UTC, with the machine's zone set through `TZ` (as the
// app gets it) and, where the helper takes one, passed explicitly.
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useConnectionStore } from '../stores/connection.ts';
import { cardRecord, connectedState, installFakeApi } from '../testing/fake-api.ts';
import type { MedicalCardRecord } from '../domain/records.ts';
import { mountWithApp } from '../testing/mount.ts';
import CardEntryForm from '../features/card/CardEntryForm.vue';
import { previewReportBody } from '../features/reports/report-preview.ts';
import { addDays, ageParts, daysBetween, endOfDayIso, today } from './dates.ts';
import { newRecordId } from './ids.ts';

/** Zone, and the user's day at each instant below (checked against a calendar by hand). */
const MATRIX: { zone: string; days: [string, string, string, string] }[] = [
  { zone: 'Pacific/Kiritimati', days: ['2026-02-28', '2026-03-01', '2026-03-01', '2026-03-01'] },
  { zone: 'Australia/Brisbane', days: ['2026-02-28', '2026-02-28', '2026-03-01', '2026-03-01'] },
  { zone: 'UTC', days: ['2026-02-28', '2026-02-28', '2026-02-28', '2026-03-01'] },
  { zone: 'America/Los_Angeles', days: ['2026-02-28', '2026-02-28', '2026-02-28', '2026-02-28'] },
  { zone: 'Pacific/Pago_Pago', days: ['2026-02-27', '2026-02-27', '2026-02-28', '2026-02-28'] },
];
/** 09:59 and 10:00 UTC (midnight in UTC+14), 23:30 UTC and 00:30 UTC the next day. */
const INSTANTS = ['2026-02-28T09:59:00Z', '2026-02-28T10:00:00Z', '2026-02-28T23:30:00Z', '2026-03-01T00:30:00Z'];

const CASES = MATRIX.flatMap(({ zone, days }) => INSTANTS.map((instant, i) => ({ zone, instant, day: days[i] ?? '' })));
const savedTz = process.env['TZ'];

/** Runs with the machine's clock at `instant` in `zone`. */
function machineAt(zone: string, instant: string): void {
  process.env['TZ'] = zone;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(instant));
}

afterEach(() => {
  vi.useRealTimers();
  if (savedTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = savedTz;
});

describe.each(CASES)('in $zone at $instant', ({ zone, instant, day }) => {
  it(`today is ${day}, given the zone or taken from the machine`, () => {
    expect(today(new Date(instant), zone)).toBe(day);
    machineAt(zone, instant);
    expect(today()).toBe(day);
  });

  it('a new record id carries that day', () => {
    machineAt(zone, instant);
    expect(newRecordId('agr')).toMatch(new RegExp(`^agr-${day.replaceAll('-', '')}-[0-9a-z]{8}$`));
  });

  it('the report preview is issued on that day', () => {
    machineAt(zone, instant);
    const body = previewReportBody(
      cardRecord() as unknown as MedicalCardRecord,
      { givenName: 'Lia', familyName: 'Rossi', birthDate: '2019-05-04' },
      {
        fit: true,
        statement: 'Fit.',
      },
    );
    expect(body.issuedOn).toBe(day);
  });

  it('a card form proposes that day', async () => {
    machineAt(zone, instant);
    installFakeApi();
    const wrapper = mountWithApp(CardEntryForm, { kind: 'measurement', childId: 'child-1' });
    useConnectionStore().state = connectedState;
    await flushPromises();
    const input = wrapper.find('[data-testid="field-date"] input').element as HTMLInputElement;
    expect(input.value).toBe(day);
    wrapper.unmount();
  });

  it('a child born that day is 0 days old; one born a year before turns 1 that day', () => {
    machineAt(zone, instant);
    expect(daysBetween(day, today())).toBe(0);
    const [y, md] = [Number(day.slice(0, 4)), day.slice(4)];
    expect(ageParts(`${y - 1}${md}`, today())).toEqual({ years: 1, months: 0 });
  });
});

describe.each(MATRIX)('an expiry picked in $zone', ({ zone }) => {
  it('lasts to the end of that day where the user is', () => {
    const end = new Date(endOfDayIso('2026-06-30', zone));
    expect(today(end, zone)).toBe('2026-06-30');
    expect(today(new Date(end.getTime() + 1000), zone)).toBe('2026-07-01');
  });
});

describe('calendar arithmetic', () => {
  it('counts days across month ends, leap days and daylight-saving changes', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-03-09', '2026-03-07')).toBe(-2);
    expect(addDays('2025-12-31', 365)).toBe('2026-12-31');
  });
});
