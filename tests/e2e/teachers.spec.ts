import { expect, test, type Page } from '@playwright/test';

import { expectLoggedIn, expectNoHorizontalScroll, login, snap } from './helpers';

/** GB 11643 check character: ISO 7064 MOD 11-2 over the first 17 digits. */
function idCheckCharacter(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, index) => total + Number(digit) * (weights[index] ?? 0), 0);
  return '10X98765432'.charAt(sum % 11);
}

/** Picks an option of the antd Select inside the form item `testId`. */
async function choose(page: Page, testId: string, option: string | RegExp): Promise<void> {
  await page.getByTestId(testId).locator('.ant-select').click();
  await page.locator('.ant-select-dropdown:visible').getByText(option).first().click();
}

test('a school filler adds a teacher: checksum error at the field, then a national number, then found by pinyin', async ({
  page,
}, testInfo) => {
  const first17 = '62010219850312003';
  const validId = first17 + idCheckCharacter(first17);
  const wrongId = first17 + (validId.endsWith('1') ? '2' : '1');

  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await page.getByRole('menuitem', { name: '教师信息采集' }).click();
  await expect(page).toHaveURL(/\/teachers$/);
  await expect(page.getByRole('heading', { name: '教师信息采集' }).or(page.getByText('教师信息采集').first())).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'teachers-list-empty');

  await page.getByRole('button', { name: /新增教师/ }).click();
  await expect(page).toHaveURL(/\/teachers\/new$/);
  // The filler's own school is preselected and the form follows its catalogue.
  await expect(page.getByTestId('field-name')).toBeVisible();
  await page.getByTestId('field-name').getByRole('textbox').fill('张伟');
  await choose(page, 'field-gender', /男/);
  await expect(page.getByTestId('field-nationality')).toContainText('中国');
  await choose(page, 'field-id_type', /居民身份证/);
  await page.getByTestId('field-id_number').getByRole('textbox').fill(wrongId);
  const birthDate = page.getByTestId('field-birth_date').locator('input');
  await birthDate.click();
  await birthDate.fill('1985-03-12');
  await birthDate.press('Enter');
  await expect(birthDate).toHaveValue('1985-03-12');
  await snap(page, testInfo, 'teacher-new-filled');

  await page.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByTestId('field-id_number')).toContainText('校验码');
  await expect(page.locator('.ant-alert-error')).toBeVisible();
  await expect(page).toHaveURL(/\/teachers\/new$/);
  await snap(page, testInfo, 'teacher-new-checksum-error');

  await page.getByTestId('field-id_number').getByRole('textbox').fill(validId);
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/teachers\/\d+$/);
  await expect(page.getByTestId('teacher-name')).toHaveText('张伟');
  await expect(page.getByTestId('teacher-no')).toHaveText(/^\d{2}\d{4}\d{9}[\dX]$/);
  await expect(page.getByTestId('record-state')).toContainText('草稿');
  await expect(page.getByTestId('id-number')).not.toContainText(validId);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'teacher-archive');

  // The full ID number is shown on request (teachers.view_id).
  await page.getByRole('button', { name: /显示完整证件号/ }).click();
  await expect(page.getByTestId('id-number')).toContainText(validId);

  await page.getByRole('button', { name: /返回列表/ }).click();
  await expect(page).toHaveURL(/\/teachers$/);
  const search = page.getByRole('searchbox', { name: '搜索' }).or(page.getByPlaceholder('姓名、拼音或证件号'));
  await search.first().fill('zw');
  await search.first().press('Enter');
  const table = page.getByTestId('teachers-table');
  await expect(table.getByRole('link', { name: '张伟' })).toBeVisible();
  await expect(table).toContainText('草稿');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'teachers-list-search');
});
