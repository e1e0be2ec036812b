import { defineConfig } from '@playwright/test';

// E2E_PORT (and E2E_DATABASE, read by the Makefile) let two checkouts' browser tests run side by side.
const port = process.env.E2E_PORT ?? '8765';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  reporter: 'list',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'make -C ../.. serve-e2e',
    url: `http://127.0.0.1:${port}/api/v1/health/`,
    reuseExistingServer: true,
    timeout: 300_000,
    // SIGTERM lets tmis.devdb stop gunicorn and then the embedded PostgreSQL (SIGKILL would leave it running).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
