// Deadlines per gateway call type. Evaluations are short so a stalled peer is noticed (and failed over) quickly;
// commit-status waits are long enough for a busy orderer to cut the block, and no longer: past it the submitter asks
// the other peers for the status of the same transaction id and then says "could not confirm yet" rather than
// leaving the user looking at "submitted".
import type { CallOptions } from '@grpc/grpc-js';

/** Milliseconds allowed per call type. */
export interface DeadlineOptions {
  evaluateMs: number;
  endorseMs: number;
  submitMs: number;
  commitStatusMs: number;
}

/**
 * The defaults: interactive reads fail over after 5 s; a commit is awaited 20 s (blocks are cut within 200 ms of a
 * transaction, BatchTimeout; 20 s is a hundredfold margin for a busy machine), then re-checked elsewhere.
 */
export const DEFAULT_DEADLINES: Readonly<DeadlineOptions> = {
  evaluateMs: 5_000,
  endorseMs: 15_000,
  submitMs: 10_000,
  commitStatusMs: 20_000,
};

/** The four `connect` option suppliers fabric-gateway expects, each computing a fresh deadline per call. */
export interface GatewayCallOptions {
  evaluateOptions: () => CallOptions;
  endorseOptions: () => CallOptions;
  submitOptions: () => CallOptions;
  commitStatusOptions: () => CallOptions;
}

/** Turns durations into fabric-gateway's per-call option suppliers. */
export function newGatewayCallOptions(deadlines: Readonly<DeadlineOptions>): GatewayCallOptions {
  const after = (ms: number) => (): CallOptions => ({ deadline: Date.now() + ms });
  return {
    evaluateOptions: after(deadlines.evaluateMs),
    endorseOptions: after(deadlines.endorseMs),
    submitOptions: after(deadlines.submitMs),
    commitStatusOptions: after(deadlines.commitStatusMs),
  };
}
