// The report's issue date is the pediatrician's calendar day (the machine's time zone), for users in UTC+14, UTC+10,
// UTC, UTC−8 and UTC−11 either side of midnight UTC; the chaincode accepts it up to UTC+14's day.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildReportEnvelope } from './reportEnvelope.ts';
import type { Child, MedicalCard } from './schemas.ts';

const child: Child = {
  childId: 'child-a',
  givenName: 'Lia',
  familyName: 'Rossi',
  birthDate: '2019-05-04',
  sex: 'female',
  guardianUids: ['parent-carla'],
  createdBy: 'parent-carla',
  createdAt: '2025-01-01T00:00:00.000Z',
  changes: [],
};
const card = {
  childId: 'child-a',
  version: 2,
  txId: 'f'.repeat(64),
  allergies: [],
  conditions: [],
  immunizations: [],
  measurements: [],
  visitNotes: [],
} as unknown as MedicalCard;

const CASES = [
  { zone: 'Pacific/Kiritimati', instant: '2026-02-28T10:00:00Z', day: '2026-03-01' },
  { zone: 'Australia/Brisbane', instant: '2026-02-28T23:30:00Z', day: '2026-03-01' },
  { zone: 'UTC', instant: '2026-02-28T23:30:00Z', day: '2026-02-28' },
  { zone: 'UTC', instant: '2026-03-01T00:30:00Z', day: '2026-03-01' },
  { zone: 'America/Los_Angeles', instant: '2026-03-01T00:30:00Z', day: '2026-02-28' },
  { zone: 'Pacific/Pago_Pago', instant: '2026-02-28T10:00:00Z', day: '2026-02-27' },
];
const savedTz = process.env['TZ'];

afterEach(() => {
  vi.useRealTimers();
  if (savedTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = savedTz;
});

describe.each(CASES)('a report built in $zone at $instant', ({ zone, instant, day }) => {
  it(`is issued on ${day}`, () => {
    process.env['TZ'] = zone;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(instant));
    const envelope = buildReportEnvelope({ card, child, fitness: { fit: true, statement: 'Fit.' } });
    expect(envelope.body.issuedOn).toBe(day);
  });
});
