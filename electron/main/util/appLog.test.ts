import { EndorseError } from '@hyperledger/fabric-gateway';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppErrorCode } from '@pediledger/domain';
import { AppError } from '../../../shared/errors.ts';
import { createAppLog, describeError, describeErrorChain } from './appLog.ts';

// The log describes errors by class, code and our own coded messages; a value an error carries never reaches it.

const PLANTED = 'Zq7PlantedInLog';

async function thrownBy(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('describeError', () => {
  it('keeps an AppError’s code, transaction and message', () => {
    const error = new AppError('ENDORSEMENT_REFUSED', 'RecordAllergy refused: FORBIDDEN: no agreement', {
      txId: 'tx9',
    });
    expect(describeError(error)).toBe(
      'AppError ENDORSEMENT_REFUSED (tx tx9): RecordAllergy refused: FORBIDDEN: no agreement',
    );
  });

  it('keeps a gateway error’s status and each endorser’s coded message', () => {
    const error = new EndorseError({
      code: 10,
      message: '10 ABORTED: failed to collect enough transaction endorsements',
      details: [{ address: '127.0.0.1:8051', mspId: 'ParentsMSP', message: 'ProposalResponsePayloads do not match' }],
      cause: Object.assign(new Error('10 ABORTED'), { code: 10, details: '', metadata: undefined }) as never,
      transactionId: 'tx1',
    });
    expect(describeError(error)).toBe(
      'EndorseError (gRPC 10): 10 ABORTED: failed to collect enough transaction endorsements ' +
        '[ParentsMSP@127.0.0.1:8051: ProposalResponsePayloads do not match]',
    );
  });

  it('withholds the message of JSON.parse, which quotes its input', async () => {
    const error = await thrownBy(() => JSON.parse(`{"substance":"${PLANTED}`));
    expect(describeError(error)).toMatch(/^SyntaxError \(message not logged\) at /);
    expect(describeError(error)).not.toContain(PLANTED);
  });

  it('gives a file error’s code and system call, not the path it names', async () => {
    const error = await thrownBy(() => readFile(path.join(tmpdir(), `Health report ${PLANTED}.pdf`)));
    expect(describeError(error)).toMatch(/^Error ENOENT open \(message not logged\)/);
    expect(describeError(error)).not.toContain(PLANTED);
  });

  it('lists a zod error’s rules and hides field names it cannot vouch for', () => {
    const parsed = z.strictObject({ a: z.string() }).safeParse({ a: 1, [PLANTED]: PLANTED });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(describeError(parsed.error)).toBe(
        'ZodError: *: Invalid input: expected string, received number; value: has a field the schema does not know',
      );
    }
  });

  it('never prints a thrown non-error', () => {
    expect(describeError(PLANTED)).toBe('a thrown string (not logged)');
    expect(describeError({ name: PLANTED })).toBe('a thrown object (not logged)');
  });
});

describe('describeErrorChain and createAppLog', () => {
  it('follows causes, one line, and stops after a few', async () => {
    const parseError = await thrownBy(() => JSON.parse(PLANTED));
    const wrapped = new AppError('UNEXPECTED_LEDGER_RESPONSE', 'ReadMedicalCard returned something that is not JSON', {
      cause: parseError,
    });
    const lines: string[] = [];
    createAppLog('[test]', (line) => lines.push(line))('card:read failed', wrapped);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\[test\] card:read failed: AppError UNEXPECTED_LEDGER_RESPONSE: ReadMedicalCard returned something that is not JSON; caused by SyntaxError \(message not logged\)/,
    );
    expect(lines[0]).not.toContain(PLANTED);

    let deep: Error = new Error(PLANTED);
    for (let i = 0; i < 10; i++) deep = new AppError('X' as AppErrorCode, `level ${i}`, { cause: deep });
    expect(describeErrorChain(deep).split('; caused by ')).toHaveLength(5);
  });

  it('prints the message alone when there is no error', () => {
    const lines: string[] = [];
    createAppLog('[main]', (line) => lines.push(line))('renewed the certificate of ped-alice');
    expect(lines).toEqual(['[main] renewed the certificate of ped-alice']);
  });
});
