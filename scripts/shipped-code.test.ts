import { describe, expect, it } from 'vitest';
import { findForbiddenCode, forbiddenMarkers } from './shipped-code.ts';

describe('findForbiddenCode', () => {
  it('finds each bench or test marker in the bundle that contains it, and nothing in clean bundles', () => {
    const files: [string, string][] = [
      ['renderer/assets/index.js', 'const routes = [];'],
      ['renderer/assets/BenchView.js', '<pre data-testid="bench-result">'],
      ['main/index.js', 'fetch("/api/v1/register")'],
    ];
    expect(findForbiddenCode(files).map(({ file, marker }) => [file, marker.text])).toEqual([
      ['renderer/assets/BenchView.js', 'bench-result'],
      ['main/index.js', '/api/v1/register'],
    ]);
  });

  it('has a marker per kind of code the shipped app must not contain', () => {
    expect(forbiddenMarkers.map((marker) => marker.text)).toEqual([
      'bench-result',
      '/api/v1/register',
      'is not available yet',
    ]);
  });
});
