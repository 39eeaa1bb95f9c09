// Vuetify with bundled Roboto and SVG icons (no CDN), the OS colour scheme, and component strings from vue-i18n.
import '@fontsource/roboto/300.css';
import '@fontsource/roboto/400.css';
import '@fontsource/roboto/500.css';
import '@fontsource/roboto/700.css';
import 'vuetify/styles';
import { useI18n } from 'vue-i18n';
import { createVuetify, type ThemeDefinition } from 'vuetify';
import { aliases, mdi } from 'vuetify/iconsets/mdi-svg';
import { createVueI18nAdapter } from 'vuetify/locale/adapters/vue-i18n';
import { i18n } from './i18n.ts';

const brand = {
  primary: '#0B6E74',
  secondary: '#5B6B7A',
  error: '#B3261E',
  warning: '#A15C00',
  success: '#2E7D32',
  info: '#1F5FAD',
};

const light: ThemeDefinition = {
  dark: false,
  // Vuetify's default text on surface-variant is near-white (its own surface-variant is dark grey); ours is light, so
  // the text on it (stepper numbers, tooltips) must be dark to be readable at all.
  colors: {
    ...brand,
    background: '#F6F8F9',
    surface: '#FFFFFF',
    'surface-variant': '#E7ECEE',
    'on-surface-variant': '#1D2A30',
  },
  // Secondary text (subtitles, captions) at WCAG AA contrast: Vuetify's default 0.60 falls short on small text.
  variables: { 'medium-emphasis-opacity': 0.74 },
};

const dark: ThemeDefinition = {
  dark: true,
  colors: {
    ...brand,
    primary: '#5FC4C9',
    secondary: '#A9B6C2',
    error: '#F2B8B5',
    warning: '#F0B35B',
    success: '#81C784',
    info: '#8AB4F8',
    background: '#101416',
    surface: '#182024',
    'surface-variant': '#25313A',
    'on-surface-variant': '#E3E8EA',
  },
  variables: { 'medium-emphasis-opacity': 0.8 },
};

export const vuetify = createVuetify({
  theme: { defaultTheme: 'system', themes: { light, dark } },
  icons: { defaultSet: 'mdi', aliases, sets: { mdi } },
  locale: { adapter: createVueI18nAdapter({ i18n, useI18n }) },
  defaults: {
    VBtn: { rounded: 'lg' },
    VCard: { rounded: 'lg' },
    VTextField: { variant: 'outlined', density: 'comfortable' },
    VTextarea: { variant: 'outlined', density: 'comfortable' },
    VSelect: { variant: 'outlined', density: 'comfortable' },
    VAutocomplete: { variant: 'outlined', density: 'comfortable' },
    VCombobox: { variant: 'outlined', density: 'comfortable' },
  },
});
