// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { useToastStore } from '../stores/toast.ts';
import { installFakeApi } from '../testing/fake-api.ts';
import { mountWithApp } from '../testing/mount.ts';
import { exportCardFhir } from './fhir-export.ts';
import { useFhirExport, type FhirExport } from './use-fhir-export.ts';

let fhir: FhirExport | null = null;
const Host = defineComponent({
  props: { child: { type: Object, default: null } },
  setup(props) {
    fhir = useFhirExport(
      exportCardFhir,
      () => 'child-1',
      () => props.child as { givenName: string; familyName: string } | null,
    );
    return () => h('div');
  },
});

afterEach(() => {
  fhir = null;
});

describe('useFhirExport', () => {
  it('exports the record under a file name with the child, and says where it was saved', async () => {
    const fake = installFakeApi();
    fake.answer('fhir:exportCard', { outcome: 'saved', path: '/home/carla/FHIR Mia Rossi child-1.json' });
    mountWithApp(Host, { child: { givenName: 'Mia', familyName: 'Rossi' } });
    const button = fhir?.action('card-export-fhir', false);
    expect(button).toMatchObject({ id: 'card-export-fhir', label: 'Export FHIR', disabled: false, loading: false });
    button?.run();
    await flushPromises();
    expect(fake.calls.at(-1)).toEqual({
      channel: 'fhir:exportCard',
      args: { childId: 'child-1', suggestedFileName: 'FHIR Mia Rossi child-1.json' },
    });
    expect(useToastStore().current?.text).toContain('/home/carla/FHIR Mia Rossi child-1.json');
    expect(fhir?.error.value).toBeNull();
  });

  it('keeps why the export failed for the page to show, and tells nothing was saved', async () => {
    const fake = installFakeApi();
    fake.fail('fhir:exportCard', { code: 'ACCESS_DENIED', message: 'Not allowed.' });
    mountWithApp(Host);
    fhir?.action('card-export-fhir', false).run();
    await flushPromises();
    expect(fhir?.error.value?.code).toBe('ACCESS_DENIED');
    expect(useToastStore().current).toBeNull();
  });
});
