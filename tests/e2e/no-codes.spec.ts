import { type Page } from '@playwright/test';

import { expect, login, test } from './helpers';

/**
 * Names, never codes (issue 14): walks the pages of every demo level in zh-CN — lists, an archive with its
 * groups and timeline, the review queue with a change drawer open, notifications, administration — and fails on
 * any run of four or more lowercase Latin letters or underscores in the text a person reads. Text inside inputs,
 * URLs, e-mail addresses and login names (hyphenated, like `demo-school-a`) are not read as codes.
 */

// Whole words only (not the tail of "English" nor a piece of a hex request id), not a file extension (".xlsx").
const CODE_TOKEN = /(?<![A-Za-z0-9.])[a-z_]{4,}(?![A-Za-z0-9])/g;

/** The visible text of the page with what is not ours to name taken out: form values, URLs, login names. */
async function codeTokens(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const skip = 'input, textarea, select, script, style, noscript, [contenteditable="true"], .ant-select-selection-search';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(skip)) continue;
      const style = window.getComputedStyle(parent);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      if (parent.getClientRects().length === 0) continue;
      parts.push(node.textContent ?? '');
    }
    return parts.join('\n');
  });
  const cleaned = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\/api\/v1\/\S*/g, ' ')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
    .replace(/\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g, ' ');
  return [...new Set(cleaned.match(CODE_TOKEN) ?? [])];
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator('.ant-skeleton-active')).toHaveCount(0, { timeout: 15_000 });
}

/** Opens `path`, waits for its data and records the code-like tokens it shows. */
async function visit(page: Page, found: Map<string, string[]>, path: string, label = path): Promise<void> {
  await page.goto(path);
  await settle(page);
  await record(page, found, label);
}

/** Every page and drawer read, so that a walk which silently reads nothing fails. */
const seen: string[] = [];

async function record(page: Page, found: Map<string, string[]>, label: string): Promise<void> {
  seen.push(label);
  const tokens = await codeTokens(page);
  if (tokens.length > 0) found.set(label, tokens);
}

/** Opens the first archive of the teacher list and walks its tabs (groups, timeline). */
async function walkFirstArchive(page: Page, found: Map<string, string[]>, who: string): Promise<void> {
  await page.goto('/teachers');
  await settle(page);
  const link = page.locator('a[href^="/teachers/"]').filter({ hasNotText: /新增|导入/ }).first();
  if ((await link.count()) === 0) return;
  await link.click();
  await expect(page.getByRole('tab').first()).toBeVisible();
  await settle(page);
  await record(page, found, `${who} archive`);
  const tabs = page.getByRole('tab');
  const count = await tabs.count();
  for (let index = 0; index < count; index += 1) {
    const tab = tabs.nth(index);
    if (!(await tab.isVisible())) continue;
    const name = (await tab.innerText()).trim();
    await tab.click();
    await settle(page);
    await record(page, found, `${who} archive tab ${name}`);
  }
}

/** Opens up to three items of the review queue's drawer (a change, a new archive, a key-information change). */
async function walkQueue(page: Page, found: Map<string, string[]>, who: string): Promise<void> {
  await visit(page, found, '/reviews', `${who} queue`);
  const links = page.getByTestId('queue-open');
  const count = Math.min(await links.count(), 4);
  for (let index = 0; index < count; index += 1) {
    await links.nth(index).click();
    await expect(page.getByTestId('review-detail')).toBeVisible();
    await settle(page);
    await record(page, found, `${who} queue drawer ${index + 1}`);
    await page.locator('.ant-drawer-close').last().click();
    await expect(page.locator('.ant-drawer-mask')).toHaveCount(0);
  }
}

/** The bell's panel: what notifications say. */
async function openNotifications(page: Page, found: Map<string, string[]>, who: string): Promise<void> {
  await page.getByTestId('notification-bell').click();
  await expect(page.getByTestId('notification-panel')).toBeVisible();
  await settle(page);
  await record(page, found, `${who} notifications`);
  await page.keyboard.press('Escape');
}

test.describe.configure({ mode: 'serial' });

test('no page of the demo data shows a code where a name belongs', async ({ context, page }) => {
  test.setTimeout(300_000);
  const found = new Map<string, string[]>();

  /** Each user in a fresh session (the refresh cookie and the session flag cleared), starting on their home page. */
  async function as(username: string, walk: (page: Page) => Promise<void>): Promise<void> {
    await context.clearCookies();
    await page.evaluate(() => window.localStorage.clear()).catch(() => undefined);
    await login(page, username);
    await settle(page);
    await record(page, found, `${username} home`);
    await walk(page);
  }

  await as('demo-school-a', async (page) => {
    await walkFirstArchive(page, found, 'school');
    await visit(page, found, '/my-submissions', 'school my-submissions');
    await visit(page, found, '/teachers/import', 'school import');
    await visit(page, found, '/teachers/new', 'school new archive');
    await visit(page, found, '/changes?tab=all', 'school changes');
    await visit(page, found, '/changes/transfer', 'school transfer wizard');
    await openNotifications(page, found, 'school');
  });
  await as('demo-county-a', async (page) => {
    await walkQueue(page, found, 'county');
    await openNotifications(page, found, 'county');
    await walkFirstArchive(page, found, 'county');
    await visit(page, found, '/orgs', 'county orgs');
    await visit(page, found, '/changes?tab=all', 'county changes');
  });
  await as('demo-province', async (page) => {
    await walkQueue(page, found, 'province');
    for (const path of ['/catalog', '/province-catalog', '/code-tables', '/review-flows', '/users']) {
      await visit(page, found, path, `province ${path}`);
    }
  });
  await as('demo-central', async (page) => {
    await visit(page, found, '/teachers', 'central teachers');
  });
  await as('demo-province-secadmin', async (page) => {
    await visit(page, found, '/users', 'secadmin users');
  });
  await as('demo-auditor', async () => undefined);

  console.log(`read ${seen.length} pages and drawers:\n${seen.join('\n')}`);
  expect(seen).toEqual(expect.arrayContaining(['county queue drawer 1', 'county queue drawer 2', 'school archive']));
  expect(seen.filter((label) => label.startsWith('school archive tab')).length).toBeGreaterThan(1);
  const report = [...found].map(([where, tokens]) => `${where}: ${tokens.join(', ')}`).join('\n');
  expect(report, 'code-like tokens on pages a person reads').toBe('');
});
