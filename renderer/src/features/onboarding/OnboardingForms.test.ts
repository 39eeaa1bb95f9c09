// @vitest-environment happy-dom
import type { VueWrapper } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../testing/fake-api.ts';
import { submitForm as submit } from '../../testing/forms.ts';
import { mountWithApp } from '../../testing/mount.ts';
import OnboardingEnrollForm from './OnboardingEnrollForm.vue';
import OnboardingImportForm from './OnboardingImportForm.vue';

let fake: FakeApi;

async function fill(wrapper: VueWrapper, label: string, value: string): Promise<void> {
  const field = wrapper.findAll('.v-input').find((input) => input.find('label').text() === label);
  if (field === undefined) throw new Error(`no field ${label}`);
  await field.find('input, textarea').setValue(value);
}

beforeEach(() => {
  fake = installFakeApi();
});

describe('first-run forms', () => {
  it('enroll: requires the enrollment ID and secret and explains bad ones, sending nothing', async () => {
    const wrapper = mountWithApp(OnboardingEnrollForm, { org: 'parents' });
    expect(await submit(wrapper)).toEqual([
      'Required',
      'Required',
      'For example your name and role; defaults to the enrollment ID.',
    ]);
    await fill(wrapper, 'Enrollment ID', 'carla rossi');
    await fill(wrapper, 'One-time secret', 'sécret');
    await fill(wrapper, 'Name shown in the app', 'Carla\u0007');
    expect(await submit(wrapper)).toEqual([
      'Use letters, digits and . _ @ - (at most 64 characters)',
      'The secret uses only letters, digits, spaces and common symbols (ASCII)',
      'Remove control characters',
    ]);
    expect(fake.calls).toHaveLength(0);
  });

  it('enroll: sends the enrollment ID (also as the default label) and shows the CA error with what to do', async () => {
    fake.answer('enrollment:caInfo', { caName: 'ca-parents', version: null, caChainPem: '' });
    fake.fail('enrollment:enroll', { code: 'INVALID_CREDENTIALS', message: 'Authentication failure' });
    const wrapper = mountWithApp(OnboardingEnrollForm, { org: 'parents' });
    await fill(wrapper, 'Enrollment ID', 'parent-new');
    await fill(wrapper, 'One-time secret', 'abc123');
    await submit(wrapper);
    expect(fake.calls.find((call) => call.channel === 'enrollment:enroll')?.args).toEqual({
      org: 'parents',
      enrollmentId: 'parent-new',
      secret: 'abc123',
      label: 'parent-new',
    });
    const alert = wrapper.find('[data-testid="error-alert"]').text();
    expect(alert).toContain('Enrollment failed');
    expect(alert).toContain('Check the enrollment ID and the one-time secret');
    expect(wrapper.emitted('done')).toBeUndefined();
  });

  it('import: requires a label, one certificate and one private key in PEM', async () => {
    const wrapper = mountWithApp(OnboardingImportForm, { org: 'hospital' });
    expect(await submit(wrapper)).toEqual(['Required', 'Required', 'Required']);
    await fill(wrapper, 'Name shown in the app', 'Dr Alice');
    await fill(wrapper, 'Certificate (PEM)', 'not a certificate');
    await fill(wrapper, 'Private key (PEM)', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----');
    expect(await submit(wrapper)).toEqual([
      'Paste one certificate, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----',
      'Paste one private key, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----',
    ]);
    expect(fake.calls).toHaveLength(0);
  });
});
