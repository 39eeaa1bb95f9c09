import type { ArgsOutput, ChannelOf, ContractShape, ResultInput } from '../../../shared/ipc/define.ts';
import type { IpcContract } from '../../../shared/ipc/contract.ts';

/**
 * What the calling window can do for a handler beyond answering it. Only the Electron transport provides it (the
 * browser shell's page is a tab main cannot reach).
 */
export interface WindowCapabilities {
  /** Renders the calling page as PDF bytes: A4, backgrounds printed, margins from the page's `@page` rule. */
  printToPdf(): Promise<Uint8Array>;
  /**
   * Asks the user where to save a file (a dialog owned by the calling window); null when they cancel. `filter` names
   * the file type the dialog offers (default PDF).
   */
  chooseSavePath(suggestedFileName: string, filter?: { name: string; extensions: string[] }): Promise<string | null>;
}

/** Who is calling: handlers may log it, but authorization already happened in the transport. */
export interface CallContext {
  /** Which transport carried the call. */
  readonly transport: 'electron' | 'browser';
  /** The caller's origin, already checked against the app's own. */
  readonly origin: string;
  /** The calling window, when the transport can act on it (Electron). */
  readonly window?: WindowCapabilities;
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
