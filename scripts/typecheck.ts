// Typechecks every TypeScript project in the repository: each folder with a tsconfig.json is one project, so a new
// part of the system is checked as soon as it has its tsconfig, without editing a list here.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const skipped = new Set(['node_modules', '.git', '.cache', '.data', '.multihost', 'dist', 'out', '.artifacts']);

function findProjects(dir: string): string[] {
  const found: string[] = [];
  if (existsSync(path.join(dir, 'tsconfig.json'))) found.push(dir);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !skipped.has(entry.name)) found.push(...findProjects(path.join(dir, entry.name)));
  }
  return found;
}

let failed = false;
for (const project of findProjects(root)) {
  // Vue single-file components need vue-tsc; plain projects use tsc.
  const usesVue = existsSync(path.join(project, 'src', 'App.vue'));
  const compiler = path.join(root, 'node_modules', '.bin', usesVue ? 'vue-tsc' : 'tsc');
  const started = Date.now();
  const result = spawnSync(compiler, ['-p', project, '--noEmit'], { stdio: 'inherit' });
  const label = path.relative(root, project);
  console.log(`typecheck ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} (${Date.now() - started} ms)`);
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
