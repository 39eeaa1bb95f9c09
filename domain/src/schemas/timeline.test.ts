import { describe, expect, it } from 'vitest';
import {
  agreementEvents,
  cardEvents,
  filterTimeline,
  mergeTimeline,
  readEvents,
  reportEvents,
  type TimelineEvent,
  TimelineEvent as TimelineEventSchema,
} from './timeline.ts';
import { agreement, allergy, approvedReport, TX } from '../testing/timeline.ts';

function event(overrides: Partial<TimelineEvent>): TimelineEvent {
  return {
    kind: 'agreement',
    channel: 'medical',
    action: 'proposed',
    recordId: 'agr-1',
    by: 'parent-carla',
    at: '2025-03-01T09:00:00.000Z',
    txId: TX(1),
    ...overrides,
  };
}

const report = approvedReport([
  { status: 'ready', by: 'ped-alice', at: '2025-03-03T08:00:00.000Z', txId: TX(4) },
  { status: 'approved', by: 'parent-carla', at: '2025-03-03T09:00:00.000Z', txId: TX(5), schoolId: 'oak-primary' },
]);

describe('timeline events from records', () => {
  it('turns every change, entry, permission and read into a valid event with who, when and the transaction', () => {
    const events = [
      ...agreementEvents(agreement),
      ...cardEvents([allergy]),
      ...reportEvents(report),
      ...readEvents([
        { reportId: 'rep-1', schoolId: 'oak-primary', uid: 'admin-oak', at: '2025-03-04T07:00:00Z', txId: TX(6) },
      ]),
    ];
    for (const e of events) expect(TimelineEventSchema.parse(e)).toEqual(e);
    expect(events.map((e) => [e.kind, e.channel, e.action, e.by])).toEqual([
      ['agreement', 'medical', 'proposed', 'parent-carla'],
      ['agreement', 'medical', 'active', 'ped-alice'],
      ['card', 'medical', 'allergy', 'ped-alice'],
      ['report', 'report', 'ready', 'ped-alice'],
      ['permission', 'report', 'approved', 'parent-carla'],
      ['read', 'report', 'read', 'admin-oak'],
    ]);
    expect(events[3]?.txId).toBe(TX(4));
    // A card event names the entry's kind, never its content.
    expect(JSON.stringify(cardEvents([allergy]))).not.toContain('Peanuts');
  });
});

describe('mergeTimeline', () => {
  it('orders both channels together, newest first', () => {
    const medical = [...agreementEvents(agreement), ...cardEvents([allergy])];
    const reportSide = [...reportEvents(report)];
    const merged = mergeTimeline([reportSide, medical]);
    expect(merged.map((e) => `${e.channel}:${e.action}`)).toEqual([
      'report:approved',
      'report:ready',
      'medical:allergy',
      'medical:active',
      'medical:proposed',
    ]);
  });

  it('compares instants, not text: within one second a later millisecond comes first', () => {
    const whole = event({ at: '2025-03-01T09:00:00Z', txId: TX(7), recordId: 'agr-a' });
    const half = event({
      at: '2025-03-01T09:00:00.500Z',
      txId: TX(8),
      recordId: 'agr-b',
      channel: 'report',
      kind: 'admission',
    });
    const earlier = event({ at: '2025-03-01T08:59:59.999Z', txId: TX(9), recordId: 'agr-c' });
    expect(mergeTimeline([[whole, earlier], [half]]).map((e) => e.recordId)).toEqual(['agr-b', 'agr-a', 'agr-c']);
  });

  it('orders the same instant the same way whatever the order of the reads (ties: tx id, kind, later change)', () => {
    const at = '2025-03-01T09:00:00.000Z';
    const a = event({ at, txId: TX(2), kind: 'report', channel: 'report', recordId: 'rep-2', action: 'ready' });
    const b = event({
      at,
      txId: TX(2),
      kind: 'reportRequest',
      channel: 'report',
      recordId: 'rr-1',
      action: 'fulfilled',
    });
    const c = event({ at, txId: TX(1), kind: 'card', recordId: 'e-1', action: 'allergy' });
    const first = mergeTimeline([[a, b], [c]]);
    expect(mergeTimeline([[c], [b, a]])).toEqual(first);
    expect(first.map((e) => e.recordId)).toEqual(['e-1', 'rr-1', 'rep-2']);
    const proposed = event({ at, action: 'proposed' });
    const active = event({ at, action: 'active' });
    expect(mergeTimeline([[proposed, active]]).map((e) => e.action)).toEqual(['active', 'proposed']);
  });

  it('is independent of the reader zone: instants are UTC, shown later in the user zone', () => {
    const events = [...agreementEvents(agreement), ...reportEvents(report)];
    // The domain is process-neutral (no Node types); the test runs in Node, whose zone follows TZ.
    const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
    const original = env.TZ;
    const results = ['Pacific/Kiritimati', 'Australia/Sydney', 'UTC', 'America/Los_Angeles', 'Pacific/Pago_Pago'].map(
      (zone) => {
        env.TZ = zone;
        return mergeTimeline([events]).map((e) => e.txId);
      },
    );
    if (original === undefined) delete env.TZ;
    else env.TZ = original;
    for (const result of results) expect(result).toEqual(results[0]);
  });

  it('lists an event read by two reads once', () => {
    const e = event({});
    expect(mergeTimeline([[e], [{ ...e }]])).toHaveLength(1);
  });
});

describe('filterTimeline', () => {
  const all = mergeTimeline([
    agreementEvents(agreement),
    cardEvents([allergy]),
    reportEvents(report),
    readEvents([
      { reportId: 'rep-1', schoolId: 'oak-primary', uid: 'admin-oak', at: '2025-03-04T07:00:00Z', txId: TX(6) },
    ]),
  ]);

  it('keeps the kinds asked for, in order; no kind asked means every kind', () => {
    expect(filterTimeline(all, new Set())).toEqual(all);
    expect(filterTimeline(all, new Set(['read', 'permission'] as const)).map((e) => e.kind)).toEqual([
      'read',
      'permission',
    ]);
    expect(filterTimeline(all, new Set(['card'] as const)).map((e) => e.action)).toEqual(['allergy']);
    expect(filterTimeline(all, new Set(['admission'] as const))).toEqual([]);
  });
});
