import { readFile } from 'node:fs/promises';

import { type Locator, type Page, type TestInfo } from '@playwright/test';

import { expect, expectLoggedIn, expectNoHorizontalScroll, login, snap, test } from './helpers';
import { idCheckCharacter } from './archives';

const SCHOOL = '2162010201';
const ROWS = 300;
const HEADERS = ['学校代码', '姓名', '性别', '国籍/地区', '身份证件类型', '身份证件号', '出生日期', '民族', '政治面貌'];

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** The bad rows (data row numbers, 1-based) and what is wrong with each. */
const BAD = new Map<number, 'check' | 'date' | 'gender' | 'formula'>([
  [23, 'check'],
  [57, 'date'],
  [101, 'gender'],
  [150, 'formula'],
  [188, 'check'],
  [240, 'date'],
  [299, 'gender'],
]);

/**
 * A UTF-8 CSV (with BOM) of ROWS teachers of the demo school: valid resident ID numbers (region 620102, a birth
 * date unique per row, sequence odd for men and even for women, MOD 11-2 check character) and the BAD rows. The
 * birth dates start at a random day and the sequences use a random 9x range, so a second run against the same
 * database does not meet the first run's ID numbers (or the demo teachers', whose sequences stay below 900).
 */
function teachersCsv(): string {
  const start = Date.UTC(1966, 0, 1) + Math.floor(Math.random() * 9000) * 86_400_000;
  const tens = Math.floor(Math.random() * 10);
  const lines = [HEADERS.join(',')];
  for (let row = 1; row <= ROWS; row += 1) {
    const birth = new Date(start + row * 86_400_000);
    const male = row % 2 === 1;
    const first17 = `620102${isoDate(birth).replaceAll('-', '')}9${String(tens)}${male ? '1' : '2'}`;
    let id = first17 + idCheckCharacter(first17);
    let birthDate = isoDate(birth);
    let gender = male ? '男' : '女';
    let name = `测试教师${String(row).padStart(4, '0')}`;
    const bad = BAD.get(row);
    if (bad === 'check') id = first17 + (idCheckCharacter(first17) === '1' ? '2' : '1');
    if (bad === 'date') birthDate = '1985-02-30';
    if (bad === 'gender') gender = '男女';
    if (bad === 'formula') name = `=${name}`;
    lines.push([SCHOOL, name, gender, '中国', '居民身份证', id, birthDate, '汉族', '群众'].join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The texts of one column of an antd table's body rows. */
async function columnTexts(table: Locator, index: number): Promise<string[]> {
  return table.locator('tbody tr.ant-table-row').evaluateAll(
    (rows, column) => rows.map((row) => row.querySelectorAll('td')[column]?.textContent?.trim() ?? ''),
    index,
  );
}

/** A screenshot of the viewport only (a dialog over a long list is lost in a full-page one). */
async function snapView(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), animations: 'disabled' });
}

async function openImportPage(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '批量导入' }).click();
  await expect(page).toHaveURL(/\/teachers\/import$/);
  await expect(page.getByText('第一步：下载模板')).toBeVisible();
}

