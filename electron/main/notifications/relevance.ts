// Turns the chaincode's notices into the active user's notifications. Which transactions concern the user is the
// chaincode's decision (ListMyNotices answers a caller only its own notices; see chaincode/README.md, "Notices");
// this module only words them.
import type { Notice, NoticeKind } from '../workflow/schemas.ts';
import type { NotificationKind, UserNotification } from './notification.ts';

/** Who the active user is, from their certificate's attributes (a session without a known role gets no notices). */
export interface ActiveUser {
  uid: string;
  role: 'pediatrician' | 'parent' | 'school-admin';
  schoolId: string | null;
}

/** Asks a chaincode which of the transactions the app received events for concern the caller. */
export interface NoticeReader {
  listMyNotices(txIds: readonly string[]): Promise<Notice[]>;
}

/** The notice readers of both channels (the workflows of the active session). */
export interface RelevanceReaders {
  medical: NoticeReader;
  report: NoticeReader;
}

type Refs = Readonly<Record<string, string>>;
type Wording = (refs: Refs) => { title: string; body: string };

/** How the app words each kind of notice; refs are ids only, so the UI reads details when it shows them. */
const WORDING: Readonly<Record<NoticeKind, Wording>> = {
  'agreement-proposed': (r) => ({
    title: 'New care agreement',
    body: `A family proposes agreement ${r['agreementId'] ?? ''}.`,
  }),
  'agreement-accepted': (r) => ({
    title: 'Agreement accepted',
    body: `${r['pediatricianUid'] ?? 'The pediatrician'} accepted agreement ${r['agreementId'] ?? ''}.`,
  }),
  'agreement-declined': (r) => ({
    title: 'Agreement declined',
    body: `${r['pediatricianUid'] ?? 'The pediatrician'} declined agreement ${r['agreementId'] ?? ''}.`,
  }),
  'admission-requested': (r) => ({
    title: 'New admission request',
    body: `Admission request ${r['requestId'] ?? ''} arrived.`,
  }),
  'admission-decided': (r) => ({
    title: 'Admission decided',
    body: `Admission request ${r['requestId'] ?? ''} was ${r['status'] ?? 'decided'}.`,
  }),
  'admission-attempted': (r) => ({
    title: 'Someone else applied for your child',
    body:
      `${r['applicantUid'] ?? 'Another parent'} asked ${r['schoolId'] ?? 'a school'} to admit child ` +
      `${r['childId'] ?? ''}. It was refused: only the child's guardians may apply. No request was made.`,
  }),
  'report-requested': (r) => ({
    title: 'Report requested',
    body: `A school asks for a report (${r['reportRequestId'] ?? ''}).`,
  }),
  'report-request-declined': (r) => ({
    title: 'Report request declined',
    body: `Report request ${r['reportRequestId'] ?? ''} was declined.`,
  }),
  'report-ready': (r) => ({
    title: 'Report ready',
    body: `Report ${r['reportId'] ?? ''} is ready for your approval.`,
  }),
  'report-approved': (r) => ({
    title: 'Report shared with you',
    body: `Report ${r['reportId'] ?? ''} may now be opened.`,
  }),
  'report-revoked': (r) => ({
    title: 'Access revoked',
    body: `Access to report ${r['reportId'] ?? ''} was revoked.`,
  }),
  'report-opened': (r) => ({
    title: 'Report opened',
    body: `${r['schoolId'] ?? 'A school'} opened report ${r['reportId'] ?? ''}.`,
  }),
};

const WARNINGS: ReadonlySet<NotificationKind> = new Set<NotificationKind>([
  'agreement-declined',
  'report-request-declined',
  'report-revoked',
  'admission-attempted',
]);

/** The notification a notice of `channel` means for the active user. `at` is when the app received it. */
export function notificationOf(channel: string, notice: Readonly<Notice>, at: Date = new Date()): UserNotification {
  return {
    ...WORDING[notice.kind](notice.refs),
    id: notice.txId,
    kind: notice.kind,
    level: WARNINGS.has(notice.kind) ? 'warning' : 'info',
    at: at.toISOString(),
    channel,
    refs: { ...notice.refs },
  };
}
