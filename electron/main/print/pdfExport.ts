// The contract's report:savePdf entry: the calling window renders itself as PDF, the user picks where it goes in a
// dialog main shows, and main writes the file. Plain Node; Electron only supplies the window (`CallContext.window`,
// filled by `registerIpcHandlers`), so the decisions here are unit-tested with fakes.
import path from 'node:path';
import { errorCodes, type AppErrorCode } from '@pediledger/domain';
import { AppError } from '../../../shared/errors.ts';
import { messageErrorClass } from '../../../shared/errorClass.ts';
import type { Handlers } from '../ipc/handlers.ts';
import { writeFileAtomically } from '../util/atomicWrite.ts';
import { errorMessage } from '../util/errorMessage.ts';

/** Codes of the errors below. */
export const PdfExportErrorCode = {
  /** The page could not be rendered, or the file could not be written. */
  Failed: errorCodes.pdfExportFailed,
  /** The shell cannot render its page (the browser shell): the browser's own print dialog saves PDFs. */
  Unavailable: errorCodes.pdfExportUnavailable,
} as const satisfies Record<string, AppErrorCode>;

/** Saving a report as PDF failed; nothing was written. */
export const PdfExportError = messageErrorClass('PdfExportError', PdfExportErrorCode.Failed);
export type PdfExportError = InstanceType<typeof PdfExportError>;

/** This shell cannot save PDFs itself. */
export class PdfExportUnavailableError extends AppError {
  override name = 'PdfExportUnavailableError';
  constructor() {
    super(
      PdfExportErrorCode.Unavailable,
      'Saving as PDF is only built into the desktop app. Use Print and choose "Save as PDF" in the browser’s print dialog.',
    );
  }
}

/** Writes a finished file. */
export interface PdfFileWriter {
  /** Writes `bytes` to `file` so that a failure never leaves a partial file there. */
  write(file: string, bytes: Uint8Array): Promise<void>;
}

/** Writes a temporary file beside the target and renames it over the target; on failure it is removed. */
export const atomicFileWriter: PdfFileWriter = {
  write: (file, bytes) => writeFileAtomically(file, bytes, 0o644),
};

/** What {@link createPrintHandlers} needs besides the calling window. */
export interface PrintHandlerDeps {
  /** Default {@link atomicFileWriter}. */
  readonly files?: PdfFileWriter;
}

/** The handler of `report:savePdf`. */
export type PrintHandlers = Pick<Handlers, 'report:savePdf'>;

const PDF_MAGIC = '%PDF-';

function isPdf(bytes: Uint8Array): boolean {
  return (
    bytes.byteLength > PDF_MAGIC.length &&
    Buffer.from(bytes.subarray(0, PDF_MAGIC.length)).toString('latin1') === PDF_MAGIC
  );
}

/** A file system error's code (`EACCES`, `EISDIR`, …); its message would repeat the path. */
function systemErrorCode(error: unknown): string {
  const code: unknown = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof code === 'string' ? code : 'unknown error';
}

/** The chosen path with a `.pdf` extension (save dialogs on Linux do not always add it). */
function withPdfExtension(file: string): string {
  return /\.pdf$/i.test(file) ? file : `${file}.pdf`;
}

/**
 * `report:savePdf`: renders the calling page, asks where to save it, writes it. The page is rendered first, so what
 * is saved is what the user saw when they clicked, and a page that cannot render does not open a dialog in vain.
 * @throws PdfExportUnavailableError when the call did not come from a window main can render (the browser shell)
 * @throws PdfExportError when rendering or writing fails; no file is left behind
 */
export function createPrintHandlers(deps: PrintHandlerDeps = {}): PrintHandlers {
  const files = deps.files ?? atomicFileWriter;
  return {
    'report:savePdf': async ({ suggestedFileName }, context) => {
      const window = context.window;
      if (window === undefined) throw new PdfExportUnavailableError();
      let bytes: Uint8Array;
      try {
        bytes = await window.printToPdf();
      } catch (cause) {
        throw new PdfExportError(`The report could not be rendered as PDF: ${errorMessage(cause)}`, { cause });
      }
      if (!isPdf(bytes)) throw new PdfExportError('The report could not be rendered as PDF: the output is not a PDF');
      const chosen = await window.chooseSavePath(suggestedFileName);
      if (chosen === null) return { saved: false };
      if (!path.isAbsolute(chosen)) throw new PdfExportError('The save dialog returned a relative path');
      const file = withPdfExtension(chosen);
      try {
        await files.write(file, bytes);
      } catch (cause) {
        // The path stays out of the message, which main logs: the suggested file name carries the child's name. The
        // window that chose it gets it back in `details`.
        throw new PdfExportError(`The PDF could not be saved to the chosen file (${systemErrorCode(cause)})`, {
          cause,
          details: { path: file },
        });
      }
      return { saved: true, path: file, bytes: bytes.byteLength };
    },
  };
}
