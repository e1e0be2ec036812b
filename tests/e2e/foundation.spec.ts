import { expect, expectLoggedIn, expectProblems, expectNoHorizontalScroll, login, snap, test } from './helpers';

test('county admin sees only her county, switches to English and logs out', async ({ page }, testInfo) => {
  await login(page, 'demo-county-a');
  await expectLoggedIn(page);
  await expect(page.getByTestId('org-path')).toContainText('城关区');
  await expect(page.getByTestId('count-school')).toBeVisible();
  await snap(page, testInfo, 'county-dashboard');

  await page.getByRole('menuitem', { name: '机构' }).click();
  await expect(page).toHaveURL(/\/orgs/);
  const tree = page.getByRole('tree');
  await expect(tree.getByTestId('org-node-620102')).toContainText('城关区');
  // The root opens by itself; expand it if it did not.
  const firstSchool = tree.locator('[data-testid^="org-node-"]').nth(1);
  const opened = await firstSchool
    .waitFor({ state: 'visible', timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  if (!opened) await tree.locator('.ant-tree-switcher').first().click();
  await expect(firstSchool).toBeVisible();
  const nodes = await tree.locator('[data-testid^="org-node-"]').allInnerTexts();
  expect(nodes.length).toBeGreaterThan(1);
  expect(nodes.join('\n')).not.toContain('七里河');
  // Children of 城关区 are schools with ten-digit codes.
  expect(nodes.slice(1).every((text) => /\d{10}/.test(text))).toBe(true);
  await expect(page.getByTestId('org-detail')).toContainText('620102');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'county-org-tree');

  // Click a school: its details show the school level.
  await firstSchool.click();
  await expect(page.getByTestId('org-detail')).toContainText('学校');
  await snap(page, testInfo, 'county-school-detail');

  // Searching for a unit outside the county finds nothing.
  await page.getByPlaceholder('输入机构名称或代码').fill('七里河');
  await page.getByPlaceholder('输入机构名称或代码').press('Enter');
  await expect(page.getByTestId('org-search-empty')).toBeVisible();
  await snap(page, testInfo, 'county-search-outside');

  // Switch to English: menu and labels follow.
  await page.getByTestId('language-switch').getByText('English').click();
  await expect(page.getByRole('menuitem', { name: 'Organisations' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Administration' })).toBeVisible();
  await expect(page.getByRole('navigation').getByText('Organisations')).toBeVisible();
  await expect(page.getByText('Search results')).toBeVisible();
  await page.getByRole('button', { name: 'Back to the tree' }).click();
  await expect(page.getByText('Organisation details')).toBeVisible();
  await expect(page.getByTestId('org-detail')).toContainText('Level');
  await expect(page.getByTestId('org-detail')).toContainText('School');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'county-english');

  // Log out from the account menu.
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await snap(page, testInfo, 'county-logged-out');
});

test('province admin browses 甘肃省 → 兰州市 → 城关区', async ({ page }, testInfo) => {
  await login(page, 'demo-province');
  await expectLoggedIn(page);
  await expect(page.getByTestId('org-path')).toContainText('甘肃省');
  await snap(page, testInfo, 'province-dashboard');

  await page.getByRole('menuitem', { name: '机构' }).click();
  const tree = page.getByRole('tree');
  await expect(tree.getByTestId('org-node-620000')).toBeVisible();
  await expect(tree.getByTestId('org-node-620100')).toBeVisible();

  const lanzhou = tree.locator('.ant-tree-treenode', { has: page.getByTestId('org-node-620100') });
  await lanzhou.locator('.ant-tree-switcher').click();
  await expect(tree.getByTestId('org-node-620102')).toBeVisible();
  await tree.getByTestId('org-node-620102').click();
  await expect(page.getByTestId('org-detail')).toContainText('城关区');
  await expect(page).toHaveURL(/org=620102/);

  const chengguan = tree.locator('.ant-tree-treenode', { has: page.getByTestId('org-node-620102') });
  await chengguan.locator('.ant-tree-switcher').click();
  await expect(tree.locator('[data-testid^="org-node-"]').filter({ hasText: /\d{10}/ }).first()).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'province-tree-chengguan');

  // A reload keeps the session (the HttpOnly refresh cookie gets a new access token; no token in localStorage).
  expect(await page.evaluate(() => JSON.stringify(window.localStorage))).not.toMatch(/eyJ/);
  await page.reload();
  await expect(page.getByTestId('org-detail')).toContainText('城关区');
  await expect(page.getByTestId('org-path')).toContainText('甘肃省');
});

test('a wrong password shows the error and stays on the login page', async ({ page }, testInfo) => {
  expectProblems(/^401 POST .*\/api\/v1\/auth\/token\/$/); // the refused login is the point of the test
  await login(page, 'demo-county-a', 'not-the-password');
  await expect(page.getByTestId('login-error')).toBeVisible();
  await expect(page.getByTestId('login-error')).not.toBeEmpty();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByTestId('org-path')).toHaveCount(0);
  await snap(page, testInfo, 'login-wrong-password');
});

test('a filler does not see the users menu', async ({ page }, testInfo) => {
  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await expect(page.getByRole('menuitem', { name: '首页' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '用户' })).toHaveCount(0);
  await snap(page, testInfo, 'filler-dashboard');

  // Typing the address does not help either.
  await page.goto('/users');
  await expect(page.getByText('无权访问')).toBeVisible();
  await snap(page, testInfo, 'filler-users-forbidden');

  // The profile page from the account menu shows the roles and the organisation path.
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: '个人中心' }).click();
  await expect(page).toHaveURL(/\/profile/);
  await expect(page.getByText('填报员', { exact: true })).toBeVisible();
  await expect(page.getByText('demo-school-a', { exact: true })).toBeVisible();
  await snap(page, testInfo, 'filler-profile');
});
