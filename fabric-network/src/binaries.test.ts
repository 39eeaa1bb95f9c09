import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './paths.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'pediledger-binaries-'));

/** Runs `network:build` with an empty binary cache and the given PATH, as a user without Go (or with an old one) would. */
function buildWithPath(pathValue: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'fabric-network', 'src', 'cli.ts'), 'build'], {
    encoding: 'utf8',
    env: { PATH: pathValue, HOME: scratch, PEDILEDGER_FABRIC_CACHE: path.join(scratch, 'cache') },
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('network:build prerequisites', () => {
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('says exactly what to install when Go is missing', () => {
    const result = buildWithPath('/nonexistent');
    expect(result.status).toBe(1);
    expect(result.output).toContain('Go is not installed (or not on PATH)');
    expect(result.output).toContain('needs Go 1.26 or newer');
  });

  it('says which Go it found and what it needs when Go is too old', () => {
    const fakeBin = path.join(scratch, 'old-go');
    rmSync(fakeBin, { recursive: true, force: true });
    mkdirSync(fakeBin, { recursive: true });
    writeFileSync(path.join(fakeBin, 'go'), '#!/bin/sh\necho "go version go1.21.13 linux/amd64"\n');
    chmodSync(path.join(fakeBin, 'go'), 0o755);
    const result = buildWithPath(fakeBin);
    expect(result.status).toBe(1);
    expect(result.output).toContain('go version go1.21.13 linux/amd64 is too old: Fabric needs Go 1.26 or newer');
  });
});
