// Test-only: imports a demo user of the running network through the IPC router, as the first-run screen's PEM import
// does, and returns the stored identity (or fails the test with main's error).
import { readFile } from 'node:fs/promises';
import type { IpcResult } from '../../shared/ipc/result.ts';
import { IdentitySummary } from '../../shared/schemas/identity.ts';
import { userByUid } from '../../fabric-network/test/fabric.ts';
import type { CallContext } from '../main/ipc/handlers.ts';
import type { IpcRouter } from '../main/ipc/router.ts';

/** The value of a reply, or a thrown error naming main's refusal. */
export function replyValue(result: IpcResult<unknown>): unknown {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Imports `uid`'s certificate and key through `enrollment:importPem`, labelled with the uid. */
export async function importDemoUserVia(
  router: IpcRouter,
  uid: string,
  context: CallContext,
): Promise<IdentitySummary> {
  const user = await userByUid(uid);
  const result = await router.call(
    'enrollment:importPem',
    {
      org: user.org,
      label: uid,
      certificatePem: await readFile(user.certPath, 'utf8'),
      privateKeyPem: await readFile(user.keyPath, 'utf8'),
    },
    context,
  );
  return IdentitySummary.parse(replyValue(result));
}
