import { type Page } from '@playwright/test';

import { uniqueTeacherName } from './archives';
import { expect, expectLoggedIn, expectNoHorizontalScroll, login, snap, test } from './helpers';
import { approve, approvedArchive, logout, masked, pickDate, SCHOOL_B_NAME } from './teacher-changes';

// Issue 15, 教师变动: the receiving school applies for a transfer with the teacher's ID document (masked look-up),
// both sides review it through the queue, and each side's list shows it; an archive's own school lends a teacher out.

/** Resizes the window and waits until the layout has followed (the menu folds away below 768 px). */
async function resize(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
  await expect(async () => expectNoHorizontalScroll(page)).toPass({ timeout: 10_000 });
}

/** A row (table) or card (phone) of a change list holding `text`. */
function changeRow(page: Page, text: string) {
  return page.locator('[data-testid^="changes-table"] .ant-table-row, [data-testid^="changes-table"] .ant-list-item').filter({ hasText: text });
}

test('a transfer: the receiving school applies by ID document, both sides see it and the queue describes it', async ({ page, request }, testInfo) => {
  test.setTimeout(240_000);
  const name = uniqueTeacherName('司马');
  const teacher = await approvedArchive(request, name);

  // The receiving school's filler runs the wizard; the look-up answers the masked name only.
  await resize(page, 1440);
  await login(page, 'demo-school-b');
  await expectLoggedIn(page);
  await page.getByRole('menuitem', { name: /调动申请/ }).click();
  await expect(page).toHaveURL(/\/changes\/transfer$/);
  await expect(page.getByTestId('lookup-id-type')).toContainText('居民身份证');
  await page.getByTestId('lookup-id-number').fill(teacher.idNumber);
  await page.getByTestId('lookup-run').click();
  await expect(page.getByTestId('lookup-name')).toHaveText(masked(name));
  await expect(page.getByTestId('lookup-teacher-no')).toHaveText(teacher.teacherNo);
  await expect(page.getByTestId('lookup-result')).toContainText('甘肃省');
  await expect(page.getByTestId('lookup-result')).toContainText('城关区');
  await expect(page.getByText(name)).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'transfer-lookup-1440');

  await page.getByTestId('transfer-next').click();
  await expect(page.getByTestId('transfer-to-school')).toContainText(SCHOOL_B_NAME); // the user's own school
  await pickDate(page, 'transfer-effective-date', '2026-09-01');
  await page.getByTestId('transfer-reason').fill('工作需要，调入本校任教');
  await snap(page, testInfo, 'transfer-details-1440');
  await page.getByTestId('transfer-next').click();
  await expect(page.getByTestId('transfer-confirm')).toContainText(SCHOOL_B_NAME);
  await expect(page.getByTestId('transfer-confirm')).toContainText('2026-09-01');
  await resize(page, 390);
  await snap(page, testInfo, 'transfer-confirm-390');
  await resize(page, 1440);
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/changes/') && r.request().method() === 'POST');
  await page.getByTestId('transfer-submit').click();
  const change = (await (await created).json()) as { id: number; submission: number; name: string };
  expect(change.name).toBe(masked(name));
  // The receiving school reviews first.
  await expect(page.getByTestId('transfer-next-org')).toContainText(SCHOOL_B_NAME);
  await snap(page, testInfo, 'transfer-done-1440');

  // 待调入 of the receiving school: the masked name, who decides now.
  await page.getByTestId('transfer-to-list').click();
  await expect(page).toHaveURL(/\/changes\?tab=in$/);
  const incoming = changeRow(page, teacher.teacherNo);
  await expect(incoming).toHaveCount(1);
  await expect(incoming).toContainText(masked(name));
  await expect(incoming).toContainText('调动');
  await expect(incoming).toContainText('审核中');
  await expect(incoming).toContainText(SCHOOL_B_NAME);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'changes-in-1440');
  await resize(page, 390);
  await expect(page.getByTestId('changes-table-cards')).toBeVisible();
  await expect(changeRow(page, teacher.teacherNo)).toContainText(masked(name));
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'changes-in-390');
  await resize(page, 1440);
  await logout(page);

  // The receiving school's reviewer: the queue's drawer describes the transfer and offers no archive.
  await login(page, 'demo-school-b-reviewer');
  await expectLoggedIn(page);
  await page.getByRole('menuitem', { name: /信息审核/ }).click();
  const row = page.locator(`[data-testid="review-queue"] tr[data-row-key="${String(change.submission)}"]`);
  await expect(async () => {
    if ((await row.count()) === 0) {
      const more = page.getByRole('button', { name: '加载更多' });
      if (await more.isVisible()) await more.click();
    }
    await expect(row).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText('调动');
  await row.getByTestId('queue-open').click();
  const summary = page.getByTestId('change-summary');
  await expect(summary).toContainText('调动');
  await expect(summary).toContainText(masked(name));
  await expect(summary).toContainText(teacher.teacherNo);
  await expect(page.getByTestId('change-to')).toContainText(SCHOOL_B_NAME);
  await expect(summary).toContainText('2026-09-01');
  await expect(summary).toContainText('工作需要');
  await expect(page.getByTestId('review-open-archive')).toHaveCount(0);
  await expect(page.getByTestId('review-detail').getByRole('link')).toHaveCount(0);
  await snap(page, testInfo, 'review-transfer-drawer-1440');
  await resize(page, 390);
  await snap(page, testInfo, 'review-transfer-drawer-390');
  await resize(page, 1440);
  const decided = page.waitForResponse((r) => r.url().endsWith(`/reviews/${String(change.submission)}/approve/`));
  await page.getByTestId('drawer-approve').click();
  expect((await decided).status()).toBe(200);
  // With more items waiting (the demo transfers) the drawer moves on to the next one: close it.
  const title = page.locator('.ant-drawer-title');
  await expect(title.filter({ hasText: masked(name) })).toHaveCount(0);
  if (await title.isVisible()) await page.locator('.ant-drawer-close').click();
  await expect(title).toBeHidden();
  await logout(page);

  // The receiving county approves (API); the sending school sees it under 待调出 with the full name.
  await approve(request, change.submission, ['demo-county-b']);
  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await page.goto('/changes?tab=out');
  const outgoing = changeRow(page, teacher.teacherNo);
  await expect(outgoing).toHaveCount(1);
  await expect(outgoing).toContainText(name);
  await expect(outgoing.getByRole('link', { name })).toBeVisible(); // the archive is still the sending school's
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'changes-out-1440');
  await resize(page, 390);
  await expect(changeRow(page, teacher.teacherNo)).toContainText(name);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'changes-out-390');
  await resize(page, 1440);
  // The archive is locked while the transfer is in review.
  await page.goto(`/teachers/${String(teacher.id)}`);
  await expect(page.getByTestId('open-change-alert')).toBeVisible();
  await expect(page.getByTestId('change-leave')).toHaveCount(0);
  await logout(page);

  // The sending side approves (API): complete, the receiving school now reads the full name under 已完成.
  await approve(request, change.submission, ['demo-school-a-reviewer', 'demo-county-a']);
  await login(page, 'demo-school-b');
  await expectLoggedIn(page);
  await page.goto('/changes?tab=done');
  const done = changeRow(page, teacher.teacherNo);
  await expect(done).toContainText(name);
  await expect(done).toContainText('已完成');
  await snap(page, testInfo, 'changes-done-1440');
});

