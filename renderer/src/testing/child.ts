// A registered child as `children:listMine` answers it, for the component tests of the dialogs that act on one.
import type { ChildRecord } from '../domain/records.ts';
import { fixtureTime } from './fixtures.ts';
import { tx } from './fake-api.ts';

/** Mia Rossi, registered by her parent Carla, unless overridden. */
export function testChild(overrides: Partial<ChildRecord> = {}): ChildRecord {
  return {
    childId: 'child-1',
    givenName: 'Mia',
    familyName: 'Rossi',
    birthDate: '2021-03-14',
    sex: 'female',
    guardianUids: ['parent-carla'],
    createdBy: 'parent-carla',
    createdAt: fixtureTime,
    changes: [{ status: 'registered', by: 'parent-carla', at: fixtureTime, txId: tx(1) }],
    ...overrides,
  };
}
