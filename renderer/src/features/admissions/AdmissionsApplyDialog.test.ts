// @vitest-environment happy-dom
// The parent's application dialog: the school is picked from the directory as "Display name (schoolId)", or typed.
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useConnectionStore } from '../../stores/connection.ts';
import { connectedState, installFakeApi, tx, type FakeApi } from '../../testing/fake-api.ts';
import { mountWithApp } from '../../testing/mount.ts';
import { useChildrenStore } from '../children/children-store.ts';
import AdmissionsApplyDialog from './AdmissionsApplyDialog.vue';
import { inBody, settle } from '../../testing/dom.ts';
import { directoryEntry } from '../../testing/fixtures.ts';

let fake: FakeApi;
let wrapper: VueWrapper | null = null;
const at = '2026-01-02T10:00:00.000Z';
const school = (id: string, displayName: string): Record<string, unknown> =>
  directoryEntry('school', id, displayName, { updatedBy: 'admin-x' });
const child = {
  childId: 'child-1',
  givenName: 'Mia',
  familyName: 'Rossi',
  birthDate: '2021-03-14',
  sex: 'female',
  guardianUids: ['parent-carla'],
  createdBy: 'parent-carla',
  createdAt: at,
  changes: [{ status: 'registered', by: 'parent-carla', at, txId: tx(1) }],
};

async function pickSchool(text: string): Promise<void> {
  inBody('[data-testid="apply-school"] input').dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  inBody('[data-testid="apply-school"] .v-field').click();
  await settle();
  const options = [...document.body.querySelectorAll<HTMLElement>('.v-overlay-container .v-list-item')];
  const option = options.find((node) => node.textContent.trim() === text);
  if (option === undefined) throw new Error(`no option ${text} among ${options.map((o) => o.textContent).join(', ')}`);
  option.click();
  await settle();
}

async function typeSchool(value: string): Promise<void> {
  const input = inBody('[data-testid="apply-school"] input:not([type="hidden"])') as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await settle();
}

async function submit(): Promise<string[]> {
  inBody('[data-testid="apply-submit"]').click();
  await settle();
  return [...document.body.querySelectorAll('[data-testid="apply-school"] .v-messages__message')].map((node) =>
    node.textContent.trim(),
  );
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
  wrapper = mountWithApp(AdmissionsApplyDialog, { modelValue: true, presetChildId: 'child-1' }, { attach: true });
  useConnectionStore().state = connectedState;
  useChildrenStore().items = [child as never];
  await settle();
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  document.body.innerHTML = '';
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
