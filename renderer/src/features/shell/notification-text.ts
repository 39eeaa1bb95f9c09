// How a notification reads: main sends what happened (`kind`) and the ids concerned (`refs`); the words come from the
// locale, and ids become directory names where the directory lists them ("Dr Alice Moreau (ped-alice)").
import { useI18n } from 'vue-i18n';
import type { NoticeKind } from '@pediledger/domain';
import type { EventPayload } from '../../../../shared/ipc/api.ts';
import { errorHelpKey } from '../../lib/error-help.ts';
import { useSessionStore } from '../../stores/session.ts';
import { useDirectoryStore } from '../directory/directory-store.ts';

/** Every kind main sends: the chaincode's notices, and the certificate renewal's outcomes (startupRenewal.ts). */
export type NotificationKind =
  NoticeKind | 'certificate-expired' | 'certificate-renewed' | 'certificate-renewal-failed';

/** The locale entry (`notifications.kinds.<entry>`) of each kind; a kind without one does not compile. */
const ENTRY = {
  'agreement-proposed': 'agreementProposed',
  'agreement-accepted': 'agreementAccepted',
  'agreement-declined': 'agreementDeclined',
  'admission-requested': 'admissionRequested',
  'admission-decided': 'admissionDecided',
  'admission-attempted': 'admissionAttempted',
  'report-requested': 'reportRequested',
  'report-request-declined': 'reportRequestDeclined',
  'report-ready': 'reportReady',
  'report-approved': 'reportApproved',
  'report-revoked': 'reportRevoked',
  'report-opened': 'reportOpened',
  'certificate-expired': 'certificateExpired',
  'certificate-renewed': 'certificateRenewed',
  'certificate-renewal-failed': 'certificateRenewalFailed',
} as const satisfies Record<NotificationKind, string>;

/** What the wording may look up: names for ids (undefined when not known). */
export interface NotificationNames {
  /** A pediatrician's directory title by uid. */
  pediatrician(uid: string): string | undefined;
  /** A school's directory title by school id. */
  school(schoolId: string): string | undefined;
  /** The label of one of this computer's identities. */
  identity(identityId: string): string | undefined;
}

/** vue-i18n's `t`, as far as the wording needs it. */
export type Translate = (key: string, params?: Record<string, string>) => string;

/** The title and body of `notification` in the locale of `t`. */
export function notificationText(
  notification: Pick<EventPayload<'notification'>, 'kind' | 'refs'>,
  t: Translate,
  names: NotificationNames,
): { title: string; body: string } {
  const entry = (ENTRY as Readonly<Record<string, string>>)[notification.kind];
  if (entry === undefined) return { title: t('notifications.kinds.unknown.title'), body: '' };
  const refs = notification.refs;
  const id = (key: string): string => refs[key] ?? '';
  const pediatricianUid = refs['pediatricianUid'];
  const schoolId = refs['schoolId'];
  const applicantUid = refs['applicantUid'];
  const identityId = refs['identityId'];
  const code = refs['code'];
  const schoolName = schoolId === undefined ? undefined : (names.school(schoolId) ?? schoolId);
  const params: Record<string, string> = {
    ...refs,
    agreementId: id('agreementId'),
    requestId: id('requestId'),
    reportRequestId: id('reportRequestId'),
    reportId: id('reportId'),
    childId: id('childId'),
    notAfter: id('notAfter'),
    status: refs['status'] ?? t('notifications.fallback.decided'),
    pediatrician:
      pediatricianUid === undefined
        ? t('notifications.fallback.pediatrician')
        : (names.pediatrician(pediatricianUid) ?? pediatricianUid),
    // "a school" inside a sentence, "A school" where one starts with it.
    school: schoolName ?? t('notifications.fallback.aSchool'),
    School: schoolName ?? t('notifications.fallback.school'),
    applicant: applicantUid ?? t('notifications.fallback.applicant'),
    label: identityId === undefined ? '' : (names.identity(identityId) ?? identityId),
    help: code === undefined ? '' : t(errorHelpKey(code)),
  };
  return {
    title: t(`notifications.kinds.${entry}.title`, params),
    body: t(`notifications.kinds.${entry}.body`, params),
  };
}

/** {@link notificationText} with the app's locale, directory and identity list. */
export function useNotificationText(): (notification: Pick<EventPayload<'notification'>, 'kind' | 'refs'>) => {
  title: string;
  body: string;
} {
  const { t } = useI18n();
  const directory = useDirectoryStore();
  const session = useSessionStore();
  const names: NotificationNames = {
    pediatrician: (uid) =>
      directory.entryOf('pediatrician', uid) === undefined ? undefined : directory.titleOf('pediatrician', uid),
    school: (schoolId) =>
      directory.entryOf('school', schoolId) === undefined ? undefined : directory.titleOf('school', schoolId),
    identity: (identityId) => session.identities.find((identity) => identity.id === identityId)?.label,
  };
  return (notification) => notificationText(notification, t, names);
}
