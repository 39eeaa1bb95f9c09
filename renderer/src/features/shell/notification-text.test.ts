// Notifications are worded here, in the renderer, from the kind and refs main sends (main builds no English).
import { describe, expect, it } from 'vitest';
import { NoticeKind } from '@pediledger/domain';
import { i18n } from '../../plugins/i18n.ts';
import { notificationText, type NotificationKind, type NotificationNames } from './notification-text.ts';

const t = (key: string, params?: Record<string, string>): string => i18n.global.t(key, params ?? {});
const noNames: NotificationNames = {
  pediatrician: () => undefined,
  school: () => undefined,
  identity: () => undefined,
};
const refs = { agreementId: 'agr-1', childId: 'child-a', reportId: 'rep-1', schoolId: 'oak-primary' };
const certificateKinds: NotificationKind[] = [
  'certificate-expired',
  'certificate-renewed',
  'certificate-renewal-failed',
];

describe('notificationText', () => {
  it.each([...NoticeKind.options, ...certificateKinds])('words %s with a title from the locale', (kind) => {
    const { title, body } = notificationText(
      { kind, refs: { ...refs, identityId: 'id-1', notAfter: 'x' } },
      t,
      noNames,
    );
    expect(title.length).toBeGreaterThan(0);
    expect(title).not.toContain('notifications.');
    expect(body).not.toContain('notifications.');
  });

  it('says who asked which school for which child, by id when the directory does not list them', () => {
    const attempt = notificationText(
      {
        kind: 'admission-attempted',
        refs: { childId: 'child-a', schoolId: 'oak-primary', applicantUid: 'parent-emma' },
      },
      t,
      noNames,
    );
    expect(attempt.body).toContain('parent-emma asked oak-primary to admit child child-a');
  });

  it('names pediatricians and schools as the directory lists them', () => {
    const names: NotificationNames = {
      ...noNames,
      pediatrician: (uid) => (uid === 'ped-alice' ? 'Dr Alice Moreau (ped-alice)' : undefined),
      school: (id) => (id === 'oak-primary' ? 'Oak Primary (oak-primary)' : undefined),
    };
    expect(
      notificationText(
        { kind: 'agreement-accepted', refs: { agreementId: 'agr-1', pediatricianUid: 'ped-alice' } },
        t,
        names,
      ).body,
    ).toBe('Dr Alice Moreau (ped-alice) accepted agreement agr-1.');
    expect(
      notificationText({ kind: 'report-opened', refs: { reportId: 'rep-1', schoolId: 'oak-primary' } }, t, names).body,
    ).toBe('Oak Primary (oak-primary) opened report rep-1.');
    expect(notificationText({ kind: 'report-opened', refs: { reportId: 'rep-1' } }, t, names).body).toBe(
      'A school opened report rep-1.',
    );
  });

  it('says an expired certificate expired, since when, and what to do, never "valid until"', () => {
    const notice = notificationText(
      { kind: 'certificate-expired', refs: { identityId: 'expired', notAfter: '2026-05-31T00:00:00.000Z' } },
      t,
      { ...noNames, identity: () => 'Dr Alice' },
    );
    expect(notice.title).toBe('The certificate of Dr Alice has expired');
    expect(notice.body).toBe(
      'It expired on 2026-05-31T00:00:00.000Z, so the network refuses it and it cannot be renewed. Ask your administrator for a new one-time secret, then enroll again.',
    );
    expect(notice.body).not.toMatch(/valid until|CA error/);
  });

  it('explains a failed renewal by its error code, and names the identity by its label', () => {
    const notice = notificationText(
      {
        kind: 'certificate-renewal-failed',
        refs: { identityId: 'id-1', notAfter: '2026-07-01T00:00:00.000Z', code: 'CA_UNREACHABLE' },
      },
      t,
      { ...noNames, identity: (id) => (id === 'id-1' ? 'School office' : undefined) },
    );
    expect(notice.title).toBe('Certificate of School office could not be renewed');
    expect(notice.body).toBe(`It is valid until 2026-07-01T00:00:00.000Z. ${t('errors.help.caUnreachable')}`);
  });

  it('gives a kind it does not know a generic title rather than a key', () => {
    expect(notificationText({ kind: 'something-new', refs: {} }, t, noNames).title).toBe(
      'Something changed on the ledger',
    );
  });
});
