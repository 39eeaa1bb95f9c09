import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chaincodeSourceHash } from './chaincodeBuild.ts';

describe('the chaincode source hash that lets network:up skip an unchanged build', () => {
  let root: string;
  beforeEach(() => {
    root = path.join(mkdtempSync(path.join(tmpdir(), 'cc-hash-')), 'chaincode');
    mkdirSync(path.join(root, 'src', 'testing'), { recursive: true });
    writeFileSync(path.join(root, 'src', 'index.ts'), 'export const a = 1;\n');
    writeFileSync(path.join(root, 'tsconfig.json'), '{}\n');
  });
  afterEach(() => {
    rmSync(path.dirname(root), { recursive: true, force: true });
  });

  it('is stable for unchanged sources and changes with any compiled source or config', () => {
    const before = chaincodeSourceHash(root);
    expect(chaincodeSourceHash(root)).toBe(before);
    writeFileSync(path.join(root, 'src', 'index.ts'), 'export const a = 2;\n');
    const edited = chaincodeSourceHash(root);
    expect(edited).not.toBe(before);
    writeFileSync(path.join(root, 'tsconfig.json'), '{"compilerOptions":{}}\n');
    expect(chaincodeSourceHash(root)).not.toBe(edited);
  });

  it('changes with a rename, not with tests or the test harness tsc does not compile', () => {
    const before = chaincodeSourceHash(root);
    writeFileSync(path.join(root, 'src', 'index.test.ts'), 'test\n');
    writeFileSync(path.join(root, 'src', 'testing', 'harness.ts'), 'harness\n');
    expect(chaincodeSourceHash(root)).toBe(before);
    renameSync(path.join(root, 'src', 'index.ts'), path.join(root, 'src', 'main.ts'));
    expect(chaincodeSourceHash(root)).not.toBe(before);
  });
});
