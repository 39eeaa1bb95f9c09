import type { Context } from 'fabric-contract-api';

/**
 * The transaction's time, as an ISO instant. It comes from the signed proposal, so every endorser sees the same
 * value; the peer's clock would differ between endorsers and break endorsement.
 */
export function txTime(ctx: Context): string {
  return ctx.stub.getDateTimestamp().toISOString();
}

/**
 * The furthest-east UTC offset in use anywhere on Earth: UTC+14 (Line Islands, Kiribati). At any instant, the calendar
 * day there is the latest "today" any user can have.
 */
export const LATEST_UTC_OFFSET_MS = 14 * 3_600_000;

/**
 * The latest calendar day (`YYYY-MM-DD`) that is "today" somewhere on Earth at `instantMs`: the day at UTC+14. A
 * date the user enters is "not in the future" when it is on or before this day, whatever the user's time zone (a
 * parent in Sydney registers a baby born this morning while it is still yesterday in UTC). Fixed offsets have no
 * daylight saving, so no time-zone database is needed.
 */
export function latestCalendarDay(instantMs: number): string {
  return new Date(instantMs + LATEST_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The latest calendar day anywhere on Earth at the transaction time (see {@link latestCalendarDay}): the bound of
 * every "not in the future" check. Derived from the signed transaction timestamp, never the peer's clock, so every
 * endorser decides the same.
 */
export function txLatestDate(ctx: Context): string {
  return latestCalendarDay(ctx.stub.getDateTimestamp().getTime());
}

/**
 * Seconds of a ledger timestamp. The shim's typings say `Long`, but history entries arrive as plain numbers
 * (protobuf `toObject()`), so accept both.
 */
export function timestampToIso(timestamp: { seconds: unknown; nanos: number }): string {
  const seconds = Number(String(timestamp.seconds));
  return new Date(seconds * 1000 + Math.floor(timestamp.nanos / 1_000_000)).toISOString();
}
