// The contract's fhir:exportCard and fhir:exportReport entries: main reads the card or the report with the active
// identity (so the chaincode decides who may: a guardian or a pediatrician with an agreement in force for a card,
// the report's readers for a report), builds the FHIR R4 bundle and saves it where the user says in main's save
// dialog, like report:savePdf. In the browser shell, which has no window for main to own a dialog, the tab gets the
// JSON and saves it as a download.
import path from 'node:path';
import { messageErrorClass } from '../../../shared/errorClass.ts';
import { FHIR_DOWNLOAD_MAX_BYTES, type FhirExportResult } from '../../../shared/ipc/dto/fhir.ts';
import { NotConnectedError } from '../fabric/errors.ts';
import type { CallContext, Handlers } from '../ipc/handlers.ts';
import { atomicFileWriter, type PdfFileWriter } from '../print/pdfExport.ts';
import type { Workflow } from '../workflow/workflow.ts';
import { cardBundle, reportBundle } from './fhirBundle.ts';

/** The export could not be built or written; nothing was written. */
export const FhirExportError = messageErrorClass('FhirExportError', 'FHIR_EXPORT_FAILED');
export type FhirExportError = InstanceType<typeof FhirExportError>;

/** What {@link createFhirHandlers} needs. */
export interface FhirHandlerDeps {
  /** The workflow of the active identity, or null when none is connected. */
  readonly current: () => Workflow | null;
  /** Default: a temporary file renamed over the target. */
  readonly files?: PdfFileWriter;
}

/** The handlers of the FHIR export entries. */
export type FhirHandlers = Pick<Handlers, 'fhir:exportCard' | 'fhir:exportReport'>;

const JSON_FILTER = { name: 'FHIR JSON', extensions: ['json'] };

function systemErrorCode(error: unknown): string {
  const code: unknown = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof code === 'string' ? code : 'unknown error';
}

/** Saves `json` where the calling window's dialog says, or hands it to a browser tab to download. */
async function deliver(
  json: string,
  suggestedFileName: string,
  context: CallContext,
  files: PdfFileWriter,
): Promise<FhirExportResult> {
  const window = context.window;
  if (window === undefined) {
    if (Buffer.byteLength(json) > FHIR_DOWNLOAD_MAX_BYTES) {
      throw new FhirExportError('The FHIR bundle is too large to hand to the browser; export it from the desktop app');
    }
    return { outcome: 'download', json };
  }
  const chosen = await window.chooseSavePath(suggestedFileName, JSON_FILTER);
  if (chosen === null) return { outcome: 'cancelled' };
  if (!path.isAbsolute(chosen)) throw new FhirExportError('The save dialog returned a relative path');
  const file = /\.json$/i.test(chosen) ? chosen : `${chosen}.json`;
  const bytes = Buffer.from(json, 'utf8');
  try {
    await files.write(file, bytes);
  } catch (cause) {
    // The path stays out of the message (main logs it; the file name may carry the child's name).
    throw new FhirExportError(`The FHIR bundle could not be saved to the chosen file (${systemErrorCode(cause)})`, {
      cause,
      details: { path: file },
    });
  }
  return { outcome: 'saved', path: file, bytes: bytes.byteLength };
}

/**
 * `fhir:exportCard` (a `collection` Bundle of the card) and `fhir:exportReport` (a `document` Bundle of the report).
 * @throws NotConnectedError with no active identity; the ledger's refusals as for `card:read` / `report:read`
 * @throws FhirExportError when writing fails (no partial file is left) or the report body is not readable
 */
export function createFhirHandlers(deps: FhirHandlerDeps): FhirHandlers {
  const files = deps.files ?? atomicFileWriter;
  const workflow = (): Workflow => {
    const current = deps.current();
    if (current === null) throw new NotConnectedError();
    return current;
  };
  return {
    'fhir:exportCard': async ({ childId, suggestedFileName }, context) => {
      const { children, cards } = workflow();
      const [child, card] = await Promise.all([children.readChild(childId), cards.readMedicalCard(childId)]);
      return deliver(JSON.stringify(cardBundle(child, card), null, 2), suggestedFileName, context, files);
    },
    'fhir:exportReport': async ({ reportId, suggestedFileName }, context) => {
      const read = await workflow().reports.readReport(reportId);
      const body = 'body' in read ? read.body : (read.envelope?.body ?? null);
      if (body === null) throw new FhirExportError(`The body of report ${reportId} is not readable here`);
      const bundle = reportBundle(body, {
        reportId: read.report.reportId,
        ...('pediatricianUid' in read.report ? { pediatricianUid: read.report.pediatricianUid } : {}),
        bodyHash: read.report.provenance.bodyHash,
        cardVersion: read.report.provenance.cardVersion,
        cardTxId: read.report.provenance.cardTxId,
      });
      return deliver(JSON.stringify(bundle, null, 2), suggestedFileName, context, files);
    },
  };
}
