// A registered child as the chaincode stores it and `children:listMine` answers it, for the tests of every layer
// that act on one (main's FHIR export, the renderer's dialogs): tests only, not built and not shipped.
import type { Child } from '../schemas/index.ts';
import { TX } from './timeline.ts';

/** When the test child was registered. */
export const childRegisteredAt = '2026-01-02T10:00:00.000Z';

/** Mia Rossi, registered by her parent Carla (tx 1), unless overridden. */
export function testChild(overrides: Partial<Child> = {}): Child {
  return {
    childId: 'child-1',
    givenName: 'Mia',
    familyName: 'Rossi',
    birthDate: '2021-03-14',
    sex: 'female',
    guardianUids: ['parent-carla'],
    createdBy: 'parent-carla',
    createdAt: childRegisteredAt,
    changes: [{ status: 'registered', by: 'parent-carla', at: childRegisteredAt, txId: TX(1) }],
    ...overrides,
  };
}
