// Renderer entry: Vue 3 with Pinia. Everything the UI needs from main comes through `window.api`.
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).use(createPinia()).mount('#app');
