import { type APIRequestContext } from '@playwright/test';

import { expect, expectLoggedIn, expectNoHorizontalScroll, login, PASSWORD, snap, test } from './helpers';

async function tokenFor(request: APIRequestContext, username: string): Promise<string> {
  const response = await request.post('/api/v1/auth/token/', { data: { username, password: PASSWORD } });
  expect(response.ok()).toBeTruthy();
  return ((await response.json()) as { access: string }).access;
}

/** A reviewer views one full ID number in a request of a known id: the event the auditor will find. */
async function viewFullId(request: APIRequestContext, requestId: string): Promise<void> {
  const headers = { Authorization: `Bearer ${await tokenFor(request, 'demo-school-a-reviewer')}` };
  const list = await request.get('/api/v1/teachers/?page_size=1', { headers });
  const teacher = ((await list.json()) as { results: { id: number }[] }).results[0];
  const view = await request.get(`/api/v1/teachers/${String(teacher.id)}/id-number/`, {
    headers: { ...headers, 'X-Request-ID': requestId },
  });
  expect(view.ok()).toBeTruthy();
}

test('the auditor filters the audit log, opens an event and exports the list', async ({ page, request }, testInfo) => {
  const requestId = `e2e-audit-${Date.now().toString(36)}`;
  await viewFullId(request, requestId);

  await login(page, 'demo-auditor');
  await expectLoggedIn(page);
  // 三员分立: the auditor's home is the audit log, and the menu holds nothing else.
  await expect(page).toHaveURL(/\/audit$/);
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem')).toHaveCount(1);
  await expect(menu.getByRole('menuitem', { name: '审计日志' })).toBeVisible();
  const table = page.locator('.ant-table');
  await expect(table.locator('tbody tr.ant-table-row').first()).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'audit-list');

  // Filter: the action by its name, and the request id.
  await page.getByLabel('操作', { exact: true }).click();
  await page.locator('.ant-select-dropdown').getByText('查看完整身份证件号', { exact: true }).click();
  await page.getByLabel('请求编号').fill(requestId);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  const rows = table.locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('城关区第一实验小学审核员');
  await expect(rows.first()).toContainText('查看完整身份证件号');
  await snap(page, testInfo, 'audit-filtered');

  // One event in full.
  await rows.first().getByRole('button', { name: /详\s*情/ }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText(requestId);
  await expect(drawer).toContainText('demo-school-a-reviewer');
  await expect(drawer).toContainText('teacher.id_number.view');
  await snap(page, testInfo, 'audit-event');
  await drawer.getByRole('button', { name: /close|关闭/i }).first().click();
  await expect(drawer).toBeHidden();

  // The filtered list as XLSX; the export is itself in the log.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出 Excel/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-.*\.xlsx$/);
  await page.getByRole('button', { name: /重\s*置/ }).click();
  await page.getByLabel('操作', { exact: true }).fill('导出审计');  // the list is long: search it by name
  await page.locator('.ant-select-dropdown').getByText('导出审计日志', { exact: true }).click();
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(rows.first()).toContainText('demo-auditor');
  await snap(page, testInfo, 'audit-export-logged');
});

test('an administrator of the other two does not see the audit log', async ({ page }) => {
  await login(page, 'demo-secadmin');
  await expectLoggedIn(page);
  await expect(page.getByRole('menuitem', { name: '审计日志' })).toHaveCount(0);
  await page.goto('/audit');
  await expect(page.getByText('无权访问')).toBeVisible();
});
