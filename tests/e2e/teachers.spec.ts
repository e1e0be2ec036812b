import { type Page } from '@playwright/test';

import { expect, expectLoggedIn, expectNoHorizontalScroll, expectProblems, login, snap, test } from './helpers';
import { idCheckCharacter } from './archives';

/** Picks an option of the antd Select inside the form item `testId`, typing `search` first (long code lists). */
async function choose(page: Page, testId: string, option: string | RegExp, search?: string): Promise<void> {
  const select = page.getByTestId(testId).locator('.ant-select');
  // The list re-renders while it filters and scrolls to the current value: retry until the choice shows.
  await expect(async () => {
    if (!(await select.evaluate((element) => element.classList.contains('ant-select-open')))) await select.click();
    if (search) await select.locator('input').fill(search);
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option });
    await item.first().click({ timeout: 2_000 });
    await expect(select).toContainText(option, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/** Types a `YYYY-MM` value into the month picker inside the form item `testId` (Tab commits it; Enter would
 * submit the form). */
async function pickMonth(page: Page, testId: string, month: string): Promise<void> {
  const input = page.getByTestId(testId).locator('input');
  await input.click();
  await input.fill(month);
  await input.press('Tab');
  await expect(input).toHaveValue(month);
}

/**
 * Fills the 学习经历 modal. The demo province publishes no optional indicators, so a primary school's study
 * history has the national core ones: 获得学历 and 学位层次 (both coded, picked by name).
 */
async function fillStudy(page: Page, education: string, degreeLevel: string): Promise<void> {
  await choose(page, 'record-study_education', new RegExp(`^${education}$`), education);
  await choose(page, 'record-study_degree_level', new RegExp(`^${degreeLevel}$`));
}

/** Saves the open record modal and waits for it to close. */
async function saveModal(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
}

test('a school filler adds a teacher: checksum error, national number, study-history rows, found by pinyin and name, deleted', async ({
  page,
}, testInfo) => {
  // The longest flow of the suite: 60-88 s on a quiet 2-core machine since issue 12 (lazy pages, ETags), over the
  // 60 s default; why it got slower is not yet known (see the issue 12 closing note).
  test.slow();
  // The deliberate bad check digit is a 400. Known leftover: after the draft is deleted, the archive page still
  // refetches it once before the list replaces it (a 404 for an archive that is gone).
  expectProblems(/^400 POST .*\/api\/v1\/teachers\/$/, /^404 GET .*\/api\/v1\/teachers\/\d+\/$/);
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
  const teacherNo = (await page.getByTestId('teacher-no').textContent()) ?? '';
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'teacher-archive');

  // The full ID number is shown on request (teachers.view_id).
  await page.getByRole('button', { name: /显示完整证件号/ }).click();
  await expect(page.getByTestId('id-number')).toContainText(validId);

  // One tab per indicator group; 学习经历 holds a table of records, empty so far.
  await expect(page.getByTestId('teacher-photo')).toBeVisible();
  await expect(page.getByRole('button', { name: /删除档案/ })).toBeVisible();
  await page.getByRole('tab', { name: '学习经历' }).click();
  await expect(page).toHaveURL(/[?&]tab=study\b/);
  const records = page.getByTestId('records-table-study');
  await expect(records).toContainText('还没有学习经历记录');

  // Two rows through the modal: code names in the table, not the codes.
  await page.getByRole('button', { name: /新\s*增/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('新增学习经历');
  await expect(dialog.getByTestId('record-study_education').locator('.ant-form-item-required')).toHaveCount(1);
  await fillStudy(page, '大学本科毕业', '学士');
  await snap(page, testInfo, 'study-modal-filled');
  await saveModal(page);
  const rows = records.locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('大学本科毕业');
  await expect(rows.first()).toContainText('学士');

  await page.getByRole('button', { name: /新\s*增/ }).click();
  await fillStudy(page, '硕士研究生毕业', '硕士');
  await saveModal(page);
  await expect(rows).toHaveCount(2);
  await expect(records).toContainText('硕士研究生毕业');
  await expect(records).not.toContainText(/\b(21|14)\b/);
  await expect(page.getByTestId('group-records-study')).toContainText('共 2 条');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'study-two-rows');

  // Edit the second row: the modal opens with its values.
  await rows.filter({ hasText: '硕士研究生毕业' }).getByRole('button', { name: /编\s*辑/ }).click();
  await expect(dialog).toContainText('编辑学习经历');
  await expect(dialog.getByTestId('record-study_education')).toContainText('硕士研究生毕业');
  await fillStudy(page, '博士研究生毕业', '博士');
  await saveModal(page);
  await expect(rows).toHaveCount(2);
  await expect(records).toContainText('博士研究生毕业');
  await expect(records).not.toContainText('硕士研究生毕业');

  // A third row, deleted again below (after a confirmation).
  await page.getByRole('button', { name: /新\s*增/ }).click();
  await fillStudy(page, '普通高中毕业', '无');
  await saveModal(page);
  await expect(rows).toHaveCount(3);

  // Unsaved changes of the basic form survive a visit to another tab and a record write there (which moves
  // the archive's version on): they save afterwards without a conflict.
  await page.getByRole('tab', { name: '基本信息' }).click();
  await expect(page).toHaveURL(/[?&]tab=basic\b/);
  await pickMonth(page, 'field-work_start_month', '2007-08');
  await page.getByRole('tab', { name: '学习经历' }).click();
  await expect(page.getByTestId('tab-basic').locator('.ant-badge')).toBeVisible();
  await rows.filter({ hasText: '普通高中毕业' }).getByRole('button', { name: /删\s*除/ }).click();
  const confirm = page.locator('.ant-popover:visible');
  await expect(confirm).toContainText('删除这条学习经历记录？');
  await snap(page, testInfo, 'study-delete-confirm');
  await confirm.getByRole('button', { name: /删\s*除/ }).click();
  await expect(rows).toHaveCount(2);
  await expect(records).not.toContainText('普通高中毕业');
  await page.getByRole('tab', { name: '基本信息' }).click();
  await expect(page.getByTestId('field-work_start_month').locator('input')).toHaveValue('2007-08');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText(/已保存/).first()).toBeVisible();
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);
  await expect(page.getByTestId('tab-basic').locator('.ant-badge')).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'teacher-archive-basic-tab');

  // A reload keeps the tab, the rows and the saved form.
  await page.getByRole('tab', { name: '学习经历' }).click();
  await page.reload();
  await expect(page.getByRole('tab', { name: '学习经历', selected: true })).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(records).toContainText('大学本科毕业');
  await expect(records).toContainText('博士研究生毕业');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'study-after-reload');
  await page.getByRole('tab', { name: '基本信息' }).click();
  await expect(page.getByTestId('field-work_start_month').locator('input')).toHaveValue('2007-08');

  await page.getByRole('button', { name: /返回列表/ }).click();
  await expect(page).toHaveURL(/\/teachers$/);
  const search = page.getByRole('searchbox', { name: '搜索' }).or(page.getByPlaceholder('姓名、拼音或证件号'));
  await search.first().fill('zw');
  await search.first().press('Enter');
  const table = page.getByTestId('teachers-table');
  await expect(table.getByRole('link', { name: '张伟' })).toBeVisible();
  await expect(table).toContainText('草稿');
  // And by the name itself: the row with the new national number.
  await search.first().fill('张伟');
  await search.first().press('Enter');
  const found = table.locator('tbody tr.ant-table-row').filter({ hasText: teacherNo });
  await expect(found).toContainText('张伟');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'teachers-list-search');

  // A draft that was never approved can be deleted, after a confirmation; the list no longer has it.
  await found.getByRole('link', { name: '张伟' }).click();
  await expect(page.getByTestId('teacher-no')).toHaveText(teacherNo);
  await page.getByRole('button', { name: /删除档案/ }).click();
  const deleteConfirm = page.locator('.ant-popover:visible');
  await expect(deleteConfirm).toContainText('删除这份草稿档案？');
  await snap(page, testInfo, 'teacher-delete-confirm');
  await deleteConfirm.getByRole('button', { name: /删\s*除/ }).click();
  await expect(page).toHaveURL(/\/teachers$/);
  await search.first().fill('张伟');
  await search.first().press('Enter');
  // Once the search applies, every row left is a 张伟 (the demo data may have others), none with the number.
  await expect(table.locator('tbody tr.ant-table-row').filter({ hasNotText: '张伟' })).toHaveCount(0);
  await expect(table).not.toContainText(teacherNo);
});
