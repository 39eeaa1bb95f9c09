// Reading an organisation's connection profile (JSON written by the network scripts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConnectionProfile } from '../../../shared/schemas/connectionProfile.ts';
import { errorMessage } from '../util/errorMessage.ts';
import { InvalidConnectionProfileError } from './errors.ts';

/**
 * Reads and validates a connection profile. Relative TLS certificate paths (and the local network's demo user files)
 * are resolved against the profile's directory.
 * @throws InvalidConnectionProfileError
 */
export async function readConnectionProfile(file: string): Promise<ConnectionProfile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new InvalidConnectionProfileError(`Cannot read connection profile ${file}: ${errorMessage(cause)}`, {
      cause,
    });
  }
  const parsed = ConnectionProfile.safeParse(json);
  if (!parsed.success) {
    throw new InvalidConnectionProfileError(`Connection profile ${file} is invalid: ${parsed.error.message}`);
  }
  const dir = path.dirname(file);
  const profile = parsed.data;
  return {
    ...profile,
    gatewayPeers: profile.gatewayPeers.map((peer) => ({
      ...peer,
      tlsCaCertPath: path.resolve(dir, peer.tlsCaCertPath),
    })),
    ca: { ...profile.ca, tlsCaCertPath: path.resolve(dir, profile.ca.tlsCaCertPath) },
    ...(profile.localNetwork === undefined
      ? {}
      : {
          localNetwork: {
            demoUsers: profile.localNetwork.demoUsers.map((user) => ({
              ...user,
              certPath: path.resolve(dir, user.certPath),
              keyPath: path.resolve(dir, user.keyPath),
            })),
          },
        }),
  };
}
