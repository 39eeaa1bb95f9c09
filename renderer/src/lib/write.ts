// Every write goes through here: refused at once while offline, otherwise sent and awaited until committed (main
// answers after the commit; the `tx:progress` events drive the indicator meanwhile).
import type { Committed } from '../../../shared/ipc/dto/workflow.ts';
import type { IpcResult } from '../../../shared/ipc/result.ts';
import { useConnectionStore } from '../stores/connection.ts';
import { request } from './ipc.ts';

/**
 * Sends a write unless offline; resolves once committed, with its transaction id and the record the chaincode
 * returned, typed by the contract (the domain's record schema, parsed once in main).
 */
export async function submitWrite<T extends Committed<unknown>>(call: () => Promise<IpcResult<T>>): Promise<T> {
  useConnectionStore().assertWritable();
  return request(call);
}
