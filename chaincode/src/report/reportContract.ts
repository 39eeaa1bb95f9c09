import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { callerOf } from '../shared/caller';

@Info({ title: 'ReportContract', description: 'Admission requests, report requests and reports on the report channel' })
export class ReportContract extends Contract {
  constructor() {
    super('report');
  }

  /** Returns who the chaincode sees as the caller: a smoke test of identity plumbing. */
  @Transaction()
  @Returns('string')
  public async Ping(ctx: Context): Promise<string> {
    return Promise.resolve(JSON.stringify({ channel: ctx.stub.getChannelID(), caller: callerOf(ctx) }));
  }
}
