import { errorCodes } from '@pediledger/domain';
import { describe, expect, it } from 'vitest';
import { messageErrorClass } from './errorClass.ts';
import { AppError, toSerializableError } from './errors.ts';

const ExampleError = messageErrorClass('ExampleError', errorCodes.networkOffline);
type ExampleError = InstanceType<typeof ExampleError>;
const OtherError = messageErrorClass('OtherError', errorCodes.gatewayFailure);

describe('messageErrorClass', () => {
  it('makes a class whose instances carry its name, code, message and options, like a class written out', () => {
    const cause = new Error('root');
    const error: ExampleError = new ExampleError('peer down', { txId: 'tx1', details: { peer: 'p0' }, cause });
    expect(error).toBeInstanceOf(ExampleError);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(OtherError);
    expect(ExampleError.name).toBe('ExampleError');
    expect(error.name).toBe('ExampleError');
    expect(error.code).toBe(errorCodes.networkOffline);
    expect(error.message).toBe('peer down');
    expect(error.txId).toBe('tx1');
    expect(error.details).toEqual({ peer: 'p0' });
    expect(error.cause).toBe(cause);
    expect(String(error)).toBe('ExampleError: peer down');
    expect(toSerializableError(new OtherError('no answer'))).toEqual({
      code: errorCodes.gatewayFailure,
      message: 'no answer',
    });
  });
});
