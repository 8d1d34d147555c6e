import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { e2ePort } from './e2e/support/fixtures';
import { config } from './lib/platform/config';

// Playwright cannot download browsers here; Debian's chromium is the browser (see .ci/run).
const executablePath = config().CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: './e2e',
  // A Redis of the run's own for the tests that need one (scripts/test-support/test-redis.ts).
  globalSetup: './e2e/support/global-setup.ts',
  testMatch: '*.spec.ts',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  // Ceilings, not measurements: a test waits for events, and on a loaded 2-core machine a page
  // render or a password check can take several times longer than on an idle one. Speed is
  // measured in the benchmark (npm run bench), never here.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  use: {
    baseURL: `http://localhost:${e2ePort}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'node --conditions=react-server --import tsx e2e/support/server.ts',
    url: `http://localhost:${e2ePort}/`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
