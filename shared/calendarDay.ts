// Calendar days (`YYYY-MM-DD`, as the card stores them) for the user: "today" is the day on the user's own calendar,
// in the time zone of the machine the app runs on, never the UTC day of the instant. A pediatrician in Sydney at 08:00
// records today's visit, not yesterday's. Time-zone arithmetic (offsets, daylight saving) comes from the Temporal
// polyfill rather than hand-rolled offsets. Main and renderer both use this module.
import { Temporal } from 'temporal-polyfill';

/** The IANA time zone of the machine (`TZ`, else the system setting), e.g. `Australia/Sydney`. */
export function systemTimeZone(): string {
  return Temporal.Now.timeZoneId();
}

/**
 * The calendar day (`YYYY-MM-DD`) that `instant` falls on in `timeZone` (an IANA name; the machine's by default).
 * @throws RangeError for an unknown time zone or an invalid `Date`.
 */
export function calendarDayAt(instant: Date, timeZone: string = systemTimeZone()): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}

/** Today on the user's calendar, `YYYY-MM-DD`. `now` and `timeZone` are there for tests. */
export function localToday(now: Date = new Date(), timeZone: string = systemTimeZone()): string {
  return calendarDayAt(now, timeZone);
}

/** The day `days` (may be negative) after `date`; both `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** The same day `years` later (29 February becomes 28 February in a common year). */
export function addYears(date: string, years: number): string {
  return Temporal.PlainDate.from(date).add({ years }).toString();
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;
}

/**
 * The last second of calendar day `date` in `timeZone`, as an ISO instant (`…Z`). Expiry dates the user picks
 * ("valid until 2026-06-30") are inclusive of that whole day where the user lives.
 */
export function endOfDayInstant(date: string, timeZone: string = systemTimeZone()): string {
  const end = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone, plainTime: '23:59:59' }).toInstant();
  return new Date(end.epochMilliseconds).toISOString();
}
