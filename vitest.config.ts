import vue from '@vitejs/plugin-vue';
import vuetify from 'vite-plugin-vuetify';
import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests (stubbed contexts, no network) and integration tests that run against the real
// local Fabric network, which the integration global setup brings up once and takes down at the end.
export default defineConfig({
  test: {
    projects: [
      {
        // Vue single-file components (renderer tests pick happy-dom per file with `// @vitest-environment happy-dom`).
        plugins: [vue(), vuetify({ autoImport: true })],
        test: {
          name: 'unit',
          // The contract API logs every decorator at info level; the chaincode under test should be quiet.
          env: { CORE_CHAINCODE_LOGGING_LEVEL: 'warning' },
          include: ['**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.integration.test.ts', '**/dist/**'],
          environment: 'node',
          // Vuetify imports its own CSS from its modules; inlined, vite handles those imports.
          server: { deps: { inline: ['vuetify'] } },
        },
      },
      {
        test: {
          name: 'integration',
          env: { CORE_CHAINCODE_LOGGING_LEVEL: 'warning' },
          include: ['**/*.integration.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          environment: 'node',
          globalSetup: ['fabric-network/test/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 600_000,
          // expect.poll waits for a network, a browser or a process: never vitest's default 1 s, which a busy machine
          // (CI shares its cores) overruns.
          expect: { poll: { timeout: 30_000, interval: 100 } },
        },
      },
    ],
  },
});
