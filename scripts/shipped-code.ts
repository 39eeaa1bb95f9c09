// What must never be in the shipped app (out/main, out/preload, out/renderer): code that exists only for benches and
// tests. Each marker is a string only that code contains, so finding it in a bundle means the code was bundled.

/** A marker and where it comes from. */
export interface ForbiddenMarker {
  readonly text: string;
  readonly origin: string;
}

export const forbiddenMarkers: readonly ForbiddenMarker[] = [
  { text: 'bench-result', origin: 'the bench page (renderer/src/features/bench), built only with --mode bench' },
  { text: '/api/v1/register', origin: 'CA registration (electron/main/enrollment/testing/caRegistrar.ts)' },
  { text: 'is not available yet', origin: 'the NOT_IMPLEMENTED test seam (electron/main/testing/partialHandlers.ts)' },
];

/** One forbidden marker found in one bundle file. */
export interface ShippedCodeFinding {
  readonly file: string;
  readonly marker: ForbiddenMarker;
}

/** The forbidden markers in `files` (bundle path → its text). */
export function findForbiddenCode(
  files: Iterable<readonly [string, string]>,
  markers: readonly ForbiddenMarker[] = forbiddenMarkers,
): ShippedCodeFinding[] {
  const findings: ShippedCodeFinding[] = [];
  for (const [file, text] of files) {
    for (const marker of markers) if (text.includes(marker.text)) findings.push({ file, marker });
  }
  return findings;
}
