import type { ArgsOutput, ChannelOf, ContractShape, ResultInput } from '../../../shared/ipc/define.ts';
import type { IpcContract } from '../../../shared/ipc/contract.ts';

/** Who is calling: handlers may log it, but authorization already happened in the transport. */
export interface CallContext {
  /** Which transport carried the call. */
  readonly transport: 'electron' | 'browser';
  /** The caller's origin, already checked against the app's own. */
  readonly origin: string;
}

/** The main-process implementation of entry `K` of contract `C`: receives parsed args, may throw `AppError`s. */
export type HandlerOf<C extends ContractShape, K extends ChannelOf<C>> = (
  args: ArgsOutput<C, K>,
  context: CallContext,
) => ResultInput<C, K> | Promise<ResultInput<C, K>>;

/** One handler per entry of contract `C`: leaving an entry out is a type error. */
export type HandlersOf<C extends ContractShape> = { readonly [K in ChannelOf<C>]: HandlerOf<C, K> };

/** The handlers of the PediLedger contract. */
export type Handlers = HandlersOf<IpcContract>;
