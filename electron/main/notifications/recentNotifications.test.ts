import { describe, expect, it } from 'vitest';
import { RecentNotifications, recentNotificationLimit } from './recentNotifications.ts';

const note = (id: string) =>
  ({
    id,
    level: 'info',
    at: '2026-01-01T00:00:00.000Z',
    kind: 'report-ready',
    refs: { reportId: `rep-${id}` },
  }) as const;

describe('RecentNotifications', () => {
  it('hands out an identity’s own and the app-level notices, oldest first, once each', () => {
    const recent = new RecentNotifications();
    recent.record(null, note('renewal'));
    recent.record('alice', note('a1'));
    recent.record('bruno', note('b1'));
    recent.record('alice', note('a1'));
    expect(recent.list('alice').map((n) => n.id)).toEqual(['renewal', 'a1']);
    expect(recent.list('bruno').map((n) => n.id)).toEqual(['renewal', 'b1']);
    recent.keepOnly('bruno');
    expect(recent.list('alice').map((n) => n.id)).toEqual(['renewal']);
  });

  it('keeps only the newest ones', () => {
    const recent = new RecentNotifications();
    for (let i = 0; i < recentNotificationLimit + 7; i++) recent.record('alice', note(`n${i}`));
    const ids = recent.list('alice').map((n) => n.id);
    expect(ids).toHaveLength(recentNotificationLimit);
    expect(ids[0]).toBe('n7');
  });
});
