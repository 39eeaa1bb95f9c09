// @vitest-environment happy-dom
// "Import connection profile…" on the first-run screen with the fake API: the file's text goes to main, the added
// organisation is shown and added to the list to choose from; main's refusal is shown with what to do.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSessionStore } from '../../stores/session.ts';
import { installFakeApi, type FakeApi } from '../../testing/fake-api.ts';
import { mountWithApp } from '../../testing/mount.ts';
import OnboardingProfileImport from './OnboardingProfileImport.vue';

let fake: FakeApi;
const school = { org: 'school', mspId: 'SchoolMSP', channels: ['report'], caName: 'ca-school' };

async function pick(wrapper: VueWrapper, file: File): Promise<void> {
  const input = wrapper.find('[data-testid="import-profile-file"]');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
  await flushPromises();
  await new Promise((resolve) => setTimeout(resolve, 10));
  await flushPromises();
}

beforeEach(() => {
  fake = installFakeApi();
  fake.answer('identity:list', { identities: [], activeId: null });
  fake.answer('profiles:list', []);
});

describe('importing a connection profile on the first-run screen', () => {
  it('sends the file’s text, shows the organisation it added and lists it', async () => {
    fake.answer('profiles:import', school);
    const wrapper = mountWithApp(OnboardingProfileImport);
    const session = useSessionStore();
    expect(wrapper.find('[data-testid="import-profile"]').text()).toBe('Import connection profile…');
    expect(wrapper.find('input[type="file"]').attributes('accept')).toContain('.json');
    await pick(wrapper, new File(['{"format":"pediledger-connection-profile"}'], 'school.portable.json'));
    expect(fake.calls.find((call) => call.channel === 'profiles:import')?.args).toEqual({
      content: '{"format":"pediledger-connection-profile"}',
    });
    expect(wrapper.find('[data-testid="profile-imported"]').text()).toBe('School (SchoolMSP) added: choose it below.');
    expect(session.profiles).toEqual([school]);
    expect(wrapper.emitted('imported')).toEqual([[school]]);
    expect(wrapper.find('[data-testid="error-alert"]').exists()).toBe(false);
  });

  it('shows main’s refusal with what to do, and adds nothing', async () => {
    fake.fail('profiles:import', {
      code: 'INVALID_CONNECTION_PROFILE',
      message: 'The profile file contains a private key.',
    });
    const wrapper = mountWithApp(OnboardingProfileImport);
    await pick(wrapper, new File(['{}'], 'school.json'));
    const alert = wrapper.find('[data-testid="error-alert"]').text();
    expect(alert).toContain('The connection profile was not imported');
    expect(alert).toContain('The profile file contains a private key.');
    expect(alert).toContain('Use the .portable.json file your organisation sent');
    expect(wrapper.find('[data-testid="profile-imported"]').exists()).toBe(false);
    expect(wrapper.emitted('imported')).toBeUndefined();
    expect(useSessionStore().profiles).toEqual([]);
  });

  it('refuses a file too large to be a profile without sending it', async () => {
    const wrapper = mountWithApp(OnboardingProfileImport);
    await pick(wrapper, new File(['x'.repeat(300 * 1024)], 'huge.json'));
    expect(wrapper.find('[data-testid="error-alert"]').text()).toContain('too large to be a connection profile');
    expect(fake.calls.some((call) => call.channel === 'profiles:import')).toBe(false);
  });
});