test('an archive’s school lends a teacher out: the dialog names the states and the change is in review on the 变动 tab', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const name = uniqueTeacherName('诸葛');
  const teacher = await approvedArchive(request, name);

  await resize(page, 1440);
  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await page.goto(`/teachers/${String(teacher.id)}`);
  await expect(page.getByTestId('teacher-name')).toHaveText(name);
  await expect(page.getByTestId('employment-status')).not.toBeEmpty();
  await page.getByTestId('change-leave').click();
  const dialog = page.getByTestId('change-dialog');
  await expect(dialog.getByTestId('change-kind-field')).toContainText('借出');
  const status = dialog.getByTestId('change-personnel-status').locator('.ant-select');
  await status.click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await expect(options).toHaveCount(2); // secondment: 201 and 202, by name
  await expect(options.first()).not.toHaveText(/^\d+$/);
  await options.first().click();
  await pickDate(page, 'change-effective-date', '2026-09-01');
  await pickDate(page, 'change-end-date', '2027-07-31');
  await dialog.getByTestId('change-reason').fill('借调到区教研室');
  await snap(page, testInfo, 'archive-leave-dialog-1440');
  await page.getByTestId('change-dialog-submit').click();
  await expect(page.getByTestId('change-dialog')).toHaveCount(0);
  await expect(page.getByTestId('open-change-alert')).toBeVisible();
  await expect(page.getByTestId('change-leave')).toHaveCount(0);

  await page.getByTestId('tab-changes').click();
  await expect(page).toHaveURL(/[?&]tab=changes\b/);
  const line = page.getByTestId('archive-changes-table').locator('.ant-table-row');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('借出');
  await expect(line).toContainText('审核中');
  await expect(line).toContainText('2027-07-31');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'archive-changes-tab-1440');

  // The teacher list shows current teachers by default; 已离开 and 全部 ask the API for the others.
  await page.goto('/teachers');
  await expect(page.getByRole('combobox', { name: '在职状态' })).toBeVisible();
  const left = page.waitForRequest((r) => r.url().includes('/api/v1/teachers/?') && r.url().includes('status=left'));
  await page.getByRole('combobox', { name: '在职状态' }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '已离开' }).click();
  await left;
  await expect(page.getByTestId('teachers-table')).toBeVisible();
});
