import { expect, type Page, type TestInfo } from '@playwright/test';

export const PASSWORD = 'Demo@2016';

export async function login(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/token/') && r.request().method() === 'POST');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  // A throttled login would leave the previous user's session in place and the test would go on as someone else.
  expect((await answered).status(), `login of ${username} was throttled`).not.toBe(429);
}

export async function expectLoggedIn(page: Page): Promise<void> {
  await expect(page.getByTestId('org-path')).toBeVisible();
}

/** Saves a full-page screenshot next to the test's other output, for a person to look at. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true, animations: 'disabled' });
}

/** No horizontal scrolling at 1366×768 (UX.md). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}
