// @vitest-environment happy-dom
// A schema-checked field: label from the locale, the hint only when asked for, the schema's translated message, the
// caller's extra rule after it, and a counter at the schema's longest text.
import { afterEach, describe, expect, it } from 'vitest';
import { h, ref } from 'vue';
import { VForm } from 'vuetify/components';
import { id, text } from '@pediledger/domain';
import { settle } from '../testing/dom.ts';
import { mountWithApp } from '../testing/mount.ts';
import type { StandardSchemaV1 } from '../lib/schema-rules.ts';
import BaseSchemaField from './BaseSchemaField.vue';
import type { VueWrapper } from '@vue/test-utils';

let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

/** A form holding one BaseSchemaField with `props`; `value` is what the user typed. */
function mountField(
  props: { schema: StandardSchemaV1; textKey: string } & Record<string, unknown>,
  initial = '',
): { value: ReturnType<typeof ref<string>> } {
  const value = ref(initial);
  wrapper = mountWithApp(
    VForm,
    {},
    {
      slots: {
        default: () =>
          h(BaseSchemaField, {
            ...props,
            modelValue: value.value,
            'onUpdate:modelValue': (next: unknown) => (value.value = String(next)),
            'data-testid': 'field',
          }),
      },
    },
  );
  return { value };
}

async function validate(): Promise<string[]> {
  await (wrapper?.vm as unknown as { validate: () => Promise<unknown> }).validate();
  await settle();
  return wrapper?.findAll('.v-messages__message').map((message) => message.text()) ?? [];
}

describe('BaseSchemaField', () => {
  it('takes its label from the locale and shows its hint only when hinted', async () => {
    mountField({ schema: id, textKey: 'admissions.schoolId' });
    await settle();
    expect(wrapper?.find('label').text()).toBe('School ID');
    expect(wrapper?.findAll('.v-messages__message')).toHaveLength(0);
    wrapper?.unmount();
    mountField({ schema: id, textKey: 'admissions.schoolId', hinted: true });
    await settle();
    expect(wrapper?.find('.v-messages__message').text()).toContain('Pick from the directory');
  });

  it('explains what the schema refuses, then what the extra rule refuses', async () => {
    mountField({ schema: id, textKey: 'admissions.schoolId', rules: [() => 'Not this one'] }, 'Oak Primary');
    expect(await validate()).toEqual(['Use letters, digits, “.”, “_” or “-”, starting with a letter or digit']);
    wrapper?.unmount();
    mountField({ schema: id, textKey: 'admissions.schoolId', rules: [() => 'Not this one'] }, 'oak-primary');
    expect(await validate()).toEqual(['Not this one']);
  });

  it('accepts an empty optional value and counts against the schema when counted', async () => {
    mountField({ schema: text(20), textKey: 'reports.statement', optional: true, counted: true });
    expect(await validate()).toEqual([]);
    expect(wrapper?.find('.v-counter').text()).toBe('0 / 20');
  });
});
