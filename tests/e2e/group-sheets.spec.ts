import { readFile } from 'node:fs/promises';

import { expect, expectLoggedIn, login, snap, test } from './helpers';

/**
 * The whole archive out and in (issue 19): a school filler exports the school's archives with every group
 * (学习经历, 年度考核 … one sheet each), then checks that workbook as an import — a dry run, group records set to
 * replace. The demo archives are approved, so their group rows would become change requests (warnings), and the
 * problems list says which sheet each problem is on. Nothing is written (dry run), so the shared demo data stays.
 */
test('a school exports its whole archive and checks it as a group-sheet import', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await page.getByRole('menuitem', { name: '教师信息采集' }).click();
  await expect(page.getByTestId('teachers-table').locator('tbody tr.ant-table-row').first()).toBeVisible();

  await page.getByTestId('export-button').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('export-groups').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '全部信息集' }).click();
  await page.keyboard.press('Escape');
  await expect(dialog.getByTestId('export-groups')).toContainText('全部信息集');
  await snap(page, testInfo, 'export-with-groups');
  await dialog.getByTestId('export-start').click();
  const ready = dialog.getByTestId('export-download');
  await expect(ready).toBeVisible({ timeout: 60_000 });
  const downloading = page.waitForEvent('download');
  await ready.click();
  const exported = await downloading;
  expect(exported.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = await readFile(await exported.path());
  expect(workbook.subarray(0, 2).toString()).toBe('PK');
  await dialog.getByRole('button', { name: '关闭' }).click();

  await page.getByRole('menuitem', { name: '批量导入' }).click();
  await expect(page).toHaveURL(/\/teachers\/import$/);
  await page.locator('input[type="file"]').setInputFiles({
    name: '全校档案.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: workbook,
  });
  await page.getByRole('switch', { name: '仅校验（不写入）' }).click();
  await page.getByTestId('import-mode').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '新增并更新' }).click();
  await page.getByTestId('import-group-mode').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '替换' }).click();
  await expect(page.getByTestId('import-group-mode')).toContainText('替换');
  await snap(page, testInfo, 'import-group-mode');
  await page.getByRole('button', { name: /开始校验/ }).click();

  const job = page.getByTestId('import-job');
  await expect(job.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100', { timeout: 90_000 });
  await expect(job.getByTestId('import-state')).toContainText('已完成');
  // Its own export's columns (全国教师编号, 信息状态) are known: no mapping step is asked for.
  await expect(job).not.toContainText('无法识别');
  const problems = job.getByTestId('import-problems');
  // Exported without full ID numbers: each basic row is refused on 身份证件号, saying why.
  await expect(problems.getByTestId('problems-table')).toContainText('该证件号已脱敏');
  await problems.getByRole('tab', { name: /警告/ }).click();
  const table = problems.getByTestId('problems-table');
  await expect(table.locator('thead')).toContainText('工作表');
  // An approved archive's records would wait for review as a change request: said on the group sheet's rows.
  await expect(table).toContainText('变更申请');
  await snap(page, testInfo, 'import-group-problems');
});
