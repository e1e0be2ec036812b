import { expect, expectLoggedIn, expectNoHorizontalScroll, login, openMenuItem, snap, test } from './helpers';

/** 工作方案 and 工作小组 (统计分析): a province administrator marks its overdue milestone done and adds a member. */
test.describe.configure({ mode: 'serial' });

const OVERDUE = '完成全省学校和教师基础信息采集'; // the demo plan's milestone due 20 days ago (load_demo_workplans)

test('a province admin sees the overdue milestone flagged and marks it done', async ({ page }, testInfo) => {
  await login(page, 'demo-province');
  await expectLoggedIn(page);
  await openMenuItem(page, '统计分析', '工作方案');
  await page.getByTestId('app-menu').getByRole('menuitem', { name: '工作方案' }).click();
  await expect(page).toHaveURL(/\/reports\/work-plans$/);

  const detail = page.getByTestId('plan-detail');
  await expect(detail.getByRole('heading', { name: '甘肃省全国教师管理信息系统部署与启用工作方案' })).toBeVisible();
  await expect(page.getByTestId('plan-list')).toContainText('逾期 1');
  const row = page.getByTestId('milestone-table').getByRole('row').filter({ hasText: OVERDUE });
  const status = row.locator('[data-status]');
  await expect(status).toHaveText('已逾期');
  await expect(status).toHaveAttribute('data-status', 'overdue');
  await expect(row).toContainText('逾期 20 天');
  await expect(page.getByTestId('milestone-table').locator('[data-status="done"]')).toHaveCount(1);
  await expect(page.getByTestId('milestone-table').locator('[data-status="upcoming"]')).toHaveCount(1);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'work-plan-overdue-1366');

  const saved = page.waitForResponse((r) => /\/milestones\/\d+\/$/.test(r.url()) && r.request().method() === 'PATCH');
  await row.getByRole('button', { name: '标记完成' }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByText(`已标记完成：${OVERDUE}`)).toBeVisible();
  await expect(status).toHaveText('已完成');
  await expect(row.getByRole('button', { name: '标记完成' })).toHaveCount(0);
  await expect(page.getByTestId('plan-list')).not.toContainText('逾期');
  await snap(page, testInfo, 'work-plan-done-1366');
});

test('a province admin adds a member to its working group', async ({ page }, testInfo) => {
  await login(page, 'demo-province');
  await expectLoggedIn(page);
  await openMenuItem(page, '统计分析', '工作小组');
  await page.getByTestId('app-menu').getByRole('menuitem', { name: '工作小组' }).click();
  await expect(page).toHaveURL(/\/reports\/working-groups$/);
  const table = page.getByTestId('group-members');
  await expect(table.getByRole('row').filter({ hasText: '张敏' })).toContainText('联络员');
  await expect(table).toContainText('13909310003'); // its own organisation: the mobile in full

  await page.getByRole('button', { name: '新增成员' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('姓名').fill('刘洋');
  await dialog.getByLabel('单位').fill('甘肃省教育厅信息中心');
  await dialog.getByLabel('职务').fill('副主任');
  // The role: once more if the click fell into the dropdown's opening animation (the busy machine); the select tells.
  await expect(async () => {
    const option = page.locator('.ant-select-dropdown:visible').getByText('技术负责人', { exact: true });
    if (!(await option.isVisible())) await dialog.locator('.ant-select').click();
    await option.click({ timeout: 2_000 });
    await expect(dialog.locator('.ant-select')).toContainText('技术负责人', { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await dialog.getByLabel('办公电话').fill('0931-8882 6005');
  await dialog.getByLabel('手机').fill('1390931');
  await dialog.getByLabel('电子邮箱').fill('liuyang@');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog.getByText('手机号码为以 1 开头的 11 位数字')).toBeVisible();
  await expect(dialog.getByText('电子邮箱格式不正确')).toBeVisible();
  await dialog.getByLabel('手机').fill('13909310005');
  await dialog.getByLabel('电子邮箱').fill('liuyang@example.cn');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/working-groups/') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  expect((await created).status()).toBe(201);
  await expect(dialog).toBeHidden();
  const added = table.getByRole('row').filter({ hasText: '刘洋' });
  await expect(added).toContainText('技术负责人');
  await expect(added).toContainText('13909310005');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'working-group-1366');
});

test('the Ministry reads a province group with mobiles masked and cannot change it', async ({ page }, testInfo) => {
  await login(page, 'demo-central');
  await expectLoggedIn(page);
  await page.goto('/reports/working-groups');
  await page.getByTestId('group-org').click();
  await page.locator('.ant-select-dropdown:visible').getByText(/^甘肃省 ·/).click();
  const table = page.getByTestId('group-members');
  await expect(table.getByRole('row').filter({ hasText: '张敏' })).toContainText('13*******03');
  await expect(page.getByText('这是甘肃省的工作小组，您只能查看。')).toBeVisible();
  await expect(page.getByRole('button', { name: '新增成员' })).toHaveCount(0);
  await snap(page, testInfo, 'working-group-ministry-1366');
});
