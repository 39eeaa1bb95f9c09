// fhir:exportCard / fhir:exportReport: main reads with the active identity, saves where main's dialog says (desktop),
// or hands the JSON to a browser tab; a cancelled dialog writes nothing, a failed write leaves no file and says why.
import type { Bundle } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { CallContext, WindowCapabilities } from '../ipc/handlers.ts';
import { testChild } from '../../../domain/src/testing/child.ts';
import type { Workflow } from '../workflow/workflow.ts';
import { createFhirHandlers } from './fhirExport.ts';

const child = testChild({ childId: 'child-a', createdAt: '2021-03-15T08:00:00.000Z', changes: [] });
const card = {
  childId: 'child-a',
  version: 3,
  txId: 'b'.repeat(64),
  allergies: [],
  conditions: [],
  immunizations: [],
  measurements: [],
  visitNotes: [],
};
const body = {
  childId: 'child-a',
  child: { givenName: 'Mia', familyName: 'Rossi', birthDate: '2021-03-14' },
  allergies: [],
  conditions: [],
  immunizations: [],
  latestMeasurement: null,
  fitnessForSchool: { fit: true, statement: 'Fit.' },
  source: { channel: 'medical', cardVersion: 3, cardTxId: 'b'.repeat(64) },
  issuedOn: '2026-01-05',
};
const schoolRead = {
  report: {
    reportId: 'rep-1',
    childId: 'child-a',
    status: 'approved',
    provenance: { sourceChannel: 'medical', cardVersion: 3, cardTxId: 'b'.repeat(64), bodyHash: 'c'.repeat(64) },
    permission: { schoolId: 'oak-primary', validUntil: '2027-01-01T00:00:00Z', grantedBy: 'p', grantedAt: 'x' },
  },
  body,
};

const reads: string[] = [];
const workflow = {
  children: { readChild: (id: string) => (reads.push(`child ${id}`), Promise.resolve(child)) },
  cards: { readMedicalCard: (id: string) => (reads.push(`card ${id}`), Promise.resolve(card)) },
  reports: { readReport: (id: string) => (reads.push(`report ${id}`), Promise.resolve(schoolRead)) },
} as unknown as Workflow;

function windowSaving(to: string | null): WindowCapabilities & { filters: unknown[] } {
  const filters: unknown[] = [];
  return {
    filters,
    printToPdf: () => Promise.reject(new Error('not used')),
    chooseSavePath: (_name, filter) => (filters.push(filter), Promise.resolve(to)),
  };
}

const browser: CallContext = { transport: 'browser', origin: 'http://127.0.0.1' };

describe('FHIR export handlers', () => {
  it('hands a browser tab the card bundle, read with the active identity', async () => {
    const handlers = createFhirHandlers({ current: () => workflow });
    const result = await handlers['fhir:exportCard'](
      { childId: 'child-a', suggestedFileName: 'FHIR Mia.json' },
      browser,
    );
    expect(result.outcome).toBe('download');
    const bundle = JSON.parse(result.outcome === 'download' ? result.json : '{}') as Bundle;
    expect(bundle.type).toBe('collection');
    expect(reads).toContain('card child-a');
  });

  it('saves a report bundle where the dialog says, as JSON', async () => {
    const written: [string, string][] = [];
    const handlers = createFhirHandlers({
      current: () => workflow,
      files: { write: (file, bytes) => (written.push([file, Buffer.from(bytes).toString('utf8')]), Promise.resolve()) },
    });
    const window = windowSaving('/home/u/Documents/report');
    const result = await handlers['fhir:exportReport'](
      { reportId: 'rep-1', suggestedFileName: 'FHIR Mia.json' },
      { ...browser, transport: 'electron', window },
    );
    expect(result).toMatchObject({ outcome: 'saved', path: '/home/u/Documents/report.json' });
    expect(window.filters).toEqual([{ name: 'FHIR JSON', extensions: ['json'] }]);
    expect((JSON.parse(written[0]?.[1] ?? '{}') as Bundle).type).toBe('document');
  });

  it('writes nothing when the dialog is cancelled, and says why a failed write failed', async () => {
    const written: string[] = [];
    const failing = createFhirHandlers({
      current: () => workflow,
      files: { write: () => Promise.reject(Object.assign(new Error('/secret/path'), { code: 'EACCES' })) },
    });
    const cancelled = createFhirHandlers({
      current: () => workflow,
      files: { write: (file) => (written.push(file), Promise.resolve()) },
    });
    const args = { childId: 'child-a', suggestedFileName: 'FHIR.json' };
    expect(
      await cancelled['fhir:exportCard'](args, { ...browser, transport: 'electron', window: windowSaving(null) }),
    ).toEqual({ outcome: 'cancelled' });
    expect(written).toEqual([]);
    const saving = Promise.resolve(
      failing['fhir:exportCard'](args, { ...browser, transport: 'electron', window: windowSaving('/tmp/x.json') }),
    );
    const error: unknown = await saving.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'FHIR_EXPORT_FAILED' });
    expect((error as Error).message).toContain('EACCES');
    expect((error as Error).message).not.toContain('/tmp/x.json');
  });

  it('refuses without an active identity', async () => {
    const handlers = createFhirHandlers({ current: () => null });
    await expect(
      handlers['fhir:exportCard']({ childId: 'child-a', suggestedFileName: 'FHIR.json' }, browser),
    ).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });
});
