// The base of each aggregate's workflow (`agreements.ts`, `children.ts`, … `directory.ts`): the chaincode client its
// steps evaluate and submit with.
import type { z } from 'zod';
import type { Committed } from '../../../shared/ipc/dto/workflow.ts';
import type { ChaincodeClient } from './ledgerClient.ts';

/**
 * One aggregate's workflow steps over its chaincode. Steps take the domain's parsed values (the IPC router parsed
 * them; the chaincode checks them again) and answer records decoded with the domain schemas; writes that can be
 * retried reconcile, so a change already made counts as success.
 */
export abstract class ChaincodeAggregate<Tx extends string> {
  /** The aggregate's chaincode on its channel, with the endorsing organisations of the domain's map. */
  protected readonly chaincode: ChaincodeClient<Tx>;

  constructor(chaincode: ChaincodeClient<Tx>) {
    this.chaincode = chaincode;
  }

  /**
   * Submits a status change of the record whose id is `args[0]`; its reconcile reads the record back with `find` and
   * counts the change as made when the record already has `status`.
   */
  protected changeStatus<S extends z.ZodType<{ status: string }>>(
    transactionName: Tx,
    args: readonly [id: string, ...rest: string[]],
    schema: S,
    status: z.output<S>['status'],
    find: (id: string) => Promise<z.output<S> | null | undefined>,
  ): Promise<Committed<z.output<S>>> {
    const reconcile = async (): Promise<z.output<S> | null> => {
      const record = await find(args[0]);
      return record?.status === status ? record : null;
    };
    return this.chaincode.submit(transactionName, args, schema, { reconcile });
  }
}
