// Turns the chaincode's notices into the active user's notifications. Which transactions concern the user is the
// chaincode's decision (ListMyNotices answers a caller only its own notices; see chaincode/README.md, "Notices");
// this module only grades them. The renderer words them (renderer/src/stores/notification-text.ts).
import type { Role } from '@pediledger/domain';
import type { Notice } from '../workflow/schemas.ts';
import type { NotificationKind, UserNotification } from './notification.ts';

/** Who the active user is, from their certificate's attributes (a session without a known role gets no notices). */
export interface ActiveUser {
  uid: string;
  role: Role;
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

const WARNINGS: ReadonlySet<NotificationKind> = new Set<NotificationKind>([
  'agreement-declined',
  'report-request-declined',
  'report-revoked',
  'admission-attempted',
]);

/** The notification a notice of `channel` means for the active user. `at` is when the app received it. */
export function notificationOf(channel: string, notice: Readonly<Notice>, at: Date = new Date()): UserNotification {
  return {
    id: notice.txId,
    kind: notice.kind,
    level: WARNINGS.has(notice.kind) ? 'warning' : 'info',
    at: at.toISOString(),
    channel,
    refs: { ...notice.refs },
  };
}
