// Corrected-age cases from the definitions cited in corrected-age.ts: AAP (Engle 2004) "chronological age reduced by
// the number of weeks born before 40 weeks"; RCPCH UK-WHO: correct until 1 year for 32–36 weeks, 2 years under 32.
import { describe, expect, it } from 'vitest';
import { ageOnDay, correctionEndsOn, daysBeforeTerm, gestationDays } from './corrected-age.ts';

describe('corrected age', () => {
  it('the case in issue 15: born at 28 weeks, 8 weeks old, is −4 weeks corrected', () => {
    // 8 weeks = 56 days chronological; 12 weeks (84 days) before term; corrected 56 − 84 = −28 days.
    expect(ageOnDay('2026-01-01', '2026-02-26', { weeks: 28, days: 0 })).toEqual({
      chronologicalDays: 56,
      correctedDays: -28,
      plottedDays: -28,
    });
  });

  it('born 3 months (13 weeks) early: a 1-year-old is 39 weeks corrected, per the AAP definition', () => {
    const birth = '2025-03-01';
    const age = ageOnDay(birth, '2026-03-01', { weeks: 27, days: 0 });
    expect(age.chronologicalDays).toBe(365);
    expect(age.correctedDays).toBe(365 - 13 * 7);
  });

  it('counts the days of the gestational age: 33+4 weeks is 45 days before term', () => {
    expect(gestationDays({ weeks: 33, days: 4 })).toBe(235);
    expect(daysBeforeTerm({ weeks: 33, days: 4 })).toBe(45);
    expect(daysBeforeTerm({ weeks: 41, days: 2 })).toBe(0);
    expect(daysBeforeTerm(undefined)).toBe(0);
  });

  it('stops at 2 years for very preterm (< 32+0 weeks) and at 1 year for 32+0 to 36+6 (RCPCH)', () => {
    expect(correctionEndsOn('2024-02-29', { weeks: 31, days: 6 })).toBe('2026-02-28');
    expect(correctionEndsOn('2024-05-10', { weeks: 32, days: 0 })).toBe('2025-05-10');
    expect(correctionEndsOn('2024-05-10', { weeks: 36, days: 6 })).toBe('2025-05-10');
    const ga = { weeks: 34, days: 0 };
    expect(ageOnDay('2024-05-10', '2025-05-09', ga).correctedDays).toBe(364 - 42);
    expect(ageOnDay('2024-05-10', '2025-05-10', ga)).toEqual({
      chronologicalDays: 365,
      correctedDays: null,
      plottedDays: 365,
    });
  });

  it('does not correct a term child or one without a recorded gestational age', () => {
    expect(correctionEndsOn('2024-05-10', { weeks: 37, days: 0 })).toBeNull();
    expect(correctionEndsOn('2024-05-10', undefined)).toBeNull();
    expect(ageOnDay('2024-05-10', '2024-06-10', { weeks: 39, days: 1 })).toEqual({
      chronologicalDays: 31,
      correctedDays: null,
      plottedDays: 31,
    });
  });
});
