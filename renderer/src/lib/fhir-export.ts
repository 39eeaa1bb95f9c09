// Exports a card or a report as a FHIR R4 bundle: main reads it with the active identity, builds the bundle and saves
// it through its own save dialog (desktop app). In the browser shell main has no window to own a dialog, so it hands
// the JSON back and the tab saves it as a download.
import type { FhirExportResult } from '../../../shared/ipc/dto/fhir.ts';
import { request } from './ipc.ts';
import { reportPdfFileName } from './print.ts';

/** What the user is told: saved at a path, downloaded by the browser, or nothing (the dialog was cancelled). */
export type FhirExportOutcome = { saved: 'path'; path: string } | { saved: 'download' } | { saved: 'no' };

/** A plain `.json` file name from the same parts as the PDF's ("FHIR Mia Rossi rep-1.json"). */
export function fhirFileName(prefix: string, childName: string | null, id: string): string {
  return reportPdfFileName(prefix, childName, id).replace(/\.pdf$/, '.json');
}

function deliver(result: FhirExportResult, fileName: string): FhirExportOutcome {
  if (result.outcome === 'saved') return { saved: 'path', path: result.path };
  if (result.outcome === 'cancelled') return { saved: 'no' };
  const url = URL.createObjectURL(new Blob([result.json], { type: 'application/fhir+json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has started by the time the click returns; the URL is no longer needed.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 0);
  return { saved: 'download' };
}

/** Exports the card of `childId` as a FHIR `collection` Bundle. */
export async function exportCardFhir(childId: string, suggestedFileName: string): Promise<FhirExportOutcome> {
  const result = await request(() => window.api['fhir:exportCard']({ childId, suggestedFileName }));
  return deliver(result, suggestedFileName);
}

/** Exports report `reportId` as a FHIR `document` Bundle. */
export async function exportReportFhir(reportId: string, suggestedFileName: string): Promise<FhirExportOutcome> {
  const result = await request(() => window.api['fhir:exportReport']({ reportId, suggestedFileName }));
  return deliver(result, suggestedFileName);
}
