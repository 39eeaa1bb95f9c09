// @vitest-environment happy-dom
// The home card where a pediatrician or school admin manages their directory entry: what it shows, what it sends,
// and every validation message of the display name.
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useConnectionStore } from '../../stores/connection.ts';
import { useSessionStore, type Identity } from '../../stores/session.ts';
import { useToastStore } from '../../stores/toast.ts';
import { connectedState, installFakeApi, tx, type FakeApi } from '../../testing/fake-api.ts';
import { mountWithApp } from '../../testing/mount.ts';
import DirectoryCard from './DirectoryCard.vue';
import { settle } from '../../testing/dom.ts';
import { directoryEntry, testIdentity } from '../../testing/fixtures.ts';

let fake: FakeApi;
let wrapper: VueWrapper | null = null;

const identity = testIdentity;
const oakAdmin = identity({
  label: 'Oak Primary office',
  org: 'school',
  mspId: 'SchoolMSP',
  enrollmentId: 'admin-oak',
  uid: 'admin-oak',
  role: 'school-admin',
  schoolId: 'oak-primary',
});
const entry = (overrides: Record<string, unknown> = {}): Record<string, unknown> =>
  directoryEntry('pediatrician', 'ped-alice', 'Dr Alice Moreau', overrides);

async function mountAs(who: Identity, listed: Record<string, unknown>[] = []): Promise<VueWrapper> {
  fake.answer('directory:list', listed);
  // mountWithApp installs a fresh Pinia; the session and connection are set on it before the card reads them.
  const mounted = mountWithApp({
    components: { DirectoryCard },
    setup() {
      const session = useSessionStore();
      session.identities = [who];
      session.activeId = who.id;
      useConnectionStore().state = connectedState;
      return {};
    },
    template: '<DirectoryCard />',
  });
  await settle();
  return mounted;
}

function mounted(): VueWrapper {
  if (wrapper === null) throw new Error('mount the card first');
  return wrapper;
}

function input(): HTMLInputElement {
  return mounted().find('[data-testid="directory-name"] input').element as HTMLInputElement;
}

async function type(value: string): Promise<void> {
  await mounted().find('[data-testid="directory-name"] input').setValue(value);
  await settle();
}

async function publish(): Promise<string[]> {
  await mounted().find('form').trigger('submit');
  await settle();
  return mounted()
    .findAll('.v-messages__message')
    .map((message) => message.text());
}

const sent = (channel: string): unknown[] => fake.calls.filter((c) => c.channel === channel).map((c) => c.args);

beforeEach(() => {
  fake = installFakeApi();
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

describe('DirectoryCard', () => {
  it('a pediatrician not yet listed: prefilled with the identity label, publishes it', async () => {
    wrapper = await mountAs(identity());
    expect(sent('directory:list')).toEqual([{ kind: 'pediatrician' }]);
    expect(wrapper.find('[data-testid="directory-status"]').text()).toBe(
      'Not listed yet: parents have to type your ID, ped-alice.',
    );
    expect(input().value).toBe('Dr Alice');
    expect(wrapper.find('[data-testid="directory-remove"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="directory-publish"]').text()).toBe('Publish');
    await type('  Dr Alice Moreau ');
    fake.answer('directory:publish', { txId: tx(1), value: entry() });
    expect(await publish()).toEqual([]);
    expect(sent('directory:publish')).toEqual([{ displayName: 'Dr Alice Moreau' }]);
    expect(useToastStore().current?.text).toBe('Listed in the directory');
    expect(wrapper.find('[data-testid="directory-status"]').text()).toContain(
      'Parents see “Dr Alice Moreau” (ped-alice)',
    );
    expect(wrapper.find('[data-testid="directory-publish"]').text()).toBe('Update');
  });

  it('a school admin sees the school entry, updates it and removes it', async () => {
    const oak = entry({ kind: 'school', id: 'oak-primary', displayName: 'Oak Primary', org: 'school' });
    wrapper = await mountAs(oakAdmin, [oak]);
    expect(sent('directory:list')).toEqual([{ kind: 'school' }]);
    expect(wrapper.text()).toContain('Parents pick your school by this name');
    expect(wrapper.find('[data-testid="directory-status"]').text()).toContain(
      'Parents see “Oak Primary” (oak-primary)',
    );
    expect(input().value).toBe('Oak Primary');
    await type('Oak Primary School');
    fake.answer('directory:publish', { txId: tx(1), value: { ...oak, displayName: 'Oak Primary School' } });
    await publish();
    expect(useToastStore().current?.text).toBe('Directory entry updated');
    expect(input().value).toBe('Oak Primary School');
    fake.answer('directory:withdraw', { txId: tx(2), value: { ...oak, displayName: 'Oak Primary School' } });
    await wrapper.find('[data-testid="directory-remove"]').trigger('click');
    await settle();
    expect(sent('directory:withdraw')).toEqual([undefined]);
    expect(useToastStore().current?.text).toBe('Removed from the directory');
    expect(wrapper.find('[data-testid="directory-status"]').text()).toBe(
      'Not listed yet: parents have to type your ID, oak-primary.',
    );
    // Not listed any more: the field goes back to the identity's label.
    expect(input().value).toBe('Oak Primary office');
  });

  it.each([
    ['empty', '', 'Required'],
    ['blank', '   ', 'Required'],
    ['too long', 'x'.repeat(81), 'At most 80 characters'],
    ['a control character', 'Dr\u0007Alice', 'Remove control characters'],
    ['a broken character', 'Dr \uD800Alice', 'Contains broken characters'],
  ])('refuses a name that is %s, sending nothing', async (_, value, message) => {
    wrapper = await mountAs(identity());
    await type(value);
    expect(await publish()).toEqual([message]);
    expect(sent('directory:publish')).toEqual([]);
  });

  it('shows the chaincode refusal and keeps the form', async () => {
    wrapper = await mountAs(identity());
    fake.fail('directory:publish', {
      code: 'ENDORSEMENT_REFUSED',
      message: 'FORBIDDEN: only a pediatrician or school-admin may do this',
    });
    await publish();
    expect(wrapper.find('[data-testid="error-alert"]').text()).toContain('FORBIDDEN');
    expect(input().value).toBe('Dr Alice');
  });

  it('turns the buttons off while offline', async () => {
    wrapper = await mountAs(identity(), [entry()]);
    useConnectionStore().state = { status: 'disconnected' };
    await settle();
    expect(wrapper.find('[data-testid="directory-publish"]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid="directory-remove"]').attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('Changes are disabled while the app is not connected.');
  });
});
