import { type Page } from '@playwright/test';

import { expect, expectLoggedIn, expectProblems, login, snap, test } from './helpers';

// The Content-Security-Policy (docs/SECURITY.md) allows scripts from our own origin only. These pages must render
// fully under it, with no violation reported: the login page, a list page after login, and the API docs.

type Violation = { directive: string; blocked: string; source: string };

/** Records every CSP violation: the browser's `securitypolicyviolation` events and its console reports. */
async function watchViolations(page: Page): Promise<{ events: Violation[]; console: string[] }> {
  const seen = { events: [] as Violation[], console: [] as string[] };
  await page.exposeFunction('__cspViolation', (v: Violation) => seen.events.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (v: Violation) => void }).__cspViolation({
        directive: e.violatedDirective,
        blocked: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}`,
      });
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.console.push(message.text());
  });
  return seen;
}

test('no CSP violations on the login page, the teacher list and the API docs', async ({ page }, testInfo) => {
  test.slow(); // three pages, one login, on a shared 2-core machine
  // The console guard sees one blocked inline script that neither the pages' `securitypolicyviolation` events nor
  // their console (both recorded below, and empty) report: it comes after the last check, from this spec's own
  // init script (watchViolations) injected into a frame. Not the application's; still to pin down (issue 14 note).
  expectProblems(/^Executing inline script violates the following Content Security Policy directive 'script-src 'self''/);
  const seen = await watchViolations(page);

  const index = await page.goto('/login');
  const policy = index?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toMatch(/(^|;\s*)script-src 'self'\s*(;|$)/); // whatever the directives' order
  await expect(page.getByLabel('用户名')).toBeVisible();
  // antd's CSS-in-JS styles applied (inline <style> is allowed): the primary button is coloured, not browser grey.
  const button = page.getByRole('button', { name: /登\s*录/ });
  const background = await button.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).not.toBe('rgba(0, 0, 0, 0)');
  expect(background).not.toBe('rgb(239, 239, 239)');
  await snap(page, testInfo, 'csp-login');

  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await page.getByRole('menuitem', { name: '教师信息采集' }).click();
  await expect(page).toHaveURL(/\/teachers$/);
  await expect(page.locator('.ant-table')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await snap(page, testInfo, 'csp-teacher-list');

  await page.goto('/api/v1/docs/');
  await expect(page.locator('.swagger-ui .info .title')).toContainText('TMIS API');
  await expect(page.locator('.opblock').first()).toBeVisible();
  await snap(page, testInfo, 'csp-api-docs');

  expect(seen.events, JSON.stringify(seen.events, null, 1)).toEqual([]);
  expect(seen.console).toEqual([]);

  // The watch works and the policy bites: an injected inline script is refused and reported.
  await page.addScriptTag({ content: 'window.__inlineRan = true;' }).catch(() => undefined);
  await expect.poll(() => seen.events.length).toBe(1);
  expect(seen.events[0].directive).toMatch(/^script-src/);
  expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
});
