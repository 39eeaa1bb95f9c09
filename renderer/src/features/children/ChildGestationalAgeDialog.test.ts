// @vitest-environment happy-dom
// The pediatrician's gestational-age dialog: out-of-range values are explained by the fields and nothing is sent; a
// valid one is sent once and the dialog closes.
import { beforeEach, describe, expect, it } from 'vitest';
import { testChild } from '../../../../domain/src/testing/child.ts';
import { installFakeApi, tx, type FakeApi } from '../../testing/fake-api.ts';
import { clickTestid, fieldMessages, mountDialog, typeInto } from '../../testing/forms.ts';
import ChildGestationalAgeDialog from './ChildGestationalAgeDialog.vue';

let fake: FakeApi;
const child = testChild();

const sent = (): unknown[] =>
  fake.calls.filter((call) => call.channel === 'child:setGestationalAge').map((call) => call.args);

beforeEach(() => {
  fake = installFakeApi();
  fake.answer('child:setGestationalAge', { txId: tx(2), value: child });
  fake.answer('children:listMine', [child]);
});

describe('ChildGestationalAgeDialog', () => {
  it('explains weeks and days out of range, and sends nothing', async () => {
    await mountDialog(ChildGestationalAgeDialog, { child });
    await typeInto('ga-weeks', '21');
    await typeInto('ga-days', '7');
    await clickTestid('ga-save');
    expect(fieldMessages()).toEqual(['Must be at least 22', 'Must be at most 6']);
    await typeInto('ga-weeks', '');
    await clickTestid('ga-save');
    expect(fieldMessages()[0]).toBe('Required');
    expect(sent()).toEqual([]);
  });

  it('records a valid gestational age and closes', async () => {
    const wrapper = await mountDialog(ChildGestationalAgeDialog, { child });
    await typeInto('ga-weeks', '30');
    await typeInto('ga-days', '2');
    await clickTestid('ga-save');
    expect(sent()).toEqual([{ childId: 'child-1', gestationalAge: { weeks: 30, days: 2 } }]);
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
  });
});
