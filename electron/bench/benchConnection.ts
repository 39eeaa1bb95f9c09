// The benches' way in: a FabricConnection as a demo user of the running local network, signed with the network's own
// certificate and key files (benches measure the network path; the keychain is the tests' business).
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { NetworkStatus } from '../../fabric-network/src/status.ts';
import type { OrgName } from '../../shared/schemas/connectionProfile.ts';
import type { ConnectionProfileStore } from '../main/fabric/connectionProfiles.ts';
import { FabricConnection } from '../main/fabric/fabricConnection.ts';

/** Opens a connection as demo user `uid` with the profile of its organization. */
export async function openBenchConnection(
  uid: string,
  status: NetworkStatus,
  profiles: ConnectionProfileStore,
): Promise<FabricConnection> {
  const user = status.users.find((u) => u.uid === uid);
  if (user === undefined) throw new Error(`no demo user ${uid}: is the network up?`);
  const org: OrgName = user.org;
  const connection = new FabricConnection({
    profile: await profiles.get(org),
    signing: {
      identityId: uid,
      mspId: user.mspId,
      certificatePem: await readFile(user.certPath, 'utf8'),
      privateKey: createPrivateKey(await readFile(user.keyPath)),
    },
  });
  await connection.open();
  return connection;
}
