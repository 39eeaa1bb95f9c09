// Fails when the built app (out/, from `electron-vite build`) contains bench or test code: the bench page, CA
// registration, the NOT_IMPLEMENTED test seam. Usage: node scripts/check-shipped-code.ts [out-dir]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findForbiddenCode } from './shipped-code.ts';

const outDir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', 'out'));
const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
  .filter((entry) => /\.(c|m)?js$|\.html$/.test(entry))
  .map((entry) => [entry, readFileSync(path.join(outDir, entry), 'utf8')] as const);
if (files.length === 0) {
  console.error(`check-shipped-code: no bundles in ${outDir}; run electron-vite build first`);
  process.exit(1);
}
const findings = findForbiddenCode(files);
for (const { file, marker } of findings)
  console.error(`shipped code: ${file} contains "${marker.text}" (${marker.origin})`);
console.log(
  `check-shipped-code: ${files.length} bundle files, ${findings.length === 0 ? 'no bench or test code' : 'FAILED'}`,
);
process.exit(findings.length === 0 ? 0 : 1);
