import type { EventChannel, InvokeChannel } from './channels.ts';
import type { IpcContract } from './contract.ts';
import type { ApiOf, ArgsInput, EventOutput, ResultOutput } from './define.ts';

/** `window.api`: what the preload (Electron) and the browser bridge (browser shell) both expose to the renderer. */
export type Api = ApiOf<IpcContract>;

/** The argument of entry `K` as the renderer passes it. */
export type ArgsOf<K extends InvokeChannel> = ArgsInput<IpcContract, K>;

/** The value entry `K` resolves to. */
export type ResultOf<K extends InvokeChannel> = ResultOutput<IpcContract, K>;

/** The payload of event `E`. */
export type EventPayload<E extends EventChannel> = EventOutput<IpcContract, E>;
