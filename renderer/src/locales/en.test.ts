// Every message key the renderer's code uses exists in the English messages (vue-i18n would otherwise show the key).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';

const sourceRoot = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

function has(key: string): boolean {
  let node: unknown = en;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

function leaves(node: unknown, prefix = ''): [string, string][] {
  if (typeof node === 'string') return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, child]) =>
    leaves(child, prefix === '' ? key : `${prefix}.${key}`),
  );
}

describe('English messages', () => {
  it('use vue-i18n syntax characters only as literals (`@` links messages, `|` selects plurals)', () => {
    const unescaped = leaves(en).filter(([, message]) => /[@|]/.test(message.replace(/\{'[^']*'\}/g, '')));
    expect(unescaped).toEqual([]);
  });

  it('has every literal key passed to t()', () => {
    const missing: string[] = [];
    for (const file of sources(sourceRoot)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) {
        const key = match[1] ?? '';
        if (!has(key)) missing.push(`${path.relative(sourceRoot, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has every key the error help and validation tables name', () => {
    for (const file of ['lib/error-help.ts', 'lib/schema-rules.ts']) {
      const text = readFileSync(path.join(sourceRoot, file), 'utf8');
      for (const match of text.matchAll(/'((?:errors\.help|validation)\.[a-zA-Z]+)'/g)) {
        expect(has(match[1] ?? ''), match[1]).toBe(true);
      }
    }
  });
});
