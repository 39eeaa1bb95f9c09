import { z } from 'zod';

/**
 * Arguments of `report:savePdf`: the file name the save dialog suggests. A bare name (no folder, no dots in front),
 * because the user picks the folder in the dialog and a renderer must never choose where main writes.
 */
export const savePdfArgsSchema = z.strictObject({
  suggestedFileName: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,95}\.pdf$/, 'The file name must be a plain name ending in .pdf'),
});

/** The value of `report:savePdf`: where the PDF was saved, or that the user cancelled the dialog. */
export const savePdfResultSchema = z.discriminatedUnion('saved', [
  z.strictObject({ saved: z.literal(true), path: z.string().min(1).max(4096), bytes: z.number().int().positive() }),
  z.strictObject({ saved: z.literal(false) }),
]);

/** The value of `report:savePdf`. */
export type SavePdfResult = z.output<typeof savePdfResultSchema>;
