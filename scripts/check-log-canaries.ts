// After the tests: the whole test log must contain none of the markers the log canary planted in records
// (electron/test/logCanary.integration.test.ts). The canary searches the log while it runs; this catches anything
// printed later, including by the canary's own reporting. Prints only which markers and how often, never a marker.
import { existsSync, readFileSync } from 'node:fs';
import { countMarkers, MARKER_FIELDS, markersFileIn, type Markers } from '../electron/test/logCanary.ts';

const [logFile, testAppRoot] = process.argv.slice(2);
if (logFile === undefined || testAppRoot === undefined) {
  console.error('usage: node scripts/check-log-canaries.ts <test log> <test app root (PEDILEDGER_TEST_APP_ROOT)>');
  process.exit(2);
}
const markersFile = markersFileIn(testAppRoot);
if (!existsSync(markersFile)) {
  console.log('Log canary: the canary test did not run, so there are no markers to look for.');
  process.exit(0);
}
const parsed: unknown = JSON.parse(readFileSync(markersFile, 'utf8'));
const isMarkers = (value: unknown): value is Markers =>
  typeof value === 'object' &&
  value !== null &&
  MARKER_FIELDS.every((field) => typeof (value as Record<string, unknown>)[field] === 'string');
if (!isMarkers(parsed)) {
  console.error(`Log canary: ${markersFile} does not hold the canary's markers.`);
  process.exit(2);
}
const found = countMarkers(existsSync(logFile) ? readFileSync(logFile, 'utf8') : '', parsed);
const leaks = Object.entries(found).map(([field, count]) => `the ${field} marker ${String(count)} time(s)`);
if (leaks.length > 0) {
  console.error(`Log canary: the test log contains ${leaks.join(', ')}.`);
  process.exit(1);
}
console.log('Log canary: the test log contains none of the markers.');
