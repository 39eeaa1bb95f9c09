// Immunization status for school entry: per vaccine of a schedule, how many of the card's doses count as of a date,
// and whether the requirement is complete or how many doses are missing.
import type { ImmunizationSchedule, ScheduleVaccine } from '@pediledger/domain';
import { addYears } from '../../lib/dates.ts';

/** A dose on the card (or in a report): the vaccine as written, and the day it was given. */
export interface GivenDose {
  readonly vaccine: string;
  readonly date: string;
}

/** One vaccine's status as of a date. */
export interface VaccineStatus {
  readonly code: string;
  readonly name: string;
  /** Doses the full requirement asks for. */
  readonly required: number;
  /** Doses that count: given on or before the date, at an age that counts, one per day. */
  readonly counted: number;
  /** Doses still missing for the nearest way to complete (0 when complete). */
  readonly missing: number;
  readonly complete: boolean;
}

const SEPARATORS = /[\s\-/+,]+/;

function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Whether a dose written as `vaccine` counts toward `entry` (whole name or any part of a combination name). */
export function countsToward(vaccine: string, entry: Readonly<ScheduleVaccine>): boolean {
  const names = new Set(entry.names.map(normalize));
  const whole = normalize(vaccine);
  return names.has(whole) || whole.split(SEPARATORS).some((part) => names.has(part));
}

function statusOf(
  entry: Readonly<ScheduleVaccine>,
  doses: readonly GivenDose[],
  birthDate: string,
  asOf: string,
): VaccineStatus {
  const countsFrom = entry.countFromAgeYears === undefined ? birthDate : addYears(birthDate, entry.countFromAgeYears);
  // One dose per day: the same dose recorded twice (or a combination written twice) is one dose.
  const days = [
    ...new Set(
      doses
        .filter((dose) => countsToward(dose.vaccine, entry) && dose.date <= asOf && dose.date >= countsFrom)
        .map((dose) => dose.date),
    ),
  ].sort();
  const counted = days.length;
  const options = [
    entry.doses,
    ...(entry.orFewer ?? [])
      .filter((rule) => days.some((day) => day >= addYears(birthDate, rule.oneOnOrAfterAgeYears)))
      .map((rule) => rule.doses),
  ];
  const missing = Math.max(Math.min(...options) - counted, 0);
  return { code: entry.code, name: entry.name, required: entry.doses, counted, missing, complete: missing === 0 };
}

/**
 * Each vaccine of `schedule` for a child born on `birthDate`, with the doses in `doses`, as of `asOf`
 * (`YYYY-MM-DD`; the report's issue date, or today while it is being written).
 */
export function immunizationStatus(
  schedule: Readonly<ImmunizationSchedule>,
  doses: readonly GivenDose[],
  birthDate: string,
  asOf: string,
): VaccineStatus[] {
  return schedule.vaccines.map((entry) => statusOf(entry, doses, birthDate, asOf));
}
