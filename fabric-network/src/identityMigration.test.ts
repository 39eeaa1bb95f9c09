import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The state file lives in the network's data folder: a throwaway one for this file.
const dataDir = mkdtempSync(path.join(tmpdir(), 'pediledger-migration-unit-'));
vi.stubEnv('PEDILEDGER_NETWORK_DATA', dataDir);
const { MIGRATION_STEPS, migrateIdentities } = await import('./identityMigration.ts');
type Step = (typeof MIGRATION_STEPS)[number];

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

const recorded = (): { identityScheme?: number; identityMigration?: { completed: Step[] } } =>
  JSON.parse(readFileSync(path.join(dataDir, 'network.json'), 'utf8')) as {
    identityScheme?: number;
    identityMigration?: { completed: Step[] };
  };

describe('migrateIdentities', () => {
  it('records each step only once it succeeded, and resumes after a failure with the step that failed', async () => {
    const ran: Step[] = [];
    let failSchoolAdmins = true;
    const steps = Object.fromEntries(
      MIGRATION_STEPS.map((step) => [
        step,
        () => {
          ran.push(step);
          if (step === 'school-admins' && failSchoolAdmins) return Promise.reject(new Error('the CA went away'));
          return Promise.resolve([`${step} done`]);
        },
      ]),
    ) as Record<Step, () => Promise<string[]>>;
    const said: string[] = [];
    const state: { createdAt: string; identityScheme?: number } = { createdAt: 'then' };

    await expect(migrateIdentities(state, 2, (line) => said.push(line), steps)).rejects.toThrow('the CA went away');
    expect(recorded()).toEqual({
      createdAt: 'then',
      identityMigration: { completed: ['bootstrap-passwords', 'identity-secrets', 'school-registrars'] },
    });

    failSchoolAdmins = false;
    ran.length = 0;
    const finished = await migrateIdentities(recorded(), 2, (line) => said.push(line), steps);
    expect(ran).toEqual(['school-admins', 'connection-profiles']);
    expect(finished).toEqual({ createdAt: 'then', identityScheme: 2 });
    expect(recorded()).toEqual(finished);
    expect(said).toContain(
      'Resuming the identity migration after: bootstrap-passwords, identity-secrets, school-registrars',
    );
    expect(said).toContain('  school-admins done');
    expect(said.at(-1)).toBe('Identity migration complete: identity scheme 2');
  });
});
