import { gzipSync } from 'node:zlib';

import { expect, test } from './helpers';

/** Issue 12: the login page downloads at most 250 KB of gzipped JavaScript. */
const LIMIT_BYTES = 250 * 1024;

test('the login page downloads at most 250 KB of gzipped JavaScript', async ({ page }) => {
  const scripts: Promise<{ url: string; raw: number; gzip: number }>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    // The server may not compress: gzip each body here, as a compressing proxy would.
    scripts.push(
      response.body().then((body) => ({ url: response.url(), raw: body.length, gzip: gzipSync(body).length })),
    );
  });
  await page.goto('/login');
  await expect(page.getByRole('button', { name: /登\s*录/ })).toBeVisible();
  await page.waitForLoadState('networkidle');

  const fetched = await Promise.all(scripts);
  const total = fetched.reduce((sum, script) => sum + script.gzip, 0);
  for (const script of fetched.sort((a, b) => b.gzip - a.gzip)) {
    console.log(`  ${(script.gzip / 1024).toFixed(1).padStart(7)} KB gzip  ${(script.raw / 1024).toFixed(1).padStart(8)} KB  ${new URL(script.url).pathname}`);
  }
  console.log(`login page: ${String(fetched.length)} scripts, ${(total / 1024).toFixed(1)} KB gzipped JavaScript (limit 250 KB)`);
  expect(fetched.length).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(LIMIT_BYTES);
});
