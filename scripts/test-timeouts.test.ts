// Tests must hold on a busy machine: a wait on a network, a browser or a process start may never rest on Vitest's
// defaults (1 s for vi.waitFor and expect.poll, 5 s per test) or on a short explicit ceiling. vitest.config.ts
// raises the defaults that are configurable; this guard covers the rest by reading every test file's syntax tree.
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..');
/** The smallest ceiling a wait may set for itself (ms). */
const MIN_WAIT_MS = 10_000;

interface Finding {
  file: string;
  line: number;
  problem: string;
}

function numericTimeout(options: ts.Expression | undefined): number | 'missing' | 'dynamic' {
  if (options === undefined || !ts.isObjectLiteralExpression(options))
    return options === undefined ? 'missing' : 'dynamic';
  for (const property of options.properties) {
    if (!ts.isPropertyAssignment(property) || property.name.getText() !== 'timeout') continue;
    const value = property.initializer;
    return ts.isNumericLiteral(value) ? Number(value.text.replaceAll('_', '')) : 'dynamic';
  }
  return 'missing';
}

function findShortWaits(file: string): Finding[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const findings: Finding[] = [];
  const report = (node: ts.Node, problem: string): void => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    findings.push({ file: path.relative(repoRoot, file), line: line + 1, problem });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText();
      if (callee === 'vi.waitFor') {
        // Not configurable globally: every call states its own ceiling.
        const timeout = numericTimeout(node.arguments[1]);
        if (timeout === 'missing') report(node, 'vi.waitFor without a timeout (default 1 s)');
        else if (typeof timeout === 'number' && timeout < MIN_WAIT_MS) report(node, `vi.waitFor timeout ${timeout} ms`);
      } else if (callee === 'expect.poll' || callee.endsWith('.poll')) {
        // The global default is raised in vitest.config.ts; an explicit ceiling must not undercut it.
        const timeout = numericTimeout(node.arguments[1]);
        if (typeof timeout === 'number' && timeout < MIN_WAIT_MS) report(node, `expect.poll timeout ${timeout} ms`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

describe('waits in tests', () => {
  it('never rest on a default or a ceiling shorter than 10 s', () => {
    const files = globSync('**/*.test.ts', {
      cwd: repoRoot,
      exclude: (name) => name === 'node_modules' || name === 'dist',
    });
    expect(files.length).toBeGreaterThan(20);
    const findings = files.flatMap((file) => findShortWaits(path.join(repoRoot, file)));
    expect(findings).toEqual([]);
  });
});
