// @vitest-environment happy-dom
// The parent's application dialog: the school is picked from the directory as "Display name (schoolId)", or typed.
import { beforeEach, describe, expect, it } from 'vitest';
import { testChild } from '../../../../domain/src/testing/child.ts';
import { installFakeApi, tx, type FakeApi } from '../../testing/fake-api.ts';
import { directoryEntry } from '../../testing/fixtures.ts';
import { clickTestid, fieldMessages, mountDialog, pickOption, typeInto } from '../../testing/forms.ts';
import { useChildrenStore } from '../children/children-store.ts';
import AdmissionsApplyDialog from './AdmissionsApplyDialog.vue';

let fake: FakeApi;
const at = '2026-01-02T10:00:00.000Z';
const school = (id: string, displayName: string): Record<string, unknown> =>
  directoryEntry('school', id, displayName, { updatedBy: 'admin-x' });
const child = testChild();

const pickSchool = (text: string): Promise<void> => pickOption('apply-school', text);
const typeSchool = (value: string): Promise<void> => typeInto('apply-school', value);

async function submit(): Promise<string[]> {
  await clickTestid('apply-submit');
  return fieldMessages('[data-testid="apply-school"]');
}

const applications = (): unknown[] =>
  fake.calls
    .filter((call) => call.channel === 'admission:create')
    .map((call) => (call.args as { input: { schoolId: string } }).input.schoolId);

beforeEach(async () => {
  fake = installFakeApi();
  fake.answer('directory:list', [school('oak-primary', 'Oak Primary School'), school('pine-elementary', 'Pine')]);
  fake.answer('admission:create', (args: unknown) => ({
    txId: tx(2),
    value: {
      ...(args as { input: Record<string, unknown> }).input,
      status: 'submitted',
      changes: [{ status: 'submitted', by: 'parent-carla', at, txId: tx(2) }],
    },
  }));
  await mountDialog(AdmissionsApplyDialog, { presetChildId: 'child-1' });
  useChildrenStore().items = [child];
});

describe('AdmissionsApplyDialog', () => {
  it('applies to the school picked from the directory', async () => {
    expect(fake.calls.filter((c) => c.channel === 'directory:list').map((c) => c.args)).toEqual([{ kind: 'school' }]);
    await pickSchool('Oak Primary School (oak-primary)');
    expect(await submit()).toEqual([expect.stringContaining('Pick from the directory')]);
    expect(applications()).toEqual(['oak-primary']);
  });

  it('still takes a typed school id, and explains one that is not an id', async () => {
    await typeSchool('Oak Primary');
    expect(await submit()).toEqual(['Use letters, digits, “.”, “_” or “-”, starting with a letter or digit']);
    await typeSchool('');
    expect(await submit()).toEqual(['Required']);
    await typeSchool('birch-academy');
    await submit();
    expect(applications()).toEqual(['birch-academy']);
  });
});
