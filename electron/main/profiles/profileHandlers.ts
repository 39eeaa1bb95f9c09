// The contract's profiles:list entry: which organisations this app can reach, without endpoints or file paths.
import type { ConnectionProfileSummary } from '../../../shared/ipc/dto/profiles.ts';
import type { ConnectionProfile } from '../../../shared/schemas/connectionProfile.ts';
import { InvalidConnectionProfileError } from '../enrollment/errors.ts';
import type { Handlers } from '../ipc/handlers.ts';
import { connectionProfileSummarySchema } from '../../../shared/ipc/dto/profiles.ts';

/** Anything that lists the available connection profiles (the app's ConnectionProfileStore). */
export interface ProfileLister {
  list(): Promise<ConnectionProfile[]>;
}

/** The handler of `profiles:list`. */
export type ProfileHandlers = Pick<Handlers, 'profiles:list'>;

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

/** Lists the organisations whose connection profile this app has. */
export function createProfileHandlers(profiles: ProfileLister): ProfileHandlers {
  return {
    'profiles:list': async () => (await profiles.list()).map(summarizeProfile),
  };
}
