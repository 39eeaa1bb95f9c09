// The running session of the active identity: its Fabric connection, its workflow and its notification listener,
// opened when an identity becomes active and closed when another one does (or none is left). The workflow and
// connection handlers read `current()` / `connection()` on every call, so they always act as the active identity.
import path from 'node:path';
import { Role } from '@pediledger/domain';
import type { ConnectionProfile, OrgName } from '../../../shared/schemas/connectionProfile.ts';
import type { IdentitySummary } from '../../../shared/schemas/identity.ts';
import { OfflineError } from '../fabric/errors.ts';
import { toConnectionStateDto } from '../fabric/connectionHandlers.ts';
import { FabricConnection, type FabricConnectionOptions } from '../fabric/fabricConnection.ts';
import type { IdentityService } from '../identity/identityService.ts';
import type { EventHub } from '../ipc/event-hub.ts';
import type { IpcContract } from '../../../shared/ipc/contract.ts';
import { NotificationService } from '../notifications/notificationService.ts';
import type { ActiveUser } from '../notifications/relevance.ts';
import { toNotificationDto, toTxProgressDto } from '../workflow/ipcEvents.ts';
import { createWorkflow, type Workflow } from '../workflow/workflow.ts';

/** Options for {@link ActiveSession}. */
export interface ActiveSessionOptions {
  readonly identities: IdentityService;
  readonly resolveProfile: (org: OrgName) => Promise<ConnectionProfile>;
  /** Where `connection:state`, `tx:progress` and `notification` events go. */
  readonly events: EventHub<IpcContract>;
  /** The app data folder; notification checkpoints are kept in its `checkpoints` subfolder. */
  readonly dataDir: string;
  /** Where failures that no caller can receive (a broken event stream, a session that would not open) go. */
  readonly log: (message: string, error?: unknown) => void;
  /** Connection tuning (tests shorten timeouts); the profile and signing material come from the identity. */
  readonly connection?: Partial<Omit<FabricConnectionOptions, 'profile' | 'signing'>>;
}

/** One opened session; everything `close` must release. */
interface OpenSession {
  readonly identityId: string;
  readonly connection: FabricConnection;
  readonly workflow: Workflow;
  readonly notifications: NotificationService | null;
  /** Settles once the notification streams are open (or gave up); awaited on close so no loop outlives it. */
  readonly notificationsStarted: Promise<void>;
  readonly unsubscribe: () => void;
}

function isRole(role: string | null): role is ActiveUser['role'] {
  return Role.safeParse(role).success;
}

/** Who the notifications are for; null when the certificate carries no role the relevance rules know. */
function activeUserOf(identity: IdentitySummary): ActiveUser | null {
  if (!isRole(identity.role)) return null;
  return { uid: identity.uid ?? identity.enrollmentId, role: identity.role, schoolId: identity.schoolId };
}

/**
 * Follows the identity store's active identity. Changes are serialized: `sync` calls queue behind each other, so a
 * quick succession of switches never leaves two connections (and their gRPC clients and event streams) open.
 */
export class ActiveSession {
  readonly #options: ActiveSessionOptions;
  #session: OpenSession | null = null;
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: Readonly<ActiveSessionOptions>) {
    this.#options = options;
  }

  /** The active identity's workflow, or null while none is connected. */
  current(): Workflow | null {
    return this.#session?.workflow ?? null;
  }

  /** The identity whose session is open, or null while none is. */
  identityId(): string | null {
    return this.#session?.identityId ?? null;
  }

  /** The active identity's connection, or null while none is open. */
  connection(): FabricConnection | null {
    return this.#session?.connection ?? null;
  }

  /**
   * Brings the session in line with the identity store: opens the active identity's session, closes the previous
   * one first when the active identity changed, closes it when none is active. Never throws: a session that cannot
   * be opened is logged and leaves the app disconnected (the identity choice itself already succeeded).
   */
  sync(): Promise<void> {
    return this.#enqueue(async () => {
      if (this.#closed) return;
      const active = await this.#options.identities.getActive();
      if (active !== null && this.#session?.identityId === active.id) return;
      await this.#closeSession();
      if (active !== null) this.#session = await this.#open(active);
    });
  }

  /**
   * Reconnects with fresh signing material when `identityId`'s credentials were replaced (re-enrollment): the open
   * connection still signs with the old certificate, which would stop working once it expires. No-op for any other
   * identity.
   */
  credentialsReplaced(identityId: string): Promise<void> {
    return this.#enqueue(async () => {
      if (this.#closed || this.#session?.identityId !== identityId) return;
      await this.#closeSession();
      const active = await this.#options.identities.getActive();
      if (active !== null) this.#session = await this.#open(active);
    });
  }

  /** Closes the session for good (app quit, shell stop); later `sync` calls do nothing. */
  close(): Promise<void> {
    this.#closed = true;
    return this.#enqueue(() => this.#closeSession());
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(task).catch((error: unknown) => {
      this.#options.log('the active session could not be updated', error);
    });
    this.#queue = next;
    return next;
  }

  async #open(identity: IdentitySummary): Promise<OpenSession> {
    const { events, log } = this.#options;
    const profile = await this.#options.resolveProfile(identity.org);
    const signing = await this.#options.identities.getSigningMaterial(identity.id);
    const connection = new FabricConnection({ ...this.#options.connection, profile, signing });
    // Subscribed before opening, so the renderer sees `connected` (or `offline`) from the very first attempt.
    const unsubscribe = connection.onStateChange((state) => {
      events.emit('connection:state', toConnectionStateDto(state));
    });
    try {
      await connection.open();
    } catch (error) {
      // Offline is a state, not a failure: the connection keeps probing and the UI shows it. Anything else (a bad
      // profile) means there is no session to keep.
      if (!(error instanceof OfflineError)) {
        connection.close();
        unsubscribe();
        throw error;
      }
      log(`no gateway peer of ${identity.org} answers yet; retrying in the background`, error);
    }
    const workflow = createWorkflow({
      connection,
      onProgress: (progress) => events.emit('tx:progress', toTxProgressDto(progress)),
    });
    const user = activeUserOf(identity);
    const notifications =
      user === null
        ? null
        : new NotificationService({
            connection,
            channels: profile.channels,
            readers: workflow.notices,
            checkpointDir: path.join(this.#options.dataDir, 'checkpoints'),
            onNotification: (notification) => events.emit('notification', toNotificationDto(notification)),
            onError: (error) => {
              log('a chaincode event could not be handled', error);
            },
          });
    if (user === null) log(`identity ${identity.id} has no known role; it gets no notifications`);
    // In the background: the streams open only once the peer answers, and a session is usable before that.
    const notificationsStarted = (notifications?.start() ?? Promise.resolve()).catch((error: unknown) => {
      log('notifications could not be started', error);
    });
    return { identityId: identity.id, connection, workflow, notifications, notificationsStarted, unsubscribe };
  }

  async #closeSession(): Promise<void> {
    const session = this.#session;
    if (session === null) return;
    // Cleared first: calls arriving while the streams drain get NOT_CONNECTED rather than a closing connection.
    this.#session = null;
    // Streams first (they run on the connection), then a start still in flight, then the gRPC client.
    const stopping = session.notifications?.stop() ?? Promise.resolve();
    await Promise.allSettled([stopping, session.notificationsStarted]);
    // Again: a start that was still creating its folder began its loops after the first stop; this awaits them.
    await session.notifications?.stop();
    session.workflow.close();
    session.connection.close();
    // After close, so the renderer still hears `disconnected` from this connection.
    session.unsubscribe();
  }
}
