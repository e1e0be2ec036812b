import { test as base, expect, type Locator, type Page, type TestInfo } from '@playwright/test';

export { expect };

/** Problems the running test expects (a deliberate 400, a 429 of a throttle test …), reset for every test. */
let expectedProblems: RegExp[] = [];

/**
 * Declares problems the current test provokes on purpose: each pattern is matched against
 * `"<status> <METHOD> <url>"` of a response, `"failed <METHOD> <url> <error>"` of a request or the text of a console
 * error. Anything else fails the test (the console guard below).
 */
export function expectProblems(...patterns: RegExp[]): void {
  expectedProblems.push(...patterns);
}

/**
 * Every spec's `test`: a guard fails the test on any console error, uncaught page error, failed request or 4xx/5xx
 * response of the test's browser context that the test did not declare with {@link expectProblems}. A page only asks
 * what its user may see, so an unexpected 403 or 404 is an application bug, not noise.
 */
export const test = base.extend<{ consoleGuard: undefined }>({
  consoleGuard: [
    async ({ context }, use) => {
      expectedProblems = [];
      const problems: string[] = [];
      const note = (text: string) => {
        if (!expectedProblems.some((pattern) => pattern.test(text))) problems.push(text);
      };
      context.on('response', (response) => {
        if (response.status() >= 400) note(`${response.status()} ${response.request().method()} ${response.url()}`);
      });
      context.on('requestfailed', (request) => {
        const error = request.failure()?.errorText ?? '';
        // A fetch the page dropped (navigation, a query cancelled on unmount) is not a failure of the server.
        if (!error.includes('ERR_ABORTED')) note(`failed ${request.method()} ${request.url()} ${error}`);
      });
      context.on('console', (message) => {
        // The browser's "Failed to load resource" line repeats a response the listener above already judged.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) note(message.text());
      });
      context.on('weberror', (error) => note(`page error: ${error.error().message}`));
      await use(undefined);
      expect(problems, 'console errors or failed requests the test did not expect').toEqual([]);
    },
    { auto: true },
  ],
});

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

/**
 * Shows the menu item `item` of the group `group`. Groups start open, but one that appears only once the session's
 * capabilities arrive may start closed: click the group only while the item is hidden (a click on an open group
 * would close it).
 */
export async function openMenuItem(page: Page, group: string, item: string): Promise<void> {
  const menu = page.getByTestId('app-menu');
  const target = menu.getByRole('menuitem', { name: item });
  await expect(async () => {
    if (!(await target.isVisible())) await menu.getByRole('menuitem', { name: group }).click();
    await expect(target).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

export async function expectLoggedIn(page: Page): Promise<void> {
  await expect(page.getByTestId('org-path')).toBeVisible();
}

/** Saves a full-page screenshot next to the test's other output, for a person to look at. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true, animations: 'disabled' });
}

/**
 * No horizontal scrolling (UX.md). Polled: right after a viewport change antd's breakpoints and tables re-lay
 * themselves out on the next resize callbacks, so a page read in that instant is still as wide as before (CI saw a
 * 390 px phone read while the table still had its 1440 px width). A page that really overflows fails after the
 * expect timeout.
 */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
      message: 'the page scrolls horizontally',
    })
    .toBeLessThanOrEqual(0);
}

/**
 * Closes the review drawer. After a decision the drawer moves on to the next waiting item (loading it first, when
 * the focus Escape needs may be gone): click the open drawer's close button until no drawer is open.
 */
export async function closeReviewDrawer(page: Page): Promise<void> {
  const open = page.locator('.ant-drawer-open');
  await expect(async () => {
    if ((await open.count()) > 0) await open.locator('.ant-drawer-close').last().click({ timeout: 2_000 });
    await expect(open).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('review-detail')).toHaveCount(0);
}

/**
 * The select's list is closed after a choice. On a busy machine a retried choice can leave it open, covering the
 * buttons below it: Escape closes it (pressed only while the select is open, never at the dialog around it).
 */
export async function expectDropdownClosed(page: Page, select: Locator): Promise<void> {
  await expect(async () => {
    if (await select.evaluate((element) => element.classList.contains('ant-select-open'))) await page.keyboard.press('Escape');
    await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}

/**
 * Picks `option` in an antd Select whose search input is `input`: opens it (typing `search` when given), clicks the
 * option and checks that the select shows `shown` (the option's text by default); all of it again while it does not.
 * A click that lands while the dropdown is still animating open can be lost or hit the option below it (CI saw 离岗
 * chosen as 借出 and a group left empty); a second round finds the list settled.
 */
export async function pickOption(
  page: Page,
  input: Locator,
  option: string | RegExp,
  { search, shown }: { search?: string; shown?: string | RegExp } = {},
): Promise<void> {
  const select = input.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  await expect(async () => {
    if (search !== undefined) await input.fill(search);
    else await input.click();
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option });
    await item.first().click({ timeout: 3_000 });
    await expect(select).toContainText(shown ?? option, { timeout: 2_000 });
  }).toPass({ timeout: 25_000 });
}
