// A notification for the active user, built from a chaincode notice that concerns them.
import type { NoticeKind } from '../workflow/schemas.ts';

/** What happened, as the UI groups notifications: the kind of the chaincode's notice. */
export type NotificationKind = NoticeKind;

/**
 * One notification. Notices carry ids only, so notifications do too: the renderer words them in the user's locale and
 * reads names and details when it shows them.
 */
export interface UserNotification {
  /** The transaction id of the notice: unique, and stable across a replay after restart. */
  id: string;
  kind: NotificationKind;
  level: 'info' | 'success' | 'warning';
  /** When the app received the notice. */
  at: string;
  channel: string;
  /** Ids of the records concerned (agreementId, reportId, …). */
  refs: Record<string, string>;
}

/** Receives notifications for the active user. */
export type NotificationListener = (notification: UserNotification) => void;
