// School-entry immunization schedules. To add one, write it in the `ImmunizationSchedule` format (shared schema,
// domain/src/schemas/immunizationSchedule.ts), cite its public source and the day it was read, and add it
// to SCHEDULES; the test validates every schedule against the schema.
import type { ImmunizationSchedule } from '@pediledger/domain';

/**
 * California, kindergarten (TK/K) entry: California Department of Public Health, Immunization Branch, "Guide to
 * Immunizations Required for School Entry" / "California School Immunization Requirements for K–12", Shots for
 * School, https://www.shotsforschool.org/k-12/ (read 2026-11-30). Required at TK/K entry: polio 4 doses (3 if one
 * was given on or after the 4th birthday); DTaP 5 doses (4 if one was given on or after the 4th birthday); hepatitis
 * B 3 doses; MMR 2 doses, both on or after the 1st birthday; varicella 2 doses. (Exemptions and catch-up intervals
 * are for the school to apply; this schedule counts doses.)
 */
export const californiaKindergarten: ImmunizationSchedule = {
  id: 'us-ca-kindergarten',
  name: 'California, kindergarten (TK/K) entry',
  source: {
    title: 'CDPH Immunization Branch, California School Immunization Requirements for K–12 (Shots for School)',
    url: 'https://www.shotsforschool.org/k-12/',
    retrievedOn: '2026-11-30',
  },
  vaccines: [
    {
      code: 'polio',
      name: 'Polio (IPV)',
      names: ['IPV', 'OPV', 'Polio', 'Poliovirus', 'Kinrix', 'Quadracel', 'Pediarix', 'Pentacel', 'Vaxelis'],
      doses: 4,
      orFewer: [{ doses: 3, oneOnOrAfterAgeYears: 4 }],
    },
    {
      code: 'dtap',
      name: 'DTaP (diphtheria, tetanus, pertussis)',
      names: [
        'DTaP',
        'DTP',
        'DT',
        'Tdap',
        'Td',
        'Kinrix',
        'Quadracel',
        'Pediarix',
        'Pentacel',
        'Vaxelis',
        'Infanrix',
        'Daptacel',
      ],
      doses: 5,
      orFewer: [{ doses: 4, oneOnOrAfterAgeYears: 4 }],
    },
    {
      code: 'hepb',
      name: 'Hepatitis B',
      names: ['HepB', 'Hep B', 'Hepatitis B', 'HBV', 'Engerix-B', 'Recombivax HB', 'Pediarix', 'Vaxelis'],
      doses: 3,
    },
    {
      code: 'mmr',
      name: 'MMR (measles, mumps, rubella)',
      names: ['MMR', 'MMRV', 'M-M-R II', 'Priorix', 'ProQuad'],
      doses: 2,
      countFromAgeYears: 1,
    },
    {
      code: 'varicella',
      name: 'Varicella (chickenpox)',
      names: ['Varicella', 'VAR', 'VZV', 'Chickenpox', 'MMRV', 'Varivax', 'ProQuad'],
      doses: 2,
    },
  ],
};

/** Every schedule the app offers; the first is the default. */
export const SCHEDULES: readonly ImmunizationSchedule[] = [californiaKindergarten];
export const DEFAULT_SCHEDULE: ImmunizationSchedule = californiaKindergarten;
