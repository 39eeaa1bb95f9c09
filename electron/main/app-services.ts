// The app's composition root: builds the plain Node services once, from a data folder, for whichever shell hosts
// the renderer. Electron's main and the browser shell both call createAppServices, so both transports serve the
// same identity store, CA client and connection profiles.
import { ipcContract, type IpcContract } from '../../shared/ipc/contract.ts';
import { notificationSchema } from '../../shared/ipc/dto/events.ts';
import type { OrgName, ConnectionProfile } from '../../shared/schemas/connectionProfile.ts';
import { createEnrollmentHandlers, type EnrollmentHandlers } from './enrollment/enrollmentHandlers.ts';
import { EnrollmentService } from './enrollment/enrollmentService.ts';
import {
  renewDueIdentities,
  type StartupRenewalOptions,
  type StartupRenewalReport,
} from './enrollment/startupRenewal.ts';
import { createConnectionHandlers } from './fabric/connectionHandlers.ts';
import { ConnectionProfileStore } from './fabric/connectionProfiles.ts';
import type { FabricConnectionOptions } from './fabric/fabricConnection.ts';
import { createIdentityHandlers, type IdentityHandlers } from './identity/identityHandlers.ts';
import { DEFAULT_KEYCHAIN_SERVICE, IdentityService } from './identity/identityService.ts';
import { KeytarSecretStore } from './identity/keytarSecretStore.ts';
import type { SecretStore } from './identity/secretStore.ts';
import { EventHub } from './ipc/event-hub.ts';
import type { Handlers } from './ipc/handlers.ts';
import { AppLock } from './lock/appLock.ts';
import { createLockHandlers, type LockHandlers } from './lock/lockHandlers.ts';
import { RecentNotifications } from './notifications/recentNotifications.ts';
import { createDemoHandlers, DemoIdentities, type DemoHandlers } from './profiles/demoIdentities.ts';
import { createProfileHandlers, type ProfileHandlers } from './profiles/profileHandlers.ts';
import { ActiveSession } from './session/activeSession.ts';
import { createAppLog } from './util/appLog.ts';
import { createWorkflowHandlers, type WorkflowChannel } from './workflow/workflowHandlers.ts';
import { createFhirHandlers, type FhirHandlers } from './fhir/fhirExport.ts';

/** Options for {@link createAppServices}. */
export interface AppServicesOptions {
  /** The per-user app data folder (Electron's `userData`); only non-secret files are written there. */
  readonly dataDir: string;
  /**
   * Folder with the local network's `<org>.json` profiles (see `defaultNetworkProfilesDir`). Profiles an
   * administrator imported into `<dataDir>/profiles` take precedence.
   */
  readonly networkProfilesDir?: string;
  /** Where certificates and keys are kept; default the OS keychain (keytar). */
  readonly secrets?: SecretStore;
  /** Keychain service name; tests pass a unique one so runs never see each other's entries. */
  readonly keychainService?: string;
  /** Per-request timeout towards the Fabric CAs. */
  readonly caTimeoutMs?: number;
  /**
   * The hub the shell forwards to its renderers; the active session emits `connection:state`, `tx:progress` and
   * `notification` there. Default: a new hub, available as `AppServices.events`.
   */
  readonly events?: EventHub<IpcContract>;
  /** Where failures no caller can receive are reported (default: stderr, through `createAppLog`). */
  readonly log?: (message: string, error?: unknown) => void;
  /** Connection tuning for the active session (tests shorten timeouts). */
  readonly connection?: Partial<Omit<FabricConnectionOptions, 'profile' | 'signing'>>;
}

/** The handlers the services provide, to pass to `createAppHandlers`. */
export type AppServiceHandlers = IdentityHandlers &
  EnrollmentHandlers &
  DemoHandlers &
  ProfileHandlers &
  LockHandlers &
  FhirHandlers &
  Pick<Handlers, 'connection:state' | 'notifications:recent' | WorkflowChannel>;

/** The running services of one app instance. */
export interface AppServices {
  readonly dataDir: string;
  readonly identities: IdentityService;
  readonly enrollment: EnrollmentService;
  readonly profiles: ConnectionProfileStore;
  /** The connection profile of an organisation; throws `INVALID_CONNECTION_PROFILE` when there is none. */
  resolveProfile(org: OrgName): Promise<ConnectionProfile>;
  /** The active identity's connection, workflow and notifications. */
  readonly session: ActiveSession;
  /**
   * The app lock. Pass it to the router (`createIpcRouter(…, { lock })`), which refuses every entry the contract
   * declares `whileLocked: 'refuse'` while it is locked.
   */
  readonly lock: AppLock;
  /** Where the services' events go; the shells forward it to their renderers. */
  readonly events: EventHub<IpcContract>;
  /** Handlers for identity:*, enrollment:*, profiles:*, lock:*, connection:state and the workflow entries. */
  readonly handlers: AppServiceHandlers;
  /** Opens the session of the identity that is active at startup (if any); never throws. */
  openActiveSession(): Promise<void>;
  /** Closes the active session (event streams, gRPC clients); for app quit and shell stop. */
  close(): Promise<void>;
  /** Re-enrolls identities whose certificate expires soon; never throws (see `renewDueIdentities`). */
  renewDueIdentities(options?: Pick<StartupRenewalOptions, 'notify' | 'log' | 'now'>): Promise<StartupRenewalReport>;
}

