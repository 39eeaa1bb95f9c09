// @vitest-environment happy-dom
// The UI language is remembered per identity, and dates, numbers and units follow it.
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../plugins/i18n.ts';
import { useLocaleStore, systemLocale } from './locale.ts';
import { useSessionStore } from './session.ts';

beforeEach(() => {
  localStorage.clear();
  setActivePinia(createPinia());
  i18n.global.locale.value = 'en';
});

describe('locale store', () => {
  it('starts in the first system language the app has', () => {
    expect(systemLocale(['fr-FR', 'es-MX', 'en-US'])).toBe('es');
    expect(systemLocale(['de'])).toBe('en');
  });

  it('remembers each identity its own language', async () => {
    const session = useSessionStore();
    const locale = useLocaleStore();
    session.activeId = 'id-parent';
    await nextTick();
    locale.choose('es');
    await nextTick();
    expect(i18n.global.locale.value).toBe('es');
    expect(document.documentElement.lang).toBe('es');
    session.activeId = 'id-pediatrician';
    await nextTick();
    locale.choose('en');
    session.activeId = 'id-parent';
    await nextTick();
    expect(locale.locale).toBe('es');
    expect(i18n.global.t('card.title')).toBe('Ficha médica');
    // A fresh start (new store) finds the parent's choice again.
    setActivePinia(createPinia());
    useSessionStore().activeId = 'id-parent';
    const again = useLocaleStore();
    await nextTick();
    expect(again.locale).toBe('es');
  });

  it('formats dates, numbers and units for the locale', () => {
    const { d, n } = i18n.global;
    i18n.global.locale.value = 'es';
    expect(n(19.25, 'kg')).toBe('19,25 kg');
    expect(d(new Date('2026-03-01'), 'date')).toBe('1 mar 2026');
    i18n.global.locale.value = 'en';
    expect(n(19.25, 'kg')).toBe('19.25 kg');
    expect(d(new Date('2026-03-01'), 'date')).toBe('Mar 1, 2026');
  });
});
