import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { notificationSchema } from '../../../shared/ipc/dto/events.ts';
import type { IdentitySummary } from '../../../shared/schemas/identity.ts';
import { renewDueIdentities, type RenewalNotice } from './startupRenewal.ts';

const now = new Date('2026-06-01T00:00:00.000Z');
const day = 86_400_000;

function identity(id: string, daysLeft: number): IdentitySummary {
  return {
    id,
    label: `Label ${id}`,
    org: 'parents',
    mspId: 'ParentsMSP',
    enrollmentId: `user-${id}`,
    uid: `user-${id}`,
    role: 'parent',
    schoolId: null,
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: new Date(now.getTime() + daysLeft * day).toISOString(),
    fingerprint256: 'AA:BB',
    addedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('renewDueIdentities', () => {
  it('re-enrolls only identities within 30 days of expiry, and reports each outcome without throwing', async () => {
    const due = identity('due', 3);
    const refused = identity('refused', 2);
    const fresh = identity('fresh', 200);
    const reenroll = vi.fn((id: string) => {
      if (id === 'refused') return Promise.reject(new AppError('ENROLLMENT_FAILED', 'certificate has been revoked'));
      return Promise.resolve({ ...due, notAfter: '2027-06-01T00:00:00.000Z' });
    });
    const notices: RenewalNotice[] = [];
    const log = vi.fn();
    const report = await renewDueIdentities({
      identities: { list: () => Promise.resolve([due, refused, fresh]) },
      reenroll,
      notify: (notice) => notices.push(notice),
      log,
      now: () => now,
    });
    expect(reenroll.mock.calls.map(([id]) => id)).toEqual(['due', 'refused']);
    expect(report.renewed.map((renewed) => renewed.notAfter)).toEqual(['2027-06-01T00:00:00.000Z']);
    expect(report.failed).toEqual([
      { identity: refused, error: { code: 'ENROLLMENT_FAILED', message: 'certificate has been revoked' } },
    ]);
    expect(notices.map((notice) => [notice.id, notice.level, notice.kind])).toEqual([
      ['renewed-due', 'success', 'certificate-renewed'],
      ['renewal-failed-refused', 'warning', 'certificate-renewal-failed'],
    ]);
    // Every notice fits the contract's notification event, so the EventHub will not drop it.
    for (const notice of notices) expect(notificationSchema.safeParse(notice).success).toBe(true);
    expect(log).toHaveBeenCalledTimes(2);
  });

  it('does not ask the CA to renew an expired certificate: it says it expired, since when, and what to do', async () => {
    const expired = { ...identity('expired', -1), label: 'x'.repeat(200) };
    const reenroll = vi.fn(() => Promise.reject(new Error('must not be called')));
    const notices: RenewalNotice[] = [];
    const log = vi.fn();
    const report = await renewDueIdentities({
      identities: { list: () => Promise.resolve([expired]) },
      reenroll,
      notify: (notice) => notices.push(notice),
      log,
      now: () => now,
    });
    expect(reenroll).not.toHaveBeenCalled();
    expect(report).toEqual({ renewed: [], expired: [expired], failed: [] });
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice?.kind).toBe('certificate-expired');
    // Since when travels as a ref; the renderer words it ("It expired on …, … enroll again": notification-text.test.ts).
    expect(notice?.refs).toEqual({ identityId: 'expired', notAfter: '2026-05-31T00:00:00.000Z' });
    expect(notificationSchema.safeParse(notice).success).toBe(true);
    expect(log).toHaveBeenCalledWith(
      'the certificate of user-expired@ParentsMSP expired on 2026-05-31T00:00:00.000Z; not renewed: the user must enroll again',
    );
  });

  it('gives up quietly (with a log line) when the identity list cannot be read', async () => {
    const log = vi.fn();
    const report = await renewDueIdentities({
      identities: { list: () => Promise.reject(new AppError('IDENTITY_STORE_CORRUPT', 'bad json')) },
      reenroll: () => Promise.reject(new Error('not called')),
      log,
    });
    expect(report).toEqual({ renewed: [], expired: [], failed: [] });
    expect(log).toHaveBeenCalledWith('certificate renewal skipped: bad json');
  });
});
