import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, resolveAssetPath } from './asset-path.ts';

const root = path.resolve('/srv/renderer');

describe('resolveAssetPath', () => {
  it('serves index.html for the root and files inside the folder', () => {
    expect(resolveAssetPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveAssetPath(root, '/assets/index-abc.js')).toBe(path.join(root, 'assets/index-abc.js'));
    expect(resolveAssetPath(root, '/assets/a%20b.css')).toBe(path.join(root, 'assets/a b.css'));
  });

  it.each(['/../secret', '/%2e%2e/secret', '/assets/../../secret', '/a\\..\\b', '/x%00.js', '/%E0%A4%A', '/..'])(
    'refuses %s',
    (requestPath) => {
      expect(resolveAssetPath(root, requestPath)).toBeNull();
    },
  );
});

describe('contentTypeOf', () => {
  it('knows the built asset kinds and never guesses HTML', () => {
    expect(contentTypeOf('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeOf('/x/a.js')).toMatch(/^text\/javascript/);
    expect(contentTypeOf('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
