import { readFileSync } from 'node:fs';

import { expect, expectLoggedIn, expectNoHorizontalScroll, login, openMenuItem, snap, test } from './helpers';

/** 统计人数 (统计分析): a county administrator compares the statistics with the archives, corrects a school's figures
 * in place and downloads the comparison. */
test('a county admin sees the gap per school, edits a school’s figures and downloads the XLSX', async ({ page }, testInfo) => {
  await login(page, 'demo-county-a');
  await expectLoggedIn(page);

  await openMenuItem(page, '统计分析', '统计人数');
  await page.getByTestId('app-menu').getByText('统计人数').click();
  await expect(page).toHaveURL(/\/reports\/headcounts$/);

  const table = page.getByTestId('gap-table');
  const school = table.getByRole('row').filter({ hasText: '兰州市城关区第一实验小学' });
  await expect(school).toBeVisible();
  // Its schools, by name (no drill-down below a school), and the total of 城关区.
  await expect(table.getByRole('row').filter({ hasText: '兰州市城关区阳光幼儿园' })).toBeVisible();
  await expect(page.getByTestId('gap-total')).toContainText('合计');
  await expect(page.getByTestId('gap-total')).toContainText('%');
  await expect(page.getByTestId('gap-org-trail')).toContainText('城关区');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'headcounts-county-1366');

  // Correct the school's figures in place: 专任教师 above 教职工 is refused before sending.
  await school.getByTestId('edit-figures').click();
  await school.getByRole('spinbutton', { name: '教职工数' }).fill('120');
  await school.getByRole('spinbutton', { name: '专任教师数' }).fill('130');
  await expect(school.getByRole('alert')).toHaveText('专任教师数不能大于教职工数');
  await expect(school.getByTestId('save-figures')).toBeDisabled();
  await school.getByRole('spinbutton', { name: '专任教师数' }).fill('100');
  const saved = page.waitForResponse(
    (response) => /\/api\/v1\/headcounts\/2162010201\/\d{4}\/$/.test(response.url()) && response.request().method() === 'PUT',
  );
  await school.getByTestId('save-figures').click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByText('已保存 兰州市城关区第一实验小学 的统计数')).toBeVisible();
  // Read back: the row shows the new figures and a collection rate over 120.
  await expect(school.getByRole('cell').nth(2)).toHaveText('120');
  await expect(school.getByRole('cell').nth(6)).toHaveText('100');
  await snap(page, testInfo, 'headcounts-edited-1366');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-gap').click()]);
  expect(download.suggestedFilename()).toMatch(/城关区.*\.xlsx$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK'); // an XLSX is a zip

  // The import: the template pre-filled with the county's schools, checked (a dry run saves nothing).
  const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-template').click()]);
  const templateFile = testInfo.outputPath('template.xlsx');
  await template.saveAs(templateFile);
  await page.getByTestId('open-import').click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[type=file]').setInputFiles(templateFile);
  await dialog.getByTestId('import-check').click();
  await expect(dialog.getByTestId('import-result')).toContainText(/检查完成：共 4 行，4 行可导入，0 行有问题/);
  await snap(page, testInfo, 'headcounts-import-check');
});
