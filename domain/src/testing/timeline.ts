// One child's records as the timeline tests use them (the domain's event builders, main's childTimeline): tests only,
// not built (tsconfig.cjs.json) and not shipped. Each test overrides what its story needs.
import type { Agreement, AllergyEntry, Report } from '../schemas/index.ts';

/** The `n`th transaction id of the story: 64 hex digits, so ids sort as the story runs. */
export const TX = (n: number): string => n.toString(16).padStart(64, '0');

/** Carla's active agreement with ped-alice for child-a: proposed (tx 1), accepted (tx 2). */
export const agreement: Agreement = {
  agreementId: 'agr-1',
  childId: 'child-a',
  pediatricianUid: 'ped-alice',
  guardianUids: ['parent-carla'],
  purpose: 'Care',
  validUntil: '2026-03-01T00:00:00Z',
  status: 'active',
  changes: [
    { status: 'proposed', by: 'parent-carla', at: '2025-03-01T09:00:00.000Z', txId: TX(1) },
    { status: 'active', by: 'ped-alice', at: '2025-03-01T10:00:00.000Z', txId: TX(2) },
  ],
};

/** ped-alice's allergy entry on child-a's card (tx 3). */
export const allergy: AllergyEntry = {
  kind: 'allergy',
  entryId: 'e-1',
  childId: 'child-a',
  substance: 'Peanuts',
  reaction: 'Hives',
  severity: 'severe',
  recordedBy: 'ped-alice',
  recordedAt: '2025-03-02T08:00:00.000Z',
  txId: TX(3),
};

/** Report rep-1 on child-a, built from card version 2 (tx 3) and approved, with the status `changes` given. */
export function approvedReport(changes: Report['changes']): Report {
  return {
    reportId: 'rep-1',
    reportRequestId: 'rr-1',
    admissionRequestId: 'adm-1',
    childId: 'child-a',
    pediatricianUid: 'ped-alice',
    guardianUids: ['parent-carla'],
    status: 'approved',
    permissions: [],
    provenance: { sourceChannel: 'medical', cardVersion: 2, cardTxId: TX(3), bodyHash: 'a'.repeat(64) },
    changes,
  };
}
