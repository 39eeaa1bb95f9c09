// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { h, ref } from 'vue';
import { VTextField } from 'vuetify/components';
import type { IpcErrorDto } from '../../../shared/ipc/errors.ts';
import type { Action } from '../lib/use-action.ts';
import { useConnectionStore } from '../stores/connection.ts';
import { connectedState } from '../testing/fake-api.ts';
import { mountWithApp } from '../testing/mount.ts';
import BaseFormDialog from './BaseFormDialog.vue';
import BaseReasonDialog from './BaseReasonDialog.vue';

let wrapper: VueWrapper | null = null;

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

/** A write's state as `useAction()` keeps it, set by the test. */
function fakeAction(busy = false, error: IpcErrorDto | null = null): Action {
  return { busy: ref(busy), error: ref(error), run: () => Promise.resolve(undefined) };
}

/** Lets Vuetify validate (its rules are awaited) and re-render. */
async function settle(): Promise<void> {
  await flushPromises();
  await new Promise((resolve) => setTimeout(resolve, 20));
  await flushPromises();
}

/** The dialog's card: Vuetify teleports the dialog to the body, so the test looks it up there. */
function card(testid: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
  if (found === null) throw new Error(`no ${testid} in the document`);
  return found;
}

function submitButton(): HTMLButtonElement {
  const button = document.querySelector<HTMLButtonElement>('[data-testid="dialog-submit"]');
  if (button === null) throw new Error('no submit button');
  return button;
}

function messages(): string[] {
  return [...document.querySelectorAll('.v-messages__message')].map((message) => message.textContent.trim());
}

async function submitForm(): Promise<void> {
  document.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
}

/** A dialog with one required field; `name` is what the user typed. */
async function mountDialog(
  props: Record<string, unknown> = {},
  { online = true } = {},
): Promise<{ name: ReturnType<typeof ref<string>> }> {
  const name = ref('');
  wrapper = mountWithApp(
    BaseFormDialog,
    {
      modelValue: true,
      title: 'Add a school',
      help: 'The school sees your request.',
      submitLabel: 'Send',
      action: fakeAction(),
      submitTestid: 'dialog-submit',
      'data-testid': 'school-dialog',
      ...props,
    },
    {
      attach: true,
      slots: {
        default: () =>
          h(VTextField, {
            label: 'School ID',
            modelValue: name.value,
            'onUpdate:modelValue': (value: string) => (name.value = value),
            rules: [(value: unknown) => (typeof value === 'string' && value !== '') || 'Required'],
          }),
      },
    },
  );
  if (online) useConnectionStore().state = connectedState;
  await settle();
  return { name };
}

describe('BaseFormDialog', () => {
  it('puts the title, the help and the data-testid on the card and names the dialog by its title', async () => {
    await mountDialog();
    const dialogCard = card('school-dialog');
    expect(dialogCard.textContent).toContain('Add a school');
    expect(dialogCard.textContent).toContain('The school sees your request.');
    const labelledBy = document.querySelector('[role="dialog"]')?.getAttribute('aria-labelledby') ?? '';
    expect(labelledBy).not.toBe('');
    expect(document.getElementById(labelledBy)?.textContent.trim()).toBe('Add a school');
  });

  it('shows what is missing instead of submitting, keeps the button off until it is fixed, then emits submit', async () => {
    const { name } = await mountDialog();
    expect(submitButton().disabled).toBe(false);
    await submitForm();
    expect(messages()).toEqual(['Required']);
    expect(wrapper?.emitted('submit')).toBeUndefined();
    expect(submitButton().disabled).toBe(true);

    name.value = 'oak-primary';
    await wrapper?.setProps({});
    await settle();
    expect(submitButton().disabled).toBe(false);
    await submitForm();
    expect(wrapper?.emitted('submit')).toEqual([[]]);
  });

  it('neither submits nor accepts a second click while busy', async () => {
    const { name } = await mountDialog({ action: fakeAction(true) });
    name.value = 'oak-primary';
    await settle();
    expect(submitButton().disabled).toBe(true);
    await submitForm();
    expect(wrapper?.emitted('submit')).toBeUndefined();
  });

  it('keeps the button off while offline, and for a reason the parent gives', async () => {
    await mountDialog({}, { online: false });
    expect(submitButton().disabled).toBe(true);
    await submitForm();
    expect(wrapper?.emitted('submit')).toBeUndefined();
    wrapper?.unmount();
    await mountDialog({ submitDisabled: true });
    expect(submitButton().disabled).toBe(true);
  });

  it('shows the failed write with what to do', async () => {
    await mountDialog({ action: fakeAction(false, { code: 'ENDORSEMENT_REFUSED', message: 'no active agreement' }) });
    const alert = card('error-alert').textContent;
    expect(alert).toContain('no active agreement');
    expect(alert).toContain('The network refused this for your identity');
  });

  it('reads its words from one locale group and names its card and submit button from one test id', async () => {
    wrapper = mountWithApp(
      BaseFormDialog,
      { modelValue: true, textKey: 'admissions.apply', testid: 'apply', action: fakeAction() },
      { attach: true },
    );
    await settle();
    const dialogCard = card('apply-dialog');
    expect(dialogCard.textContent).toContain('Apply to a school');
    expect(dialogCard.textContent).toContain('The school receives your child’s name and date of birth');
    expect(document.querySelector('[data-testid="apply-submit"]')?.textContent.trim()).toBe('Apply to a school');
  });

  it('closes on Cancel', async () => {
    await mountDialog();
    document.querySelector<HTMLButtonElement>('[data-testid="form-cancel"]')?.click();
    await settle();
    expect(wrapper?.emitted('update:modelValue')).toEqual([[false]]);
  });
});

describe('BaseReasonDialog', () => {
  async function mountReason(): Promise<void> {
    wrapper = mountWithApp(
      BaseReasonDialog,
      {
        modelValue: true,
        title: 'Decline the request',
        submitLabel: 'Decline',
        action: fakeAction(),
        reasonTestid: 'reason',
        submitTestid: 'dialog-submit',
      },
      { attach: true },
    );
    useConnectionStore().state = connectedState;
    await settle();
  }

  async function type(text: string): Promise<void> {
    const textarea = document.querySelector<HTMLTextAreaElement>('[data-testid="reason"] textarea');
    if (textarea === null) throw new Error('no reason field');
    textarea.value = text;
    textarea.dispatchEvent(new Event('input'));
    await settle();
  }

  it('requires a reason and emits it trimmed', async () => {
    await mountReason();
    await submitForm();
    expect(messages()).toEqual(['Required']);
    expect(wrapper?.emitted('submit')).toBeUndefined();
    await type('  The practice is full.  ');
    await submitForm();
    expect(wrapper?.emitted('submit')).toEqual([['The practice is full.']]);
  });

  it('starts empty each time it opens', async () => {
    await mountReason();
    await type('Old reason');
    await wrapper?.setProps({ modelValue: false });
    await wrapper?.setProps({ modelValue: true });
    await settle();
    expect(document.querySelector<HTMLTextAreaElement>('[data-testid="reason"] textarea')?.value).toBe('');
    expect(messages()).toEqual([]);
  });
});
