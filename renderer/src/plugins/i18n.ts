// vue-i18n in Composition mode. Messages compile just in time to an AST (no eval), so the strict CSP holds.
// Two complete locales, English and Spanish; dates, numbers and units are formatted by Intl for the chosen locale.
import { createI18n, type IntlDateTimeFormat, type IntlNumberFormat } from 'vue-i18n';
import { en as vuetifyEn, es as vuetifyEs } from 'vuetify/locale';
import { en } from '../locales/en.ts';
import { es } from '../locales/es.ts';

export type MessageSchema = typeof en;

/** The app's locales: BCP 47 tags, each with a complete message file in `renderer/src/locales`. */
export const LOCALES = ['en', 'es'] as const;
export type AppLocale = (typeof LOCALES)[number];

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const dateFormats: IntlDateTimeFormat = {
  // A calendar date (`YYYY-MM-DD`, parsed as UTC midnight) shown as the same day in every time zone.
  date: { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' },
  // The user's calendar day of an instant (an expiry, a listing time): the machine's time zone.
  instantDate: { year: 'numeric', month: 'short', day: 'numeric' },
  dateTime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
};

const numberFormats: IntlNumberFormat = {
  kg: { style: 'unit', unit: 'kilogram', maximumFractionDigits: 2 },
  cm: { style: 'unit', unit: 'centimeter', maximumFractionDigits: 1 },
};

export const i18n = createI18n<false>({
  // vue-i18n 11 still defaults to the legacy API (and deprecates the option ahead of v12, where Composition is the only
  // mode); Vuetify's adapter needs the Composition API.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages: { en: { ...en, $vuetify: vuetifyEn }, es: { ...es, $vuetify: vuetifyEs } },
  // The same formats for each locale: Intl gives each its own order, month names and decimal separator.
  datetimeFormats: { en: dateFormats, es: dateFormats },
  numberFormats: { en: numberFormats, es: numberFormats },
});

/** Switches the UI (and the `lang` of the document, which screen readers and hyphenation follow) to `locale`. */
export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
