import type { Context } from 'fabric-contract-api';

/**
 * The transaction's time, as an ISO instant. It comes from the signed proposal, so every endorser sees the same
 * value; the peer's clock would differ between endorsers and break endorsement.
 */
export function txTime(ctx: Context): string {
  return ctx.stub.getDateTimestamp().toISOString();
}

/** The transaction's calendar day, `YYYY-MM-DD` (UTC). */
export function txDate(ctx: Context): string {
  return txTime(ctx).slice(0, 10);
}

/**
 * Seconds of a ledger timestamp. The shim's typings say `Long`, but history entries arrive as plain numbers
 * (protobuf `toObject()`), so accept both.
 */
export function timestampToIso(timestamp: { seconds: unknown; nanos: number }): string {
  const seconds = Number(String(timestamp.seconds));
  return new Date(seconds * 1000 + Math.floor(timestamp.nanos / 1_000_000)).toISOString();
}
