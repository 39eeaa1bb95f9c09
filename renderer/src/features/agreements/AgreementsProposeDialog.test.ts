// @vitest-environment happy-dom
// The parent's proposal dialog: the pediatrician is picked from the directory as "Display name (uid)", or typed.
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useConnectionStore } from '../../stores/connection.ts';
import { connectedState, installFakeApi, tx, type FakeApi } from '../../testing/fake-api.ts';
import { mountWithApp } from '../../testing/mount.ts';
import AgreementsProposeDialog from './AgreementsProposeDialog.vue';
import { inBody, settle } from '../../testing/dom.ts';
import { directoryEntry } from '../../testing/fixtures.ts';

let fake: FakeApi;
let wrapper: VueWrapper | null = null;
const at = '2026-01-02T10:00:00.000Z';
const alice = directoryEntry('pediatrician', 'ped-alice', 'Dr Alice Moreau');
const bruno = directoryEntry('pediatrician', 'ped-bruno', 'Dr Bruno Keller');

async function type(testid: string, value: string): Promise<void> {
  // A select or combobox also holds a hidden input: type into the visible one.
  const input = inBody(`[data-testid="${testid}"] input:not([type="hidden"])`) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await settle();
}

/** Opens a select or combobox and clicks the option that reads `text`. */
async function pick(testid: string, text: string): Promise<void> {
  inBody(`[data-testid="${testid}"] input`).dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  inBody(`[data-testid="${testid}"] .v-field`).click();
  await settle();
  const options = [...document.body.querySelectorAll<HTMLElement>('.v-overlay-container .v-list-item')];
  const option = options.find((node) => node.textContent.trim() === text);
  if (option === undefined) throw new Error(`no option ${text} among ${options.map((o) => o.textContent).join(', ')}`);
  option.click();
  await settle();
}

function optionTexts(): string[] {
  return [...document.body.querySelectorAll('.v-overlay-container .v-list-item')].map((n) => n.textContent.trim());
}

function messages(): string[] {
  return [...document.body.querySelectorAll('[data-testid="propose-dialog"] .v-messages__message')].map((node) =>
    node.textContent.trim(),
  );
}

async function fillNewChild(): Promise<void> {
  await type('child-given', 'Mia');
  await type('child-family', 'Rossi');
  await type('child-birth', '2021-03-14');
  await pick('child-sex', 'Female');
  await type('propose-purpose', 'Primary care');
}

async function submit(): Promise<void> {
  inBody('[data-testid="propose-submit"]').click();
  await settle();
}

const proposals = (): Record<string, unknown>[] =>
  fake.calls
    .filter((call) => call.channel === 'agreement:propose')
    .map((call) => (call.args as { input: Record<string, unknown> }).input);

beforeEach(async () => {
  fake = installFakeApi();
  fake.answer('directory:list', [alice, bruno]);
  fake.answer('children:listMine', []);
  fake.answer('agreement:propose', (args: unknown) => ({
    txId: tx(1),
    value: {
      ...(args as { input: Record<string, unknown> }).input,
      guardianUids: ['parent-carla'],
      status: 'proposed',
      changes: [{ status: 'proposed', by: 'parent-carla', at, txId: tx(1) }],
    },
  }));
  wrapper = mountWithApp(AgreementsProposeDialog, { modelValue: true }, { attach: true });
  useConnectionStore().state = connectedState;
  await settle();
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  document.body.innerHTML = '';
});

describe('AgreementsProposeDialog', () => {
  it('offers the directory pediatricians as "Display name (uid)" and proposes to the picked uid', async () => {
    expect(fake.calls.filter((c) => c.channel === 'directory:list').map((c) => c.args)).toEqual([
      { kind: 'pediatrician' },
    ]);
    await fillNewChild();
    await pick('propose-pediatrician', 'Dr Alice Moreau (ped-alice)');
    expect(optionTexts()).toContain('Dr Bruno Keller (ped-bruno)');
    await submit();
    expect(messages()).toEqual([expect.stringContaining('Pick from the directory')]);
    expect(proposals()).toHaveLength(1);
    expect(proposals()[0]).toMatchObject({ pediatricianUid: 'ped-alice', purpose: 'Primary care' });
  });

  it('still accepts a typed uid, and explains a typed value that is no id', async () => {
    await fillNewChild();
    await type('propose-pediatrician', 'Dr Alice');
    await submit();
    expect(messages()).toContain('Use letters, digits, “.”, “_” or “-”, starting with a letter or digit');
    expect(proposals()).toEqual([]);
    await type('propose-pediatrician', 'ped-carol');
    await submit();
    expect(proposals().map((p) => p['pediatricianUid'])).toEqual(['ped-carol']);
  });

  it('requires a pediatrician', async () => {
    await fillNewChild();
    await submit();
    expect(messages()).toContain('Required');
    expect(proposals()).toEqual([]);
  });

  it('registers a preterm child with its gestational age, and explains one out of range', async () => {
    await fillNewChild();
    await type('propose-pediatrician', 'ped-alice');
    await type('child-gestation-weeks', '21');
    await type('child-gestation-days', '7');
    await submit();
    expect(messages()).toContain('Must be at least 22');
    expect(messages()).toContain('Must be at most 6');
    expect(proposals()).toEqual([]);
    await type('child-gestation-weeks', '28');
    await type('child-gestation-days', '3');
    await submit();
    expect((proposals()[0]?.['child'] as Record<string, unknown>)['gestationalAge']).toEqual({ weeks: 28, days: 3 });
  });

  it('leaves the gestational age out when weeks are empty', async () => {
    await fillNewChild();
    await type('propose-pediatrician', 'ped-alice');
    await submit();
    expect(proposals()[0]?.['child']).not.toHaveProperty('gestationalAge');
  });
});
