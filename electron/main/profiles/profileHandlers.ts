// The contract's profiles:list and profiles:import entries: which organisations this app can reach (without endpoints
// or file paths), and adding one from a portable profile file an administrator handed out.
import type { ConnectionProfileSummary } from '../../../shared/ipc/dto/profiles.ts';
import type { ConnectionProfile } from '../../../shared/schemas/connectionProfile.ts';
import { InvalidConnectionProfileError } from '../enrollment/errors.ts';
import type { Handlers } from '../ipc/handlers.ts';
import { connectionProfileSummarySchema } from '../../../shared/ipc/dto/profiles.ts';

/** Anything that lists and imports connection profiles (the app's ConnectionProfileStore). */
export interface ProfileLister {
  list(): Promise<ConnectionProfile[]>;
  /** Stores a portable profile; `check` runs before anything is written (see `ConnectionProfileStore`). */
  importPortable(content: string, check?: (profile: ConnectionProfile) => void): Promise<ConnectionProfile>;
}

/** The handlers of `profiles:list` and `profiles:import`. */
export type ProfileHandlers = Pick<Handlers, 'profiles:list' | 'profiles:import'>;

/**
 * The renderer-facing summary of a profile. A profile file is outside input (written by the network scripts or
 * imported by an administrator), so its MSP id and channel names are checked against the contract's allow-lists
 * here, and a profile that fails is reported as invalid rather than as a bug in main.
 * @throws InvalidConnectionProfileError
 */
export function summarizeProfile(profile: ConnectionProfile): ConnectionProfileSummary {
  const parsed = connectionProfileSummarySchema.safeParse({
    org: profile.org,
    mspId: profile.mspId,
    channels: profile.channels,
    caName: profile.ca.caName,
  });
  if (!parsed.success) {
    throw new InvalidConnectionProfileError(
      `The ${profile.org} connection profile names an unexpected MSP id or channel: ${parsed.error.issues
        .map((issue) => issue.path.join('.'))
        .join(', ')}`,
    );
  }
  return parsed.data;
}

/**
 * Lists the organisations whose connection profile this app has, and imports portable profiles. An import whose MSP
 * id or channels the renderer could not be shown is refused before it is stored.
 */
export function createProfileHandlers(profiles: ProfileLister): ProfileHandlers {
  return {
    'profiles:list': async () => (await profiles.list()).map(summarizeProfile),
    'profiles:import': async ({ content }) =>
      summarizeProfile(await profiles.importPortable(content, summarizeProfile)),
  };
}
