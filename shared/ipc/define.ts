import type { z } from 'zod';
import type { IpcResult } from './result.ts';

/**
 * What an entry does while the app is locked. `'serve'`: it is one of the few calls the lock screen needs (who is
 * signed in, switching or adding an identity, unlocking). `'refuse'`: the router answers `APP_LOCKED` before it even
 * parses the arguments, so the handler never runs. Every entry that reads or writes anything is `'refuse'`.
 */
export type LockPolicy = 'serve' | 'refuse';

/**
 * One request/response entry of an IPC contract. Schemas must describe JSON-shaped data (no transforms into Date,
 * Map or class instances): values cross Electron's structured clone and the browser shell's JSON.
 */
export interface InvokeEntry<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  /** Validates the single argument the renderer passes (`z.undefined()` for entries without one). */
  readonly args: A;
  /** Validates what the handler returns before it leaves main. */
  readonly result: R;
  /** Served or refused while the app is locked; the router applies it to every call (no handler can bypass it). */
  readonly whileLocked: LockPolicy;
  /**
   * The argument fields the user typed (a form, a reason, a display name), checked with the domain's rules. A call
   * whose every failing issue lies inside these fields is the user's mistake and answers `INVALID_INPUT` naming them;
   * any other failure (an id the app made, a missing field, a form outside IPC's bounds) is a malformed call and
   * answers `IPC_INVALID_ARGS`.
   */
  readonly form?: readonly string[];
}

/** The shape every contract has: request/response entries, and main → renderer events with their payload schemas. */
export interface ContractShape {
  readonly invoke: Readonly<Record<string, InvokeEntry>>;
  readonly events: Readonly<Record<string, z.ZodType>>;
}

/** An entry name of contract `C`. */
export type ChannelOf<C extends ContractShape> = keyof C['invoke'] & string;

/** An event name of contract `C`. */
export type EventOf<C extends ContractShape> = keyof C['events'] & string;

/** What the caller passes to entry `K` (before parsing). */
export type ArgsInput<C extends ContractShape, K extends ChannelOf<C>> = z.input<C['invoke'][K]['args']>;

/** What the handler of entry `K` receives (after parsing). */
export type ArgsOutput<C extends ContractShape, K extends ChannelOf<C>> = z.output<C['invoke'][K]['args']>;

/** What the handler of entry `K` may return (before the result schema normalizes it). */
export type ResultInput<C extends ContractShape, K extends ChannelOf<C>> = z.input<C['invoke'][K]['result']>;

/** What the caller of entry `K` receives. */
export type ResultOutput<C extends ContractShape, K extends ChannelOf<C>> = z.output<C['invoke'][K]['result']>;

/** What main emits for event `E` (before validation). */
export type EventInput<C extends ContractShape, E extends EventOf<C>> = z.input<C['events'][E]>;

/** What a renderer listener of event `E` receives. */
export type EventOutput<C extends ContractShape, E extends EventOf<C>> = z.output<C['events'][E]>;

/** The renderer-side function for entry `K`: no parameter when the entry takes no argument. */
export type InvokeFunction<C extends ContractShape, K extends ChannelOf<C>> = (
  ...args: [ArgsInput<C, K>] extends [undefined] ? [] : [args: ArgsInput<C, K>]
) => Promise<IpcResult<ResultOutput<C, K>>>;

/** Stops an event subscription. */
export type Unsubscribe = () => void;

/** Subscribes to a main → renderer event of contract `C`. */
export type SubscribeFunction<C extends ContractShape> = <E extends EventOf<C>>(
  event: E,
  listener: (payload: EventOutput<C, E>) => void,
) => Unsubscribe;

/** The renderer API derived from contract `C`: one function per entry, plus `on` for events. */
export type ApiOf<C extends ContractShape> = { readonly [K in ChannelOf<C>]: InvokeFunction<C, K> } & {
  readonly on: SubscribeFunction<C>;
};
