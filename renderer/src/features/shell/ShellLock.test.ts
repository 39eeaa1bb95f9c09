// @vitest-environment happy-dom
// The lock screen and the PIN dialog against a scripted main: what is sent, what is shown, every validation message.
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { installFakeApi, type FakeApi } from '../../testing/fake-api.ts';
import { fieldMessages as messages, mountDialog, mountInBody } from '../../testing/forms.ts';
import { useLockStore } from '../../stores/lock.ts';
import { useSessionStore, type Identity } from '../../stores/session.ts';
import ShellLockScreen from './ShellLockScreen.vue';
import ShellPinDialog from './ShellPinDialog.vue';
import { inBody, settle } from '../../testing/dom.ts';
import { testIdentity } from '../../testing/fixtures.ts';

let fake: FakeApi;

function memoryRouter(): Router {
  const empty = { render: () => null };
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: empty },
      { path: '/welcome', component: empty },
    ],
  });
}

async function type(selector: string, value: string): Promise<void> {
  const input = inBody(`${selector} input`) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await settle();
}

beforeEach(() => {
  fake = installFakeApi();
});

describe('lock screen', () => {
  it('asks for the PIN when the identity has one, sends it, and shows main’s refusal with what to do', async () => {
    fake.answer('lock:lock', { locked: true, pinSet: true, retryAfter: null });
    fake.answer('lock:state', { locked: true, pinSet: true, retryAfter: null });
    fake.fail('lock:unlock', { code: 'LOCK_WRONG_PIN', message: 'That PIN is not right.' });
    await mountInBody(ShellLockScreen, {}, { online: false, plugins: [memoryRouter()] });
    await useLockStore().lock();
    await settle();
    expect(inBody('[data-testid="lock-screen"]').textContent).toContain('Enter the PIN of');
    // Too short: the button stays disabled, nothing is sent.
    await type('[data-testid="unlock-pin"]', '12');
    expect(inBody('[data-testid="unlock"]').hasAttribute('disabled')).toBe(true);
    await type('[data-testid="unlock-pin"]', '1357');
    inBody('[data-testid="unlock"]').click();
    await settle();
    expect(fake.calls.filter((call) => call.channel === 'lock:unlock').map((call) => call.args)).toEqual([
      { pin: '1357' },
    ]);
    const alert = inBody('[data-testid="error-alert"]').textContent;
    expect(alert).toContain('That PIN is not right.');
    expect(alert).toContain('Check the PIN and try again.');
    // The PIN is cleared after each attempt.
    expect((inBody('[data-testid="unlock-pin"] input') as HTMLInputElement).value).toBe('');
  });

  it('says how long to wait after too many wrong PINs, with the field disabled', async () => {
    fake.answer('lock:lock', { locked: true, pinSet: true, retryAfter: '2099-01-01T10:00:00.000Z' });
    await mountInBody(ShellLockScreen, {}, { online: false, plugins: [memoryRouter()] });
    await useLockStore().lock();
    await settle();
    expect(inBody('[data-testid="unlock-wait"]').textContent).toContain('Too many wrong PINs. Try again after');
    expect(inBody('[data-testid="unlock"]').hasAttribute('disabled')).toBe(true);
  });

  it('unlocks without a PIN when the identity has none', async () => {
    fake.answer('lock:lock', { locked: true, pinSet: false, retryAfter: null });
    fake.answer('lock:unlock', { locked: false, pinSet: false, retryAfter: null });
    await mountInBody(ShellLockScreen, {}, { online: false, plugins: [memoryRouter()] });
    const lock = useLockStore();
    await lock.lock();
    await settle();
    expect(document.body.querySelector('[data-testid="unlock-pin"]')).toBeNull();
    inBody('[data-testid="unlock"]').click();
    await settle();
    expect(fake.calls.find((call) => call.channel === 'lock:unlock')?.args).toEqual({});
    expect(lock.locked).toBe(false);
  });
});

describe('lock screen, shared computer', () => {
  const identity = (id: string, label: string, enrollmentId: string): Identity =>
    testIdentity({ id, label, enrollmentId, uid: enrollmentId });
  const alice = identity('00000000-0000-4000-8000-00000000000a', 'Dr Alice', 'ped-alice');
  const bruno = identity('00000000-0000-4000-8000-00000000000b', 'Dr Bruno', 'ped-bruno');

  it('lets a colleague continue as their own identity; main decides whether it asks for a PIN', async () => {
    fake.answer('identity:list', { identities: [alice, bruno], activeId: alice.id });
    fake.answer('profiles:list', []);
    fake.answer('lock:lock', { locked: true, pinSet: true, retryAfter: null });
    fake.answer('identity:setActive', bruno);
    fake.answer('lock:state', { locked: false, pinSet: false, retryAfter: null });
    const router = memoryRouter();
    await router.push('/welcome');
    await mountInBody(ShellLockScreen, {}, { online: false, plugins: [router] });
    await useSessionStore().load();
    await useLockStore().lock();
    await settle();
    // Only the others are offered: Alice is the one locked.
    expect(document.body.querySelector('[data-testid="lock-identity-ped-alice"]')).toBeNull();
    inBody('[data-testid="lock-identity-ped-bruno"]').click();
    await settle();
    expect(fake.calls.find((call) => call.channel === 'identity:setActive')?.args).toEqual({ id: bruno.id });
    expect(useLockStore().locked).toBe(false);
    expect(router.currentRoute.value.path).toBe('/');
  });
});

describe('PIN dialog', () => {
  it('explains every bad PIN and sends nothing', async () => {
    await mountDialog(ShellPinDialog, {}, { online: false });
    inBody('[data-testid="pin-save"]').click();
    await settle();
    expect(messages()).toEqual(['Required']);
    await type('[data-testid="pin-new"]', '12a4');
    await type('[data-testid="pin-confirm"]', '1234');
    inBody('[data-testid="pin-save"]').click();
    await settle();
    expect(messages()).toEqual(['Use 4 to 12 digits', 'The two PINs differ']);
    expect(fake.calls.filter((call) => call.channel === 'lock:setPin')).toEqual([]);
  });

  it('sets a new PIN, and changing one sends the current PIN', async () => {
    fake.answer('lock:setPin', { locked: false, pinSet: true, retryAfter: null });
    const wrapper = await mountDialog(ShellPinDialog, {}, { online: false });
    await type('[data-testid="pin-new"]', '2468');
    await type('[data-testid="pin-confirm"]', '2468');
    inBody('[data-testid="pin-save"]').click();
    await settle();
    expect(fake.calls.find((call) => call.channel === 'lock:setPin')?.args).toEqual({ newPin: '2468' });
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
  });

  it('asks for the current PIN to change or remove it', async () => {
    fake.answer('lock:setPin', { locked: false, pinSet: false, retryAfter: null });
    fake.answer('lock:state', { locked: false, pinSet: true, retryAfter: null });
    await mountDialog(ShellPinDialog, {}, { online: false });
    await useLockStore().refresh();
    await settle();
    inBody('[data-testid="pin-remove"]').click();
    await settle();
    expect(messages()).toContain('Required');
    expect(fake.calls.filter((call) => call.channel === 'lock:setPin')).toEqual([]);
    await type('[data-testid="pin-current"]', '2468');
    inBody('[data-testid="pin-remove"]').click();
    await settle();
    expect(fake.calls.find((call) => call.channel === 'lock:setPin')?.args).toEqual({
      currentPin: '2468',
      newPin: null,
    });
  });
});
