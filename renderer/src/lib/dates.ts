// Date helpers for calendar dates (`YYYY-MM-DD`, as the card stores them) and ages. "Today" is the user's own calendar
// day (the machine's time zone), from the shared module main uses too.
import { addDays, addYears, daysBetween, endOfDayInstant, localToday } from '../../../shared/calendarDay.ts';

export { addDays, addYears, daysBetween };

/** Today as `YYYY-MM-DD` on the user's calendar. `now` and `timeZone` are there for tests. */
export function today(now?: Date, timeZone?: string): string {
  return localToday(now, timeZone);
}

/** Age in completed years and months. */
export function ageParts(birthDate: string, on: string): { years: number; months: number } {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  let months = (oy - by) * 12 + (om - bm) - (od < bd ? 1 : 0);
  if (months < 0) months = 0;
  return { years: Math.floor(months / 12), months: months % 12 };
}

/** The end of the user's calendar day `date`, as an ISO instant (expiry dates are inclusive of that whole day). */
export function endOfDayIso(date: string, timeZone?: string): string {
  return endOfDayInstant(date, timeZone);
}
