// Corrected age for children born preterm: which age the growth chart plots a measurement at.
//
// Definitions: American Academy of Pediatrics, Committee on Fetus and Newborn (Engle WA), "Age terminology during the
// perinatal period", Pediatrics 2004;114(5):1362–1364, doi:10.1542/peds.2004-1915 — gestational age is counted in
// completed weeks (+ days) from the first day of the last menstrual period; *corrected age* is the chronological age
// reduced by the number of weeks born before 40 weeks of gestation; preterm is birth before 37+0 weeks.
//
// When to stop correcting: Royal College of Paediatrics and Child Health, "UK-WHO Growth Charts – Fact Sheet 5:
// Plotting preterm infants" (2009; https://www.rcpch.ac.uk/resources/uk-who-growth-charts-0-4-years). Its rule, in our
// words (an earlier comment quoted it from memory under another sheet's name; its exact sentence could not be
// retrieved here, so it is not quoted): plot a preterm baby at gestationally corrected age, until 1 year of age for
// babies born from 32 to 36 weeks and until 2 years for those born before 32 weeks. (A 2025 cohort study, Elmrayed & Fenton, J Perinatol 45:607–615,
// doi:10.1038/s41372-024-02202-z, argues for correcting growth of babies born before 32 weeks through 36 months; the
// chart keeps the RCPCH rule it names on screen.) The WHO standards start at term (0 days): a measurement at a
// corrected age below 0 (before term-equivalent age) belongs on a preterm chart (e.g. Fenton 2013), so the WHO chart
// leaves it out and says so.
import type { GestationalAge } from '@pediledger/domain';
import { addYears, daysBetween } from '../../lib/dates.ts';

/** Term: 40+0 weeks, in days. */
export const TERM_DAYS = 280;
/** Preterm: born before 37+0 weeks. */
export const PRETERM_BEFORE_DAYS = 37 * 7;
/** Very preterm (corrected until 2 years rather than 1): born before 32+0 weeks. */
export const VERY_PRETERM_BEFORE_DAYS = 32 * 7;

/** Gestational age in days (`28+3` is 199). */
export function gestationDays(ga: Readonly<GestationalAge>): number {
  return ga.weeks * 7 + ga.days;
}

/** Days born before term (40+0 weeks); 0 for a child born at or after term or with no gestational age recorded. */
export function daysBeforeTerm(ga: Readonly<GestationalAge> | undefined): number {
  return ga === undefined ? 0 : Math.max(TERM_DAYS - gestationDays(ga), 0);
}

/**
 * The first day on which the chart stops correcting (chronological age 1 year for 32+0–36+6 weeks, 2 years under
 * 32+0), or null when the child is not preterm (or gestational age is not recorded): nothing to correct.
 */
export function correctionEndsOn(birthDate: string, ga: Readonly<GestationalAge> | undefined): string | null {
  if (ga === undefined || gestationDays(ga) >= PRETERM_BEFORE_DAYS) return null;
  return addYears(birthDate, gestationDays(ga) < VERY_PRETERM_BEFORE_DAYS ? 2 : 1);
}

/** The ages of one day of a child's life, in days. */
export interface AgeOnDay {
  /** Days since birth. */
  readonly chronologicalDays: number;
  /** Chronological age less the days born before term, while correction applies; null otherwise. */
  readonly correctedDays: number | null;
  /** The age the growth chart plots: corrected while correction applies, else chronological. */
  readonly plottedDays: number;
}

/** The ages on `date` (`YYYY-MM-DD`) of a child born on `birthDate` at gestational age `ga` (if recorded). */
export function ageOnDay(birthDate: string, date: string, ga: Readonly<GestationalAge> | undefined): AgeOnDay {
  const chronologicalDays = daysBetween(birthDate, date);
  const ends = correctionEndsOn(birthDate, ga);
  const correctedDays = ends !== null && date < ends ? chronologicalDays - daysBeforeTerm(ga) : null;
  return { chronologicalDays, correctedDays, plottedDays: correctedDays ?? chronologicalDays };
}
