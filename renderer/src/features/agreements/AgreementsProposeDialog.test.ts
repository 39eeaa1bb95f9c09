// @vitest-environment happy-dom
// The parent's proposal dialog: the pediatrician is picked from the directory as "Display name (uid)", or typed.
import { beforeEach, describe, expect, it } from 'vitest';
import { installFakeApi, tx, type FakeApi } from '../../testing/fake-api.ts';
import { directoryEntry } from '../../testing/fixtures.ts';
import { clickTestid, fieldMessages, mountDialog, openOptions, pickOption, typeInto } from '../../testing/forms.ts';
import AgreementsProposeDialog from './AgreementsProposeDialog.vue';

let fake: FakeApi;
const at = '2026-01-02T10:00:00.000Z';
const alice = directoryEntry('pediatrician', 'ped-alice', 'Dr Alice Moreau');
const bruno = directoryEntry('pediatrician', 'ped-bruno', 'Dr Bruno Keller');

const type = typeInto;
const pick = pickOption;
const optionTexts = (): string[] => openOptions().map((node) => node.textContent.trim());
const messages = (): string[] => fieldMessages('[data-testid="propose-dialog"]');

async function fillNewChild(): Promise<void> {
  await type('child-given', 'Mia');
  await type('child-family', 'Rossi');
  await type('child-birth', '2021-03-14');
  await pick('child-sex', 'Female');
  await type('propose-purpose', 'Primary care');
}

const submit = (): Promise<void> => clickTestid('propose-submit');

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
  await mountDialog(AgreementsProposeDialog);
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

  it('starts over with its defaults after a proposal, so the next one goes through as well', async () => {
    await fillNewChild();
    await type('propose-pediatrician', 'ped-alice');
    await submit();
    await fillNewChild();
    await type('propose-pediatrician', 'ped-bruno');
    await submit();
    expect(proposals().map((p) => p['pediatricianUid'])).toEqual(['ped-alice', 'ped-bruno']);
    expect(proposals()[1]?.['validUntil']).toBe(proposals()[0]?.['validUntil']);
  });

  it('leaves the gestational age out when weeks are empty', async () => {
    await fillNewChild();
    await type('propose-pediatrician', 'ped-alice');
    await submit();
    expect(proposals()[0]?.['child']).not.toHaveProperty('gestationalAge');
  });
});
