import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { callerOf } from '../shared/caller';

@Info({ title: 'MedicalContract', description: "Agreements and children's medical cards on the medical channel" })
export class MedicalContract extends Contract {
  constructor() {
    super('medical');
  }

  /** Returns who the chaincode sees as the caller: a smoke test of identity plumbing. */
  @Transaction()
  @Returns('string')
  public async Ping(ctx: Context): Promise<string> {
    return Promise.resolve(JSON.stringify({ channel: ctx.stub.getChannelID(), caller: callerOf(ctx) }));
  }
}
