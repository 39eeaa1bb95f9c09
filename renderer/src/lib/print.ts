// Printing and saving a report as PDF. Everywhere: the print dialog (in the browser shell, Chromium's "Save as PDF"
// gives the A4 document; the page's @page rule sets size and margins). In Electron also "Save as PDF": main renders
// the window itself and shows the save dialog, so the page never chooses where a file goes.
import type { SavePdfResult } from '../../../shared/ipc/dto/print.ts';
import { request } from './ipc.ts';

/** Opens the print dialog for the current page. */
export function printPage(): void {
  window.print();
}

/** Letters without accents, digits, spaces, `.`, `_` and `-`; everything else becomes a space. */
function fileNamePart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ._-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The file name the save dialog suggests for a report, e.g. `Health report Mia Rossi rep-1.pdf`: plain ASCII, at most
 * 100 characters, starting with a letter or digit, as `report:savePdf` requires.
 */
export function reportPdfFileName(prefix: string, childName: string | null, reportId: string): string {
  const base = [prefix, childName ?? '', reportId]
    .map(fileNamePart)
    .filter((part) => part !== '')
    .join(' ')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 96)
    .replace(/[ .]+$/, '');
  return `${base === '' ? 'report' : base}.pdf`;
}

/** Asks main to save the current window as PDF; `{ saved: false }` when the user cancelled the dialog. */
export function saveReportPdf(suggestedFileName: string): Promise<SavePdfResult> {
  return request(() => window.api['report:savePdf']({ suggestedFileName }));
}
