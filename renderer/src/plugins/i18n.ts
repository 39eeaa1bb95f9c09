// vue-i18n in Composition mode. Messages compile just in time to an AST (no eval), so the strict CSP holds.
import { createI18n } from 'vue-i18n';
import { en as vuetifyEn } from 'vuetify/locale';
import { en } from '../locales/en.ts';

export type MessageSchema = typeof en;

export const i18n = createI18n<false>({
  // vue-i18n 11 still defaults to the legacy API (and deprecates the option ahead of v12, where Composition is the only
  // mode); Vuetify's adapter needs the Composition API.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages: { en: { ...en, $vuetify: vuetifyEn } },
  datetimeFormats: {
    en: {
      // A calendar date (`YYYY-MM-DD`, parsed as UTC midnight) shown as the same day in every time zone.
      date: { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' },
      // The user's calendar day of an instant (an expiry, a listing time): the machine's time zone.
      instantDate: { year: 'numeric', month: 'short', day: 'numeric' },
      dateTime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
      time: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
    },
  },
  numberFormats: {
    en: {
      kg: { style: 'unit', unit: 'kilogram', maximumFractionDigits: 2 },
      cm: { style: 'unit', unit: 'centimeter', maximumFractionDigits: 1 },
    },
  },
});
