import { describe, expect, it } from 'vitest';
import type { AppErrorCode } from '@pediledger/domain';
import { AppError, isSerializedError, redactSecrets, toSerializableError } from './errors.ts';

// Serialization does not depend on which code an error has: these tests use codes outside the vocabulary on purpose.
const someCode = (code: string): AppErrorCode => code as AppErrorCode;

class ThingError extends AppError {
  override name = 'ThingError';
  constructor() {
    super(someCode('THING_FAILED'), 'the thing failed', { txId: 'tx1', details: { when: new Date(0) as never, n: 1 } });
  }
}

const KEY = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----';

describe('toSerializableError', () => {
  it('keeps code, message, txId and details of an AppError as plain JSON', () => {
    const serialized = toSerializableError(new ThingError());
    expect(serialized).toEqual({
      code: 'THING_FAILED',
      message: 'the thing failed',
      txId: 'tx1',
      details: { when: '1970-01-01T00:00:00.000Z', n: 1 },
    });
    expect(JSON.parse(JSON.stringify(serialized))).toEqual(serialized);
    expect(isSerializedError(serialized)).toBe(true);
  });

  it('turns other errors and non-errors into INTERNAL', () => {
    const systemError = Object.assign(new Error('open failed'), { code: 'ENOENT' });
    expect(toSerializableError(systemError)).toEqual({
      code: 'INTERNAL',
      message: 'open failed',
      details: { cause: 'ENOENT' },
    });
    expect(toSerializableError('plain string')).toEqual({ code: 'INTERNAL', message: 'plain string' });
    expect(toSerializableError({ weird: 1n })).toEqual({ code: 'INTERNAL', message: '{"weird":"1"}' });
    expect(toSerializableError(undefined)).toEqual({ code: 'INTERNAL', message: 'null' });
    expect(isSerializedError({ code: 1 })).toBe(false);
  });

  it('redacts PEM private keys from messages and details', () => {
    const error = new AppError(someCode('X'), `bad key ${KEY} given`, { details: { nested: [{ pem: KEY }] } });
    const text = JSON.stringify(toSerializableError(error));
    expect(text).not.toContain('PRIVATE KEY-----');
    expect(text).not.toContain('MIGHAgEAMBMG');
    expect(text).toContain('[REDACTED PRIVATE KEY]');
    expect(redactSecrets('-----BEGIN EC PRIVATE KEY-----\nabc')).toBe('[REDACTED PRIVATE KEY]');
  });
});