test('a school filler imports 300 teachers (7 bad rows), reads the problems and the report, then exports the list as CSV', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await openImportPage(page);
  await expect(page.getByRole('menuitem', { name: '批量导入' })).toHaveClass(/ant-menu-item-selected/);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'import-page');

  // Step 1: the template of the user's own school, downloaded with the bearer token.
  const templateDownload = page.waitForEvent('download');
  await page.getByTestId('download-template').click();
  const template = await templateDownload;
  expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
  expect((await readFile(await template.path())).subarray(0, 2).toString()).toBe('PK');

  // A file of another kind is refused before any upload, saying what to do.
  const fileInput = page.locator('input[type="file"]');
  await fileInput.setInputFiles({ name: '教师名单.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from('old') });
  await expect(page.getByTestId('import-file-problem')).toContainText('另存为 .xlsx');
  await expect(page.getByRole('button', { name: /开始导入/ })).toBeDisabled();
  await snap(page, testInfo, 'import-wrong-type');

  // Step 2: the CSV, with the default options (write, not strict, 只新增).
  await fileInput.setInputFiles({ name: '教师导入测试.csv', mimeType: 'text/csv', buffer: Buffer.from(teachersCsv(), 'utf8') });
  await expect(page.getByTestId('import-file-problem')).toHaveCount(0);
  await expect(page.locator('.ant-upload-list')).toContainText('已选择：教师导入测试.csv');
  await expect(page.getByRole('switch', { name: '仅校验（不写入）' })).not.toBeChecked();
  await expect(page.getByRole('switch', { name: '严格模式' })).not.toBeChecked();
  await expect(page.getByTestId('import-mode')).toContainText('只新增');
  await snap(page, testInfo, 'import-file-chosen');

  await page.getByRole('button', { name: /开始导入/ }).click();
  await expect(page).toHaveURL(/\/teachers\/import\?job=\d+$/);
  const job = page.getByTestId('import-job');
  await expect(job).toBeVisible();
  await expect(job.getByTestId('import-file-name')).toHaveText('教师导入测试.csv');
  await snap(page, testInfo, 'import-progress');

  // The progress bar (polled every 700 ms) reaches 100 %, then the summary shows.
  const progress = job.getByRole('progressbar');
  await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 90_000 });
  await expect(job).toContainText('100.0%');
  const result = job.getByTestId('import-result');
  await expect(result).toContainText('导入完成，7 行未导入');
  await expect(job.getByTestId('count-total')).toContainText('300');
  await expect(job.getByTestId('count-read')).toContainText('300');
  await expect(job.getByTestId('count-valid')).toContainText('293');
  await expect(job.getByTestId('count-written')).toContainText('293');
  await expect(job.getByTestId('count-failed')).toContainText('7');
  await expect(job.getByTestId('import-state')).toContainText('已完成');
  await expect(job.getByTestId('import-elapsed')).toContainText(/用时 \d\d:\d\d/);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'import-summary');

  // The error tab lists exactly the seven bad rows (sheet rows: the header is row 1).
  const problems = job.getByTestId('import-problems');
  await expect(problems.getByRole('tab', { name: /错误 · 7 行/ })).toHaveAttribute('aria-selected', 'true');
  const table = problems.getByTestId('problems-table');
  await expect(table.locator('tbody tr.ant-table-row').first()).toBeVisible();
  const rowNumbers = [...new Set(await columnTexts(table, 0))].map(Number);
  expect(rowNumbers).toEqual([...BAD.keys()].map((row) => row + 1).sort((a, b) => a - b));
  await expect(table).toContainText('1985-02-30');
  await expect(table).toContainText('男女');
  await expect(table).toContainText('=测试教师0150');
  await expect(problems.getByRole('button', { name: /加载更多/ })).toHaveCount(0);
  await problems.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'import-errors');

  // The columns the plain sheet lacks are said once each, above the problems — not once per row as warnings.
  const absent = job.getByTestId('import-absent');
  await expect(absent).toContainText('文件中缺少');
  await expect(absent).toContainText('293 行导入后仍不完整');
  await absent.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'import-absent-columns');

  // The report workbook.
  const reportDownload = page.waitForEvent('download');
  await job.getByTestId('download-report').click();
  const report = await reportDownload;
  expect(report.suggestedFilename()).toMatch(/^导入结果-\d+\.xlsx$/);
  expect((await readFile(await report.path())).subarray(0, 2).toString()).toBe('PK');

  // The job heads the user's recent imports; a reload finds it again through the address.
  const history = page.getByTestId('import-history');
  const first = history.locator('tbody tr.ant-table-row').first();
  await expect(first).toContainText('教师导入测试.csv');
  await expect(first).toContainText('已完成');
  await expect(first).toContainText('写入 293 · 更新 0 · 失败 7');
  await page.reload();
  await expect(page.getByTestId('import-result')).toContainText('7 行未导入');
  await history.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'import-history');

  // The same page in English (every string has its translation), then back to Chinese.
  await page.getByTestId('language-switch').getByText('English').click();
  await expect(page.getByTestId('import-result')).toContainText('7 rows were not imported');
  await expect(page.getByText('Step 1: download the template')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'import-summary-en');
  await page.getByTestId('language-switch').getByText('中文').click();
  await expect(page.getByText('第一步：下载模板')).toBeVisible();

  // Export: the teacher list filtered to the imported teachers, as CSV.
  await page.getByRole('menuitem', { name: '教师信息采集' }).click();
  await expect(page).toHaveURL(/\/teachers$/);
  const search = page.getByPlaceholder('姓名、拼音或证件号');
  await search.fill('测试教师');
  await search.press('Enter');
  const teachers = page.getByTestId('teachers-table');
  await expect(teachers.locator('tbody tr.ant-table-row').filter({ hasNotText: '测试教师' })).toHaveCount(0);
  await expect(teachers).toContainText('测试教师0001');
  await page.getByTestId('export-button').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('导出教师信息');
  await expect(dialog.getByTestId('export-filters')).toContainText('姓名/拼音：测试教师');
  await expect(dialog.getByTestId('export-all-columns')).toBeChecked();
  const columns = dialog.getByTestId('export-columns').getByRole('checkbox');
  expect(await columns.count()).toBeGreaterThan(5);
  await expect(columns.first()).toBeChecked();
  await expect(dialog.getByTestId('export-full-id')).toBeVisible();
  await expect(dialog).toContainText('记入访问日志');
  await dialog.getByRole('radio', { name: 'CSV（UTF-8）' }).check();
  await expectNoHorizontalScroll(page);
  await snapView(page, testInfo, 'export-dialog');

  await dialog.getByTestId('export-start').click();
  const download = dialog.getByTestId('export-download');
  await expect(download).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByTestId('export-ready')).toContainText('共 293 行');
  await expect(dialog.getByTestId('export-ready')).toContainText('文件只能下载一次');
  await expect(dialog.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await snapView(page, testInfo, 'export-ready');

  const exportDownload = page.waitForEvent('download');
  await download.click();
  const exported = await exportDownload;
  expect(exported.suggestedFilename()).toMatch(/^教师信息导出-\d+\.csv$/);
  const csv = (await readFile(await exported.path())).toString('utf8');
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  expect(lines).toHaveLength(294);
  expect(csv).toContain('测试教师0001');
  // Downloaded once: the dialog says the file is gone from the server.
  await expect(dialog.getByTestId('export-downloaded')).toBeVisible();
  await expect(dialog.getByTestId('export-download')).toHaveCount(0);
  await snapView(page, testInfo, 'export-downloaded');

  // Another export, left unfetched when the dialog closes: the header's jobs indicator hands it over later.
  await dialog.getByRole('button', { name: /重新导出/ }).click();
  await dialog.getByTestId('export-start').click();
  await expect(dialog.getByTestId('export-download')).toBeVisible({ timeout: 60_000 });
  await dialog.getByRole('button', { name: '关闭' }).click();
  await expect(dialog).toBeHidden();
  await page.getByTestId('jobs-indicator').click();
  const jobsPanel = page.getByTestId('jobs-panel');
  const jobItems = jobsPanel.getByTestId('job-item');
  await expect(jobItems.first()).toHaveAttribute('data-kind', 'export');
  await expect(jobItems.first().getByTestId('job-state')).toHaveText('已完成');
  await expect(jobItems.first()).toContainText('共 293 行');
  await expect(jobItems.nth(1)).toHaveAttribute('data-kind', 'export');
  await expect(jobItems.nth(1).getByTestId('job-state')).toHaveText('已下载');
  await expect(jobItems.nth(1).getByTestId('job-download')).toHaveCount(0);
  const importItem = jobsPanel.locator('[data-kind="import"]').first();
  await expect(importItem).toContainText('导入：教师导入测试.csv');
  await expect(importItem).toContainText('写入 293 · 更新 0 · 失败 7');
  await expect(page.getByTestId('jobs-count')).not.toContainText(/[1-9]/);  // nothing running: no count
  await snapView(page, testInfo, 'jobs-panel');
  const later = page.waitForEvent('download');
  await jobItems.first().getByTestId('job-download').click();
  expect((await later).suggestedFilename()).toMatch(/^教师信息导出-\d+\.csv$/);
  await expect(jobItems.first().getByTestId('job-state')).toHaveText('已下载');
  await expect(jobItems.first().getByTestId('job-download')).toHaveCount(0);
  // The import's entry opens its result page.
  await importItem.getByTestId('job-open').click();
  await expect(page).toHaveURL(/\/teachers\/import\?job=\d+$/);
  await expect(page.getByTestId('import-result')).toContainText('7 行未导入');
});
