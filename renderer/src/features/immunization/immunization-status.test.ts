// School-entry status against the California TK/K requirements (CDPH, cited in schedules.ts): cases for each rule.
import { describe, expect, it } from 'vitest';
import { ImmunizationSchedule } from '@pediledger/domain';
import { countsToward, immunizationStatus, type GivenDose } from './immunization-status.ts';
import { californiaKindergarten, SCHEDULES } from './schedules.ts';

const born = '2020-09-01';
const asOf = '2025-08-15';

function status(
  doses: GivenDose[],
  on = asOf,
): Record<string, { counted: number; missing: number; complete: boolean }> {
  return Object.fromEntries(
    immunizationStatus(californiaKindergarten, doses, born, on).map((s) => [
      s.code,
      { counted: s.counted, missing: s.missing, complete: s.complete },
    ]),
  );
}

const dose = (vaccine: string, date: string): GivenDose => ({ vaccine, date });

describe('school-entry immunization status (California TK/K)', () => {
  it('every schedule is valid in the shared format', () => {
    for (const schedule of SCHEDULES) expect(ImmunizationSchedule.safeParse(schedule).success).toBe(true);
    expect(ImmunizationSchedule.safeParse({ ...californiaKindergarten, vaccines: [] }).success).toBe(false);
  });

  it('DTaP: 5 doses complete; 4 complete only if one was on or after the 4th birthday', () => {
    const four = ['2020-11-01', '2021-01-01', '2021-03-01', '2021-12-01'].map((d) => dose('DTaP', d));
    expect(status(four)['dtap']).toEqual({ counted: 4, missing: 1, complete: false });
    expect(status([...four.slice(0, 3), dose('DTaP', '2024-09-02')])['dtap']).toEqual({
      counted: 4,
      missing: 0,
      complete: true,
    });
    expect(status([...four, dose('DTaP', '2024-09-02')])['dtap']?.complete).toBe(true);
  });

  it('polio: 3 doses complete when one was on or after the 4th birthday; a combination counts for each part', () => {
    const doses = [dose('DTaP-IPV/Hib', '2020-11-01'), dose('Pentacel', '2021-01-01'), dose('Kinrix', '2024-09-01')];
    expect(status(doses)['polio']).toEqual({ counted: 3, missing: 0, complete: true });
    // DTaP: 3 doses, one after the 4th birthday, so the 4-dose way is the nearest: 1 missing.
    expect(status(doses)['dtap']).toEqual({ counted: 3, missing: 1, complete: false });
  });

  it('MMR: a dose before the 1st birthday does not count', () => {
    expect(status([dose('MMR', '2021-08-01'), dose('MMR', '2021-12-01')])['mmr']).toEqual({
      counted: 1,
      missing: 1,
      complete: false,
    });
    expect(status([dose('MMRV', '2021-09-01'), dose('mmr', '2024-09-05')])['mmr']?.complete).toBe(true);
    expect(status([dose('MMRV', '2021-09-01'), dose('ProQuad', '2024-09-05')])['varicella']?.complete).toBe(true);
  });

  it('counts only doses given by the date, one per day', () => {
    const doses = [dose('Hep B', '2020-09-01'), dose('HepB', '2020-10-01'), dose('HepB', '2020-10-01')];
    expect(status(doses)['hepb']).toEqual({ counted: 2, missing: 1, complete: false });
    const later = [...doses, dose('Hepatitis B', '2025-09-01')];
    expect(status(later)['hepb']?.complete).toBe(false);
    expect(status(later, '2025-09-01')['hepb']?.complete).toBe(true);
  });

  it('matches names whole or by part, never by substring', () => {
    const dtap = californiaKindergarten.vaccines.find((v) => v.code === 'dtap');
    if (dtap === undefined) throw new Error('no DTaP');
    expect(countsToward('DTaP-HepB-IPV', dtap)).toBe(true);
    expect(countsToward('  tdap ', dtap)).toBe(true);
    expect(countsToward('DTaPX', dtap)).toBe(false);
    expect(countsToward('Influenza', dtap)).toBe(false);
  });

  it('a child with nothing recorded misses every dose', () => {
    expect(Object.values(status([])).map((s) => s.missing)).toEqual([4, 5, 3, 2, 2]);
  });
});
