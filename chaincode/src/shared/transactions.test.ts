import { Returns, Transaction } from 'fabric-contract-api';
import { describe, expect, it } from 'vitest';
import { PediLedgerContext } from './context';
import { PediLedgerContract } from './pediLedgerContract';
import { declareTransactions, evaluate, submit } from './transactions';

// declareTransactions must give a contract exactly what the decorators give a method written in the class: the
// contract metadata (GetMetadata), the tags clients and the gateway go by, and the parameter names and types.

/** reflect-metadata's reader (loaded by fabric-contract-api; its typings are not part of this project). */
const metadata = Reflect as unknown as { getMetadata(key: string, target: object): unknown };

async function Write(ctx: PediLedgerContext, childId: string, entryJson: string): Promise<string> {
  return Promise.resolve(`${ctx.constructor.name}:${childId}:${entryJson}`);
}

async function Read(ctx: PediLedgerContext): Promise<string> {
  return Promise.resolve(ctx.constructor.name);
}

class Decorated extends PediLedgerContract {
  @Transaction()
  @Returns('string')
  public Write(ctx: PediLedgerContext, childId: string, entryJson: string): Promise<string> {
    return Write(ctx, childId, entryJson);
  }

  @Transaction(false)
  @Returns('string')
  public Read(ctx: PediLedgerContext): Promise<string> {
    return Read(ctx);
  }
}

class Declared extends PediLedgerContract {}
declareTransactions(Declared, { Write: submit(Write), Read: evaluate(Read) });

describe('declareTransactions', () => {
  it('records the same transaction metadata as @Transaction and @Returns on class methods, in the same order', () => {
    const declared = metadata.getMetadata('fabric:transactions', Declared.prototype);
    expect(declared).toEqual(metadata.getMetadata('fabric:transactions', Decorated.prototype));
    expect(JSON.stringify(declared)).toBe(
      JSON.stringify(metadata.getMetadata('fabric:transactions', Decorated.prototype)),
    );
    expect(declared).toEqual([
      {
        name: 'Write',
        returns: { type: 'string' },
        tag: ['SUBMIT', 'submitTx'],
        parameters: [
          { name: 'childId', description: '', schema: { type: 'string' } },
          { name: 'entryJson', description: '', schema: { type: 'string' } },
        ],
      },
      { name: 'Read', returns: { type: 'string' }, tag: ['EVALUATE'], parameters: [] },
    ]);
  });

  it('makes each entry a method that runs its function, and nothing else a transaction', async () => {
    const contract = new Declared('declared') as unknown as Record<string, (...args: unknown[]) => Promise<string>>;
    await expect(contract['Write']?.(new PediLedgerContext(), 'c1', '{}')).resolves.toBe('PediLedgerContext:c1:{}');
    expect(Object.keys(new Declared('declared'))).not.toContain('Write');
    expect(Object.getOwnPropertyNames(Declared.prototype).sort()).toEqual(['Read', 'Write', 'constructor']);
  });
});
