// Many AppErrors only name a failure: a code, the message as the thrower words it, and the usual options. This
// makes such a class in one line, so each module lists its errors as data rather than as copies of one constructor.
import type { AppErrorCode } from '@pediledger/domain';
import { AppError, type AppErrorOptions } from './errors.ts';

/**
 * The class {@link messageErrorClass} makes: `new (message, options?)`, an AppError whose `name` is `N`. The literal
 * `name` keeps two such classes apart for TypeScript as two written-out classes would be.
 */
export type MessageErrorClass<N extends string> = new (
  message: string,
  options?: AppErrorOptions,
) => AppError & { readonly name: N };

/**
 * The AppError subclass called `name` (its instances' `name` and the class's own), with code `code`, whose constructor
 * takes the message and {@link AppErrorOptions} unchanged. `instanceof` works as for a class written out.
 *
 * Use: `export const XError = messageErrorClass('XError', code); export type XError = InstanceType<typeof XError>;`
 */
export function messageErrorClass<N extends string>(name: N, code: AppErrorCode): MessageErrorClass<N> {
  const errorClass = class extends AppError {
    override readonly name: N = name;
    constructor(message: string, options: AppErrorOptions = {}) {
      super(code, message, options);
    }
  };
  Object.defineProperty(errorClass, 'name', { value: name });
  return errorClass;
}
