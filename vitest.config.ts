import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `server-only` throws outside React's server graph; tests exercise the server modules directly.
const serverOnlyStub = fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url));

// `@/` is the project's root, as in tsconfig.json, so components can be rendered in unit tests.
const root = fileURLToPath(new URL('./', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: 'server-only', replacement: serverOnlyStub },
      { find: /^@\//, replacement: root },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'lib/**/*.test.ts',
            'scripts/**/*.test.ts',
            'components/**/*.test.ts?(x)',
            'e2e/support/**/*.test.ts',
            'app/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // KIJI_TEST_FIXTURE: scripts/exit-codes.int.test.ts runs one fixture alone, to prove that
          // a failing integration test fails the run.
          include: process.env.KIJI_TEST_FIXTURE ? [process.env.KIJI_TEST_FIXTURE] : ['**/*.int.test.ts'],
          exclude: ['node_modules/**', '.next/**'],
          globalSetup: ['./scripts/test-support/integration-setup.ts'],
          setupFiles: ['./scripts/test-support/integration-env.ts'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
