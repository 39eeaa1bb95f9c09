import type { Issue, Result } from '@doyensec/electronegativity';
import { describe, expect, it } from 'vitest';
import { judge } from './electronegativity-verdict.ts';

function issue(id: string, severity: string): Issue {
  return {
    id,
    file: 'main/index.js',
    location: { line: 1, column: 0 },
    severity: { value: 0, name: severity },
    confidence: { value: 2, name: 'CERTAIN' },
    manualReview: false,
  };
}

function result(issues: Issue[], errors: Result['errors'] = []): Result {
  return { globalChecks: 5, atomicChecks: 36, errors, issues };
}

describe('judge', () => {
  it('passes with only medium and low findings, reporting the medium ones', () => {
    const verdict = judge(result([issue('OPEN_EXTERNAL_JS', 'MEDIUM'), issue('CSP_GLOBAL_CHECK', 'LOW')]));
    expect(verdict.failures).toEqual([]);
    expect(verdict.reported.map((found) => found.id)).toEqual(['OPEN_EXTERNAL_JS']);
  });

  it('fails on a high finding', () => {
    expect(judge(result([issue('LIMIT_NAVIGATION_GLOBAL_CHECK', 'HIGH')])).failures).toHaveLength(1);
  });

  it('fails when a file could not be parsed, but not on tolerable warnings', () => {
    const errors = [
      { file: 'main/index.js', message: 'Unknown node type', tolerable: false },
      { file: 'renderer/x.js', message: 'recovered', tolerable: true },
    ];
    expect(judge(result([], errors)).failures).toEqual(['unparsed main/index.js: Unknown node type']);
  });
});
