import { expect, expectLoggedIn, login, snap, test } from './helpers';

// Issue 14, "Phones and slow links" and "Forms and lists": the key lists at 1440 px and at 390 px (cards or key
// columns, the menu over the content), and every page of each demo user's menu asked only for what that user may
// see (the console guard of helpers.ts fails the walk on any 4xx, failed request or console error).

const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const WALKERS = [
  'demo-central',
  'demo-province',
  'demo-city',
  'demo-county-a',
  'demo-school-a',
  'demo-school-a-reviewer',
  'demo-sysadmin',
  'demo-secadmin',
  'demo-auditor',
];

for (const username of WALKERS) {
  test(`every menu page of ${username} loads without a refused or failed request`, async ({ page }) => {
    await login(page, username);
    await expectLoggedIn(page);
    await page.waitForLoadState('networkidle');
    // The menu's items are keyed by their paths (antd writes them into data-menu-id).
    const links = await page
      .locator('.ant-layout-sider .ant-menu-item')
      .evaluateAll((items) => items.map((item) => /-(\/[^\s]*)$/.exec(item.getAttribute('data-menu-id') ?? '')?.[1] ?? ''));
    expect(links.length).toBeGreaterThan(0);
    for (const href of ['/', ...links.filter(Boolean), '/profile']) {
      await page.goto(href);
      await page.waitForLoadState('networkidle');
      await expect(page.locator('main, .ant-layout-content').first()).toBeVisible();
    }
  });
}

test('the teacher list shows its total and filters by name, at 1440 px and as cards at 390 px', async ({ page }, testInfo) => {
  await page.setViewportSize(WIDE);
  await login(page, 'demo-county-a');
  await expectLoggedIn(page);
  await page.goto('/teachers');
  const total = page.getByTestId('teachers-total');
  await expect(total).toHaveText(/^共 \d+ 人$/);
  const all = Number((await total.textContent())?.match(/\d+/)?.[0]);
  await page.getByRole('combobox', { name: '学校类型' }).click();
  await page.getByTitle('中小学').click();
  await page.getByRole('button', { name: '更多筛选' }).click();
  await page.getByRole('combobox', { name: '性别', exact: true }).click();
  await page.getByTitle('女', { exact: true }).click();
  await expect(total).not.toHaveText(`共 ${all} 人`);
  await expect(page.getByTestId('teachers-table')).toBeVisible();
  await snap(page, testInfo, 'teachers-1440');

  await page.setViewportSize(PHONE);
  await page.goto('/teachers');
  await expect(page.getByTestId('teachers-cards')).toBeVisible();
  await expect(page.getByTestId('teachers-table')).toHaveCount(0);
  await expect(total).toHaveText(`共 ${all} 人`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await snap(page, testInfo, 'teachers-390');
});

test('the Ministry opens the teacher list on approved archives, newest first', async ({ page }, testInfo) => {
  await page.setViewportSize(WIDE);
  await login(page, 'demo-central');
  await expectLoggedIn(page);
  const list = page.waitForRequest((r) => r.url().includes('/api/v1/teachers/?'));
  await page.goto('/teachers');
  const url = new URL((await list).url());
  expect(url.searchParams.get('record_state')).toBe('approved');
  expect(url.searchParams.get('ordering')).toBe('-updated_at');
  await expect(page.getByRole('combobox', { name: '记录状态' }).locator('..').locator('..')).toContainText('已审核');
  await snap(page, testInfo, 'central-teachers-1440');
});

for (const [name, viewport] of [
  ['1440', WIDE],
  ['390', PHONE],
] as const) {
  test(`home, reviews queue and users at ${name} px: the menu overlays the content and nothing scrolls sideways`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize(viewport);
    await login(page, 'demo-county-a');
    await expectLoggedIn(page);
    for (const path of ['/', '/reviews', '/users']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await snap(page, testInfo, `${path === '/' ? 'home' : path.slice(1)}-${name}`);
    }
    if (viewport === PHONE) {
      const content = page.locator('.ant-layout-content').first();
      const before = await content.boundingBox();
      await page.getByRole('button', { name: /菜单|menu/i }).first().click();
      await expect(page.getByRole('menu').first()).toBeVisible();
      const after = await content.boundingBox();
      expect(after?.x).toBe(before?.x); // overlaid, not pushed
      await snap(page, testInfo, `menu-open-${name}`);
    }
  });
}
