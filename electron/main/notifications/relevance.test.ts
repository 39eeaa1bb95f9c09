import { describe, expect, it } from 'vitest';
import { notificationSchema } from '../../../shared/ipc/dto/events.ts';
import { toNotificationDto } from '../workflow/ipcEvents.ts';
import { NoticeKind } from '../workflow/schemas.ts';
import { notificationOf } from './relevance.ts';

const txId = 'a'.repeat(64);
const refs = { agreementId: 'agr-1', childId: 'child-a', reportId: 'rep-1', schoolId: 'oak-primary' };

describe('notificationOf', () => {
  // The wording moved to the renderer (features/shell/notification-text.test.ts checks every kind reads).
  it.each(NoticeKind.options)('turns %s into a notification the IPC contract accepts', (kind) => {
    const notification = notificationOf('report', { txId, kind, refs }, new Date('2026-01-01T00:00:00Z'));
    expect(notification).toMatchObject({ id: txId, kind, channel: 'report', refs, at: '2026-01-01T00:00:00.000Z' });
    expect(notificationSchema.safeParse(toNotificationDto(notification)).success).toBe(true);
  });

  it('warns of refusals, revocations and attempts by someone else', () => {
    const level = (kind: NoticeKind): string => notificationOf('report', { txId, kind, refs: {} }).level;
    expect(level('admission-attempted')).toBe('warning');
    expect(level('report-revoked')).toBe('warning');
    expect(level('report-ready')).toBe('info');
    const attempt = notificationOf('report', {
      txId,
      kind: 'admission-attempted',
      refs: { childId: 'child-a', schoolId: 'oak-primary', applicantUid: 'parent-emma' },
    });
    // Who asked which school for which child travels as refs; the renderer words it (notification-text.test.ts).
    expect(attempt.refs).toEqual({ childId: 'child-a', schoolId: 'oak-primary', applicantUid: 'parent-emma' });
  });
});
