// Every write goes through here: refused at once while offline, otherwise sent and awaited until committed (main
// answers after the commit; the `tx:progress` events drive the indicator meanwhile).
import type { Committed } from '../../../shared/ipc/dto/workflow.ts';
import type { IpcResult } from '../../../shared/ipc/result.ts';
import { useConnectionStore } from '../stores/connection.ts';
import { request } from './ipc.ts';

/** What a committed write answers: its transaction id and the record the chaincode returned (as JSON). */
type CommittedRecord = Committed<Record<string, unknown>>;

/** Sends a write unless offline; resolves once committed. */
export async function submitWrite<T extends CommittedRecord>(call: () => Promise<IpcResult<T>>): Promise<T> {
  useConnectionStore().assertWritable();
  return request(call);
}
