import { expect, login, test } from './helpers';

// Issue 14: a cold load of the teacher list on a 4 Mbit/s link with 100 ms latency takes at most 2.5 s. Measured
// with an already logged-in session (the refresh cookie/token of the fresh context), from navigation to /teachers
// with the browser cache disabled until the list's rows are rendered — every script, style and API call on the
// throttled link. Chromium's throttling (CDP Network.emulateNetworkConditions), three runs, the median printed.

// The target is 2.5 s: met since the signed-in shell is one file (frontend/chunking.ts, vite.config.ts) and
// downloads beside the token refresh (app/boot.ts) — medians 1.8-1.9 s, from 2.8 s (docs/BENCHMARKS.md). The test
// prints the figure and the verdict, and fails on a regression past GUARD_MS (the shared test machine's load moves
// the figure by several hundred ms, so not on the target itself).
const TARGET_MS = 2_500;
const GUARD_MS = 5_000;
const RUNS = 3;

test('the teacher list loads cold on a 4 Mbit/s, 100 ms link (figure printed; target 2.5 s)', async ({ browser }) => {
  test.setTimeout(120_000);
  const figures: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await login(page, 'demo-county-a');
    await expect(page.getByTestId('org-path')).toBeVisible();
    await page.goto('about:blank');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 100,
      downloadThroughput: (4 * 1024 * 1024) / 8,
      uploadThroughput: (4 * 1024 * 1024) / 8,
    });
    const started = Date.now();
    await page.goto('/teachers');
    await expect(page.getByTestId('teachers-table').locator('tbody tr.ant-table-row').first()).toBeVisible({
      timeout: 30_000,
    });
    const elapsed = Date.now() - started;
    figures.push(elapsed);
    console.log(`slow link run ${String(run + 1)}: teacher list rendered in ${String(elapsed)} ms`);
    await context.close();
  }
  const median = [...figures].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  const verdict = (median ?? Infinity) <= TARGET_MS ? 'met' : 'NOT MET';
  console.log(
    `slow link: median ${String(median)} ms of ${figures.join(', ')} ms (4 Mbit/s, 100 ms, cache disabled); ` +
      `target ${String(TARGET_MS)} ms ${verdict}`,
  );
  expect(median).toBeLessThanOrEqual(GUARD_MS);
});
