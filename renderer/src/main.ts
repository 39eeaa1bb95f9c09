// Renderer entry: Vue 3 with Pinia, vue-router, vue-i18n and Vuetify. Everything the UI needs from main comes through
// `window.api`, and only the stores call it.
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { installConstructedThemeStyles } from './plugins/css-head.ts';
import { i18n } from './plugins/i18n.ts';
import { vuetify } from './plugins/vuetify.ts';
import { router } from './router.ts';
import './styles/app.css';

const app = createApp(App);
installConstructedThemeStyles(app);
app.use(createPinia()).use(i18n).use(vuetify).use(router).mount('#app');
