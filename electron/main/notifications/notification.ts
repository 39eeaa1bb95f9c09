// A notification for the active user, built from a chaincode event that concerns them.

/** What happened, as the UI groups notifications. */
export type NotificationKind =
  | 'agreement-proposed'
  | 'agreement-accepted'
  | 'agreement-declined'
  | 'admission-requested'
  | 'admission-decided'
  | 'report-requested'
  | 'report-request-declined'
  | 'report-ready'
  | 'report-approved'
  | 'report-revoked'
  | 'report-opened';

/** One notification. Events carry ids only, so notifications do too: the UI reads details when it shows them. */
export interface UserNotification {
  /** The transaction id of the event: unique, and stable across a replay after restart. */
  id: string;
  kind: NotificationKind;
  level: 'info' | 'success' | 'warning';
  title: string;
  body: string;
  /** When the app received the event. */
  at: string;
  channel: string;
  /** Ids of the records concerned (agreementId, reportId, …). */
  refs: Record<string, string>;
}

/** Receives notifications for the active user. */
export type NotificationListener = (notification: UserNotification) => void;
