import { expect, expectLoggedIn, login, snap, test } from './helpers';
import { idCheckCharacter } from './archives';

const SCHOOL = '2162010201';

/**
 * A school's own CSV, not the template: a title line above the headers, 身份证号码 for 身份证件号, 出生年月日 for
 * 出生日期, and a header nobody knows (老师名) where 姓名 should be. Random birth dates keep a second run's ID
 * numbers new.
 */
function schoolCsv(rows: number): { csv: string; names: string[] } {
  const start = Date.UTC(1970, 0, 1) + Math.floor(Math.random() * 9000) * 86_400_000;
  const lines = ['城关区第一实验小学 2026 年教师名单,,,,,,,,', '学校代码,老师名,性别,国籍,证件类型,身份证号码,出生年月日,民族,政治面貌'];
  const names: string[] = [];
  for (let row = 1; row <= rows; row += 1) {
    const birth = new Date(start + row * 86_400_000).toISOString().slice(0, 10);
    const first17 = `620102${birth.replaceAll('-', '')}97${row % 2 === 1 ? '1' : '2'}`;
    const name = `对应测试${String(Math.floor(Math.random() * 9000) + 1000)}${String(row)}`;
    names.push(name);
    const [year, month, day] = birth.split('-');
    const spelled = `${year ?? ''}年${String(Number(month))}月${String(Number(day))}日`;
    lines.push([SCHOOL, name, row % 2 === 1 ? '男' : '女', '中国', '二代身份证', first17 + idCheckCharacter(first17), spelled, '汉', '群众'].join(','));
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, names };
}

test('a sheet with an unknown header asks for the mapping step, then imports with it', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await page.getByRole('menuitem', { name: '批量导入' }).click();
  await expect(page).toHaveURL(/\/teachers\/import$/);

  const { csv, names } = schoolCsv(3);
  await page.locator('input[type="file"]').setInputFiles({ name: '学校名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByRole('button', { name: /开始导入/ }).click();
  await expect(page).toHaveURL(/\/teachers\/import\?job=\d+$/);
  const firstUrl = page.url();

  // Nothing was read: 姓名 is missing; the known variants were recognised, the unknown header waits for a choice.
  const job = page.getByTestId('import-job');
  await expect(job.getByTestId('import-result')).toContainText('请先对应文件的列', { timeout: 30_000 });
  const mapping = job.getByTestId('import-mapping');
  await expect(mapping).toContainText('文件中找不到这些必需的列：姓名');
  await expect(mapping.getByRole('row', { name: /身份证号码/ })).toContainText('常用别名');
  await expect(mapping.getByRole('row', { name: /出生年月日/ })).toContainText('出生日期');
  await expect(mapping.getByTestId('mapping-problem')).toContainText('还缺少必需的列：姓名');
  await expect(mapping.getByTestId('mapping-import')).toBeDisabled();
  await snap(page, testInfo, 'mapping-step');

  // 老师名 → 姓名, then import the same file with the mapping.
  await mapping.getByTestId('mapping-1').click();
  await page.keyboard.type('姓名');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^姓名 \*$/ }).click();
  await expect(mapping.getByTestId('mapping-problem')).toHaveCount(0);
  await mapping.getByTestId('mapping-import').click();

  await expect.poll(() => page.url()).not.toBe(firstUrl);
  const result = page.getByTestId('import-job').getByTestId('import-result');
  await expect(result).toContainText('导入完成，3 位教师已保存为草稿', { timeout: 30_000 });
  await expect(page.getByTestId('import-absent')).toContainText('行导入后仍不完整');
  await expect(page.getByTestId('import-mapping')).toHaveCount(0);
  await snap(page, testInfo, 'mapping-imported');

  // The teachers are in the list by the names the unknown column held.
  await page.goto(`/teachers?q=${encodeURIComponent(names[0] ?? '')}`);
  await expect(page.getByText(names[0] ?? '', { exact: true }).first()).toBeVisible();
});
