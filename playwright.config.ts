import { defineConfig } from '@playwright/test';

/**
 * The browser suite (`npm run test:web`): journeys through the web console in Debian's Chromium
 * against the real local stack, which the global set-up starts. One worker: the journeys share
 * one stack and one of them moves its clock.
 */
export default defineConfig({
  testDir: 'test/web',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/web/support/globalSetup.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/web',
  use: {
    baseURL: process.env.CONSOLE_URL,
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] },
    locale: 'en-GB',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
  },
});
