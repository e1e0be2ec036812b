import { expect, expectLoggedIn, expectProblems, expectNoHorizontalScroll, login, pickOption, snap, test } from './helpers';

test('county admin lists users and creates one, with API errors at the fields', async ({ page }, testInfo) => {
  expectProblems(/^400 POST .*\/api\/v1\/users\/$/); // the deliberate bad account, answered at its fields
  await login(page, 'demo-county-a');
  await expectLoggedIn(page);
  await page.getByRole('menuitem', { name: '用户' }).click();
  await expect(page).toHaveURL(/\/users/);
  const table = page.locator('.ant-table');
  await expect(table.getByText('demo-school-a', { exact: true })).toBeVisible();
  await expect(table.getByText('demo-school-b', { exact: true })).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'users-list');

  const username = `e2e-${Date.now().toString(36)}`;
  await page.getByRole('button', { name: /新增用户/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户名').fill(username);
  await dialog.getByLabel('姓名').fill('测试填报员');
  await dialog.getByLabel('初始密码').fill('short');
  await dialog.getByLabel('所属机构').click();
  await page.locator('.ant-select-tree').getByText('城关区（620102）').click();
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  // The server refuses the weak password; its message shows at the password field.
  await expect(dialog.locator('#password_help, .ant-form-item-explain-error').first()).toBeVisible();
  await snap(page, testInfo, 'users-create-error');

  await dialog.getByLabel('初始密码').fill('Strong@2016x');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(table.getByText(username, { exact: true })).toBeVisible();
  await snap(page, testInfo, 'users-created');
});

test('county admin adds a school with coded attributes picked by name', async ({ page }, testInfo) => {
  await login(page, 'demo-county-a');
  await expectLoggedIn(page);
  await page.getByRole('menuitem', { name: '机构' }).click();
  await page.getByRole('button', { name: /新增下级机构/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('城关区');
  await dialog.getByLabel('机构代码').fill('123');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog.getByText('学校标识码应为 10 位数字')).toBeVisible();
  await snap(page, testInfo, 'orgs-add-unit');

  const code = `11620102${50 + (Date.now() % 50)}`;
  await dialog.getByLabel('机构代码').fill(code);
  await dialog.getByLabel('机构名称').fill('城关区测试幼儿园');
  await pickOption(page, dialog.getByLabel('办学类型'), /^111 幼儿园$/, { search: '幼儿园', shown: '幼儿园' });
  await pickOption(page, dialog.getByLabel('城乡分类'), /^111 主城区$/, { search: '主城区', shown: '主城区' });
  await snap(page, testInfo, 'orgs-add-school-filled');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  const detail = page.getByTestId('org-detail');
  await expect(detail).toContainText(code);
  await expect(detail).toContainText('111 幼儿园');
  await expect(detail).toContainText('111 主城区');
  await snap(page, testInfo, 'orgs-school-created');
});
