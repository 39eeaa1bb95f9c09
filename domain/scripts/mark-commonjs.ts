// The package is ESM (`"type": "module"`: plain Node loads its TypeScript sources as modules), so the CommonJS build
// the chaincode requires needs its own package.json saying so, or Node would read dist/cjs/*.js as ESM.
import { writeFileSync } from 'node:fs';

writeFileSync(new URL('../dist/cjs/package.json', import.meta.url), JSON.stringify({ type: 'commonjs' }) + '\n');
