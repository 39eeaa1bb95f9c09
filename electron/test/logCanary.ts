// Test-only: the markers of the log canary (logCanary.integration.test.ts) and how to look for them. Plain Node, so the
// test runner's final check (scripts/check-log-canaries.ts) uses the same definitions on the whole test log.
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** The fields the canary writes a marker into. */
export const MARKER_FIELDS = ['allergy', 'visitNote', 'childName', 'reportBody', 'badInput', 'enrollment'] as const;
export type MarkerField = (typeof MARKER_FIELDS)[number];
export type Markers = Readonly<Record<MarkerField, string>>;

/**
 * Fresh markers for one run: letters and digits only (valid as a name, a note, an enrollment ID or secret), unique
 * per run so logs of earlier runs never match.
 */
export function newMarkers(): Markers {
  const run = randomBytes(6).toString('hex');
  return Object.fromEntries(MARKER_FIELDS.map((field) => [field, `Cnry${run}${field}`])) as Record<MarkerField, string>;
}

/**
 * What a marker looks like in a log however it was printed: as text (also inside JSON or a Go %q string, since it is
 * letters and digits), as hex, or inside base64 at any of the three byte alignments.
 */
export function needlesOf(marker: string): string[] {
  const bytes = Buffer.from(marker, 'utf8');
  const base64 = [0, 1, 2].map((pad) => {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
    // Keep only the characters that depend on marker bytes alone.
    return encoded.slice(Math.ceil(pad / 3) * 4, Math.floor((pad + bytes.length) / 3) * 4);
  });
  return [marker, bytes.toString('hex'), ...base64];
}

/** How often each marker occurs in `text`, in any of its forms; only markers that occur are listed. */
export function countMarkers(text: string, markers: Markers): Partial<Record<MarkerField, number>> {
  const found: Partial<Record<MarkerField, number>> = {};
  for (const field of MARKER_FIELDS) {
    let count = 0;
    for (const needle of needlesOf(markers[field])) count += text.split(needle).length - 1;
    if (count > 0) found[field] = count;
  }
  return found;
}

/** Where the canary leaves its markers for the check of the whole test log after the run. */
export function markersFileIn(testAppRoot: string): string {
  return path.join(testAppRoot, 'log-canary-markers.json');
}
