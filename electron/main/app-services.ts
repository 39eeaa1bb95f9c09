// The app's composition root: builds the plain Node services once, from a data folder, for whichever shell hosts
// the renderer. Electron's main and the browser shell both call createAppServices, so both transports serve the
// same identity store, CA client and connection profiles.
import type { OrgName, ConnectionProfile } from '../../shared/schemas/connectionProfile.ts';
import { createEnrollmentHandlers, type EnrollmentHandlers } from './enrollment/enrollmentHandlers.ts';
import { EnrollmentService } from './enrollment/enrollmentService.ts';
import {
  renewDueIdentities,
  type StartupRenewalOptions,
  type StartupRenewalReport,
} from './enrollment/startupRenewal.ts';
import { ConnectionProfileStore } from './fabric/connectionProfiles.ts';
import { createIdentityHandlers, type IdentityHandlers } from './identity/identityHandlers.ts';
import { IdentityService } from './identity/identityService.ts';
import { KeytarSecretStore } from './identity/keytarSecretStore.ts';
import type { SecretStore } from './identity/secretStore.ts';
import { createProfileHandlers, type ProfileHandlers } from './profiles/profileHandlers.ts';

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
}

/** The handlers the services provide, to pass to `createAppHandlers`. */
export type AppServiceHandlers = IdentityHandlers & EnrollmentHandlers & ProfileHandlers;

/** The running services of one app instance. */
export interface AppServices {
  readonly dataDir: string;
  readonly identities: IdentityService;
  readonly enrollment: EnrollmentService;
  readonly profiles: ConnectionProfileStore;
  /** The connection profile of an organisation; throws `INVALID_CONNECTION_PROFILE` when there is none. */
  resolveProfile(org: OrgName): Promise<ConnectionProfile>;
  /** Handlers for identity:*, enrollment:* and profiles:list. */
  readonly handlers: AppServiceHandlers;
  /** Re-enrolls identities whose certificate expires soon; never throws (see `renewDueIdentities`). */
  renewDueIdentities(options?: Pick<StartupRenewalOptions, 'notify' | 'log' | 'now'>): Promise<StartupRenewalReport>;
}

/** Builds the services on `dataDir`. Nothing is read or written until a service is used. */
export function createAppServices(options: AppServicesOptions): AppServices {
  const identities = new IdentityService({
    secrets: options.secrets ?? new KeytarSecretStore(),
    dataDir: options.dataDir,
    ...(options.keychainService === undefined ? {} : { keychainService: options.keychainService }),
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
  return {
    dataDir: options.dataDir,
    identities,
    enrollment,
    profiles,
    resolveProfile,
    handlers: {
      ...createIdentityHandlers(identities),
      ...createEnrollmentHandlers(enrollment),
      ...createProfileHandlers(profiles),
    },
    renewDueIdentities: (renewal = {}) =>
      renewDueIdentities({
        ...renewal,
        identities,
        reenroll: (identityId) => enrollment.reenroll(identityId),
      }),
  };
}
