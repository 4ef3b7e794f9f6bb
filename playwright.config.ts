import { defineConfig } from '@playwright/test';
import { chromiumExecutable } from './e2e/browser.js';

// Ports of the demo (`npm start`) as the e2e suite runs it; distinct from the defaults so a running
// `npm start` does not collide with `npm test`.
export const DEMO_PORT = Number(process.env.DEMO_PORT ?? 5183);
export const DEMO_MOCK_PORT = Number(process.env.DEMO_MOCK_PORT ?? 9410);

export default defineConfig({
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/report.json' }]],
  use: { trace: 'off' },
  projects: [
    // Node only, no browser: the package's own modules and the demo's plain functions.
    { name: 'unit', testDir: '.', testMatch: ['src/**/*.test.ts', 'demo/**/*.test.ts'] },
    {
      name: 'e2e',
      testDir: 'e2e',
      testMatch: /.*\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: chromiumExecutable() },
      },
    },
  ],
  webServer: {
    command: 'npm start',
    url: `http://localhost:${DEMO_PORT}/`,
    // Blank credentials keep the demo on the mock even where a developer's shell has real ones.
    env: { PORT: String(DEMO_PORT), MOCK_PORT: String(DEMO_MOCK_PORT), TELEGRAM_CLIENT_ID: '', TELEGRAM_CLIENT_SECRET: '' },
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
    timeout: 60_000,
  },
});
