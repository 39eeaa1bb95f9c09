// The last notifications main sent, so a window that opens (or reloads) after they were emitted still shows them:
// events only reach pages that are listening, and the session starts streaming before the first page has loaded.
import type { EventPayload } from '../../../shared/ipc/api.ts';

type Notification = EventPayload<'notification'>;

/** How many notifications are kept for late windows. */
export const recentNotificationLimit = 50;

interface Entry {
  /** The identity whose session produced it; null for app-level notices (certificate renewal at startup). */
  readonly identityId: string | null;
  readonly notification: Notification;
}

/**
 * A bounded, per-identity memory of notifications. Another identity's notices are never handed out: they may name
 * children the new identity must not see on a shared computer.
 */
export class RecentNotifications {
  #entries: Entry[] = [];

  /** Remembers `notification`, produced while `identityId` was active. */
  record(identityId: string | null, notification: Notification): void {
    if (this.#entries.some((entry) => entry.notification.id === notification.id)) return;
    this.#entries = [...this.#entries, { identityId, notification }].slice(-recentNotificationLimit);
  }

  /** The notifications `identityId` may see, oldest first: its own and the app-level ones. */
  list(identityId: string | null): Notification[] {
    return this.#entries
      .filter((entry) => entry.identityId === null || entry.identityId === identityId)
      .map((entry) => entry.notification);
  }

  /** Forgets every notification of identities other than `identityId` (called when the active identity changes). */
  keepOnly(identityId: string | null): void {
    this.#entries = this.#entries.filter((entry) => entry.identityId === null || entry.identityId === identityId);
  }
}