/**
 * Wraps the handlers that can change which identity is active so the session follows: each answers once the session
 * matches the new choice, so the renderer's next workflow call already runs as the chosen identity.
 */
function followingActiveIdentity(
  handlers: IdentityHandlers & EnrollmentHandlers & DemoHandlers,
  session: ActiveSession,
  lock: AppLock,
): IdentityHandlers & EnrollmentHandlers & DemoHandlers {
  return {
    ...handlers,
    'identity:setActive': async (args, context) => {
      const result = await handlers['identity:setActive'](args, context);
      await session.sync();
      return result;
    },
    'identity:remove': async (args, context) => {
      const result = await handlers['identity:remove'](args, context);
      await lock.forgetIdentity(args.id);
      await session.sync();
      return result;
    },
    // The first identity added becomes active (see IdentityService.add); later ones leave the choice alone, which
    // sync notices without reconnecting.
    'enrollment:enroll': async (args, context) => {
      const result = await handlers['enrollment:enroll'](args, context);
      await session.sync();
      return result;
    },
    'enrollment:importPem': async (args, context) => {
      const result = await handlers['enrollment:importPem'](args, context);
      await session.sync();
      return result;
    },
    // A demo user is made active at once: one click on the first-run screen, and the app is connected as it.
    'demo:use': async (args, context) => {
      const result = await handlers['demo:use'](args, context);
      await session.sync();
      return result;
    },
  };
}

/** Builds the services on `dataDir`. Nothing is read or written until a service is used. */
export function createAppServices(options: AppServicesOptions): AppServices {
  const log = options.log ?? createAppLog('[services]');
  const events = options.events ?? new EventHub(ipcContract, log);
  const secrets = options.secrets ?? new KeytarSecretStore();
  const keychainService = options.keychainService ?? DEFAULT_KEYCHAIN_SERVICE;
  const identities = new IdentityService({ secrets, dataDir: options.dataDir, keychainService });
  // The lock's PIN hashes get a service of their own, so listing identities never sees them.
  const lock = new AppLock({
    secrets,
    service: `${keychainService}.lock`,
    activeIdentityId: async () => (await identities.getActive())?.id ?? null,
    onChange: (state) => {
      events.emit('lock:state', state);
    },
  });
  const profiles = new ConnectionProfileStore({
    dataDir: options.dataDir,
    ...(options.networkProfilesDir === undefined ? {} : { networkProfilesDir: options.networkProfilesDir }),
  });
  const resolveProfile = (org: OrgName): Promise<ConnectionProfile> => profiles.get(org);
  const enrollment = new EnrollmentService({
    identities,
    resolveProfile,
    ...(options.caTimeoutMs === undefined ? {} : { caTimeoutMs: options.caTimeoutMs }),
  });
  const demo = new DemoIdentities({
    demoUsers: (org) => profiles.localNetworkDemoUsers(org),
    importPem: (input) => enrollment.importPem(input),
    identities,
  });
  const session = new ActiveSession({
    identities,
    resolveProfile,
    events,
    dataDir: options.dataDir,
    log,
    ...(options.connection === undefined ? {} : { connection: options.connection }),
  });
  // Notifications a window missed (it opened or reloaded after they were sent) are handed out on request.
  const recent = new RecentNotifications();
  events.subscribe((event, payload) => {
    if (event !== 'notification') return;
    const parsed = notificationSchema.safeParse(payload);
    if (parsed.success) recent.record(session.identityId(), parsed.data);
  });
  return {
    dataDir: options.dataDir,
    identities,
    enrollment,
    profiles,
    resolveProfile,
    session,
    lock,
    events,
    handlers: {
      ...followingActiveIdentity(
        {
          ...createIdentityHandlers(identities),
          ...createEnrollmentHandlers(enrollment),
          ...createDemoHandlers(demo),
        },
        session,
        lock,
      ),
      ...createProfileHandlers(profiles),
      ...createLockHandlers(lock),
      ...createConnectionHandlers({ current: () => session.connection() }),
      'notifications:recent': () => {
        const identityId = session.identityId();
        recent.keepOnly(identityId);
        return recent.list(identityId);
      },
      ...createWorkflowHandlers({ current: () => session.current() }),
      ...createFhirHandlers({ current: () => session.current() }),
    },
    openActiveSession: () => session.sync(),
    close: () => session.close(),
    renewDueIdentities: async (renewal = {}) => {
      const report = await renewDueIdentities({
        ...renewal,
        identities,
        reenroll: (identityId) => enrollment.reenroll(identityId),
      });
      // The session may have opened with the old certificate while renewal ran: it reconnects with the new one.
      for (const renewed of report.renewed) await session.credentialsReplaced(renewed.id);
      return report;
    },
  };
}
