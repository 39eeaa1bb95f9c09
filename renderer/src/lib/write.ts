// Every write goes through here: refused at once while offline, otherwise sent and awaited until committed (main
// answers after the commit; the `tx:progress` events drive the indicator meanwhile).
import type { ResultOf } from '../../../shared/ipc/api.ts';
import type { IpcResult } from '../../../shared/ipc/result.ts';
import { useConnectionStore } from '../stores/connection.ts';
import { request } from './ipc.ts';

/** What a committed write answers: its transaction id and the record the chaincode returned. */
export type Committed = ResultOf<'agreement:accept'>;

/** Sends a write unless offline; resolves once committed. */
export async function submitWrite(call: () => Promise<IpcResult<Committed>>): Promise<Committed> {
  useConnectionStore().assertWritable();
  return request(call);
}
