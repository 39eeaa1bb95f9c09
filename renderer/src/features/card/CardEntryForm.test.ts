// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { useConnectionStore } from '../../stores/connection.ts';
import { cardEntryRecord, connectedState, installFakeApi, tx, type FakeApi } from '../../testing/fake-api.ts';
import { submitForm as submit } from '../../testing/forms.ts';
import { mountWithApp } from '../../testing/mount.ts';
import CardEntryForm from './CardEntryForm.vue';
import type { CardEntryKind } from './card-entries.ts';

let fake: FakeApi;

async function mountForm(kind: CardEntryKind): Promise<ReturnType<typeof mountWithApp>> {
  const wrapper = mountWithApp(CardEntryForm, { kind, childId: 'child-1' });
  useConnectionStore().state = connectedState;
  await flushPromises();
  return wrapper;
}

async function fill(wrapper: ReturnType<typeof mountWithApp>, name: string, value: string): Promise<void> {
  const input = wrapper.find(`[data-testid="field-${name}"] input, [data-testid="field-${name}"] textarea`);
  await input.setValue(value);
}

beforeEach(() => {
  fake = installFakeApi();
});

describe('CardEntryForm', () => {
  it('allergy: names every missing field and sends nothing', async () => {
    const wrapper = await mountForm('allergy');
    expect(await submit(wrapper)).toEqual(['Required', 'Required', 'Required']);
    expect(fake.calls.filter((call) => call.channel === 'card:recordEntry')).toHaveLength(0);
  });

  // A date input drops a date that does not exist (as browsers do), so the field reads "Required";
  // lib/schema-rules.test.ts covers the schema's own "does not exist" message for typed dates.
  it('immunization: explains wrong numbers, dates and lot numbers', async () => {
    const wrapper = await mountForm('immunization');
    await fill(wrapper, 'vaccine', 'MMR');
    await fill(wrapper, 'dose', '0');
    await fill(wrapper, 'date', '2023-02-29');
    await fill(wrapper, 'lotNumber', 'lot 7');
    expect(await submit(wrapper)).toEqual([
      'Must be at least 1',
      'Required',
      'Use letters, digits, “.”, “_” or “-”, starting with a letter or digit',
    ]);
  });

  it('condition: checks the ICD-10 code and the length of notes', async () => {
    const wrapper = await mountForm('condition');
    await fill(wrapper, 'name', 'Asthma');
    await fill(wrapper, 'icd10', 'asthma');
    await fill(wrapper, 'notes', 'x'.repeat(501));
    expect(await submit(wrapper)).toEqual(['Use an ICD-10 code such as J45 or J45.909', 'At most 500 characters']);
  });

  it('measurement: needs one value, and each must be positive and plausible', async () => {
    const wrapper = await mountForm('measurement');
    expect(await submit(wrapper)).toEqual([]);
    expect(wrapper.find('[data-testid="form-error"]').text()).toBe(
      'Enter at least one of weight, height or head circumference',
    );
    await fill(wrapper, 'weightKg', '-2');
    await fill(wrapper, 'heightCm', '300');
    await fill(wrapper, 'headCircumferenceCm', '81');
    expect(await submit(wrapper)).toEqual(['Must be greater than 0', 'Must be at most 250', 'Must be at most 80']);
  });

  it('visit note: requires the text', async () => {
    const wrapper = await mountForm('visitNote');
    expect(await submit(wrapper)).toEqual(['Required']);
  });

  it('records a valid measurement with parsed numbers under a fresh entry id', async () => {
    fake.answer('card:recordEntry', {
      txId: tx(9),
      value: cardEntryRecord('measurement', { date: '2025-01-01', weightKg: 12.5 }, 9),
    });
    const wrapper = await mountForm('measurement');
    await fill(wrapper, 'date', '2025-01-01');
    await fill(wrapper, 'weightKg', '12,5');
    expect(await submit(wrapper)).toEqual([]);
    expect(fake.calls.find((call) => call.channel === 'card:recordEntry')?.args).toEqual({
      kind: 'measurement',
      childId: 'child-1',
      entryId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      entry: { date: '2025-01-01', weightKg: 12.5 },
    });
    expect(wrapper.emitted('saved')).toEqual([[tx(9)]]);
  });

  it('sends the same entry id when the same entry is sent again after a failure, a new one once it changes', async () => {
    fake.fail('card:recordEntry', { code: 'GATEWAY_FAILURE', message: 'commit status unknown' });
    const wrapper = await mountForm('measurement');
    await fill(wrapper, 'date', '2025-01-01');
    await fill(wrapper, 'weightKg', '12,5');
    await submit(wrapper);
    await submit(wrapper);
    await fill(wrapper, 'weightKg', '12,6');
    await submit(wrapper);
    const ids = fake.calls
      .filter((call) => call.channel === 'card:recordEntry')
      .map((call) => (call.args as { entryId: string }).entryId);
    expect(ids).toHaveLength(3);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('shows the error DTO and what to do when the network refuses', async () => {
    fake.fail('card:recordEntry', { code: 'ENDORSEMENT_REFUSED', message: 'no active agreement', txId: tx(3) });
    const wrapper = await mountForm('allergy');
    await fill(wrapper, 'substance', 'Peanut');
    await fill(wrapper, 'reaction', 'Hives');
    (wrapper.findComponent({ name: 'VSelect' }).vm as { $emit: (event: string, value: unknown) => void }).$emit(
      'update:modelValue',
      'severe',
    );
    await submit(wrapper);
    const alert = wrapper.find('[data-testid="error-alert"]').text();
    expect(alert).toContain('no active agreement');
    expect(alert).toContain('The network refused this for your identity');
    expect(alert).toContain(tx(3));
  });

  it('sends nothing while offline', async () => {
    const wrapper = await mountForm('visitNote');
    useConnectionStore().state = {
      status: 'offline',
      identityId: connectedState.identityId,
      org: 'hospital',
      since: connectedState.since,
    };
    await flushPromises();
    expect(wrapper.find('[data-testid="entry-submit"]').attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('Changes are disabled while the app is not connected.');
  });
});
