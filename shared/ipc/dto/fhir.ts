import { z } from 'zod';
import { id } from '@pediledger/domain';

/** A bare file name ending in `.json` for the save dialog (the user picks the folder; a renderer never does). */
const jsonFileName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,95}\.json$/, 'The file name must be a plain name ending in .json');

/** Arguments of `fhir:exportCard`: whose card (the caller must be a guardian or have an agreement in force). */
export const fhirExportCardArgsSchema = z.strictObject({ childId: id, suggestedFileName: jsonFileName });

/** Arguments of `fhir:exportReport`: which report (the caller must be one of its readers). */
export const fhirExportReportArgsSchema = z.strictObject({ reportId: id, suggestedFileName: jsonFileName });

/** Most bytes of FHIR JSON one export hands back to a browser tab to save. */
export const FHIR_DOWNLOAD_MAX_BYTES = 4 * 1024 * 1024;

/**
 * The value of a FHIR export: saved where the save dialog said (desktop app), cancelled in the dialog, or — in the
 * browser shell, where main has no window to own a dialog — the bundle's JSON for the tab to download.
 */
export const fhirExportResultSchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('saved'),
    path: z.string().min(1).max(4096),
    bytes: z.number().int().positive(),
  }),
  z.strictObject({ outcome: z.literal('cancelled') }),
  z.strictObject({ outcome: z.literal('download'), json: z.string().min(2).max(FHIR_DOWNLOAD_MAX_BYTES) }),
]);

/** The value of a FHIR export. */
export type FhirExportResult = z.output<typeof fhirExportResultSchema>;
