// Date helpers for calendar dates (`YYYY-MM-DD`, as the card stores them) and ages.

const dayMs = 86_400_000;

/** Today as `YYYY-MM-DD` (UTC, as the chaincode's dates are). */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/** A date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** Age in completed years and months. */
export function ageParts(birthDate: string, on: string): { years: number; months: number } {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  let months = (oy - by) * 12 + (om - bm) - (od < bd ? 1 : 0);
  if (months < 0) months = 0;
  return { years: Math.floor(months / 12), months: months % 12 };
}

/** End of the given calendar day in UTC, as an ISO timestamp (expiry dates are inclusive). */
export function endOfDayIso(date: string): string {
  return `${date}T23:59:59.000Z`;
}
