import { type Locator, type Page } from '@playwright/test';

import { token, uniqueTeacherName } from './archives';
import { expect, expectLoggedIn, expectNoHorizontalScroll, login, pickOption, snap, test } from './helpers';
import { approve, approvedArchive, logout, pickDate } from './teacher-changes';

// Issue 15, 教师变动, the screens changes.spec.ts leaves out: the 离岗 dialog (a temporary state locks the archive while
// it is reviewed), the 离退 dialog (approved: the archive is read-only and leaves the current list) and the return
// that brings it back, the transfer wizard of a county user (who picks the receiving school) and the look-up's
// rate-limit message (changes-wizard.spec.ts has the last two). Every test makes its own archive through the API.

type Json = Record<string, unknown>;

/** Opens the select of the form item `testId` in the open dialog and picks the option named `option`. */
async function choose(page: Page, testId: string, option: string | RegExp): Promise<void> {
  await pickOption(page, page.getByTestId(testId).getByRole('combobox'), option);
}

/** The archive's change rows on its 变动 tab. */
async function archiveChangeLines(page: Page) {
  await page.getByTestId('tab-changes').click();
  await expect(page).toHaveURL(/[?&]tab=changes\b/);
  return page.getByTestId('archive-changes-table').locator('.ant-table-row');
}

/** The element is drawn whole inside `box` (not cut by it). */
async function expectInside(element: Locator, box: Locator): Promise<void> {
  const inner = await element.boundingBox();
  const outer = await box.boundingBox();
  expect(inner && outer, 'both are drawn').toBeTruthy();
  if (!inner || !outer) return;
  expect(inner.x).toBeGreaterThanOrEqual(outer.x);
  expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width);
}

/** The change's state, read through the API by the archive's school. */
async function changeState(page: Page, change: number): Promise<Json> {
  const access = await token(page.request, 'demo-school-a');
  const response = await page.request.get(`/api/v1/changes/${String(change)}/`, { headers: { Authorization: `Bearer ${access}` } });
  expect(response.status()).toBe(200);
  return (await response.json()) as Json;
}


/** Searches the teacher list for `name` with the status filter at `status` (在职 / 已离开 / 全部人员). */
async function listTeachers(page: Page, name: string, status: string): Promise<void> {
  const filter = page.getByRole('combobox', { name: '在职状态' });
  if (!(await page.getByTestId('filter-status').textContent())?.includes(status)) {
    await filter.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${status}$`) }).click();
  }
  await expect(page.getByTestId('filter-status')).toContainText(status);
  const search = page.getByPlaceholder('姓名、拼音或证件号');
  if ((await search.inputValue()) !== name) {
    await search.fill(name);
    await search.press('Enter');
  }
}

test('离岗: the dialog names the states, the change is in review on the 变动 tab and the archive is locked meanwhile', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const name = uniqueTeacherName('欧阳');
  const teacher = await approvedArchive(request, name);

  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await page.goto(`/teachers/${String(teacher.id)}`);
  await expect(page.getByTestId('teacher-name')).toHaveText(name);
  // Approved and settled: the archive can be edited (a change request) and the change actions are offered.
  await expect(page.getByRole('button', { name: /保\s*存/ })).toBeVisible();
  await expect(page.getByTestId('change-leaving')).toBeVisible();
  await expect(page.getByTestId('change-return')).toHaveCount(0);

  await page.getByTestId('change-leave').click();
  const dialog = page.getByTestId('change-dialog');
  await expect(page.locator('.ant-modal-title')).toHaveText('借出/离岗');
  await choose(page, 'change-kind-field', '离岗');
  // 离岗: the nine 人员状态 of a leave, by name.
  await dialog.getByTestId('change-personnel-status').locator('.ant-select').click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await expect(options).toHaveCount(9);
  await expect(options.first()).not.toHaveText(/^(\d+|…)$/);
  const state = (await options.nth(1).innerText()).trim();
  await options.nth(1).click();
  await expect(dialog.getByTestId('change-personnel-status')).toContainText(state);

  // The dialog checks its fields before anything is sent: the date and the reason are required.
  await page.getByTestId('change-dialog-submit').click();
  await expect(dialog).toContainText('请选择生效日期');
  await expect(dialog).toContainText('请填写原因');
  await pickDate(page, 'change-effective-date', '2026-10-08');
  await pickDate(page, 'change-end-date', '2026-09-01');
  await expect(dialog).toContainText('结束日期不能早于生效日期');
  await pickDate(page, 'change-end-date', '2027-01-31');
  await expect(dialog).not.toContainText('结束日期不能早于生效日期');
  await dialog.getByTestId('change-reason').fill('病假，需休养');
  await snap(page, testInfo, 'leave-dialog');

  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/changes/') && r.request().method() === 'POST');
  await page.getByTestId('change-dialog-submit').click();
  const response = await created;
  expect(response.status()).toBe(201);
  const change = (await response.json()) as Json;
  expect(change.kind).toBe('leave');
  expect(change.kind_name).toBe('离岗');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.ant-message')).toContainText('已提交审核');

  // Locked while the change is reviewed: no saving, no other change, the form disabled.
  await expect(page.getByTestId('open-change-alert')).toBeVisible();
  await expect(page.getByTestId('change-leave')).toHaveCount(0);
  await expect(page.getByTestId('change-leaving')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /保\s*存/ })).toHaveCount(0);
  await expect(page.getByTestId('teacher-form').locator('input:not([type="hidden"])').first()).toBeDisabled();
  await snap(page, testInfo, 'leave-archive-locked');

  // The 变动 tab: the kind, the state it sets, the dates, 审核中 and who decides.
  const line = await archiveChangeLines(page);
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('离岗');
  await expect(line).toContainText(state);
  await expect(line).toContainText('2026-10-08');
  await expect(line).toContainText('2027-01-31');
  await expect(line).toContainText('审核中');
  await expect(line).toContainText(String(change.current_org_name));
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'leave-changes-tab');

  // The alert's link leads to the same tab.
  await page.goto(`/teachers/${String(teacher.id)}`);
  await page.getByTestId('open-change-alert').getByRole('link').click();
  await expect(page).toHaveURL(/[?&]tab=changes\b/);
  await expect(page.getByTestId('archive-changes-table').locator('.ant-table-row')).toHaveCount(1);

  // The 时间线 tells it too: the kind's name, the dates and the reason, by name.
  await page.goto(`/teachers/${String(teacher.id)}?tab=timeline`);
  const told = page.getByTestId('timeline-change');
  await expect(told).toHaveCount(1);
  await expect(told).toContainText('离岗');
  await expect(told).toContainText('原因：');
  await snap(page, testInfo, 'leave-timeline');
});

test('离退: approved through the reviewers the archive is read-only and out of the current list; 返聘 brings it back', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const name = uniqueTeacherName('上官');
  const teacher = await approvedArchive(request, name);

  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await page.goto(`/teachers/${String(teacher.id)}`);
  await expect(page.getByTestId('teacher-name')).toHaveText(name);
  await page.getByTestId('change-leaving').click();
  const dialog = page.getByTestId('change-dialog');
  await expect(page.locator('.ant-modal-title')).toHaveText('离退/离职');
  await expect(dialog).toContainText('审核通过后档案将变为只读');
  // The leaving kinds by name; no 人员状态 and no end date.
  await dialog.getByTestId('change-kind-field').locator('.ant-select').click();
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option')).toHaveCount(8);
  await page.keyboard.press('Escape');
  await choose(page, 'change-kind-field', /^退休$/);
  await expect(dialog.getByTestId('change-personnel-status')).toHaveCount(0);
  await expect(dialog.getByTestId('change-end-date')).toHaveCount(0);
  await expect(dialog.getByTestId('change-effective-date')).toContainText('离开日期');
  await pickDate(page, 'change-effective-date', '2026-09-30');
  await dialog.getByTestId('change-reason').fill('达到法定退休年龄');
  await snap(page, testInfo, 'leaving-dialog');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/changes/') && r.request().method() === 'POST');
  await page.getByTestId('change-dialog-submit').click();
  const change = (await (await created).json()) as { id: number; submission: number };
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('open-change-alert')).toBeVisible();
  const line = await archiveChangeLines(page);
  await expect(line).toContainText('退休');
  await expect(line).toContainText('审核中');
  await logout(page);

  // The school's reviewer approves in the queue; the drawer describes the change.
  await login(page, 'demo-school-a-reviewer');
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
  await row.getByTestId('queue-open').click();
  const summary = page.getByTestId('change-summary');
  await expect(summary).toContainText('退休');
  // The school's own reviewer reads the full name, as in the drawer's title (only a transfer masks it).
  await expect(summary.getByTestId('change-name')).toHaveText(name);
  await expect(summary).toContainText(teacher.teacherNo);
  await expect(summary).toContainText('2026-09-30');
  await expect(summary).toContainText('达到法定退休年龄');
  await snap(page, testInfo, 'leaving-review-drawer');
  const decided = page.waitForResponse((r) => r.url().endsWith(`/reviews/${String(change.submission)}/approve/`));
  await page.getByTestId('drawer-approve').click();
  expect((await decided).status()).toBe(200);
  const title = page.locator('.ant-drawer-title');
  await expect(title.filter({ hasText: name })).toHaveCount(0);
  if (await title.isVisible()) await page.locator('.ant-drawer-close').click();
  await expect(title).toBeHidden();
  await logout(page);

  // The county approves (API): the change is complete.
  await approve(request, change.submission, ['demo-county-a']);
  expect((await changeState(page, change.id)).state).toBe('approved');

  // The archive is inactive and read-only: only 返岗/返聘 is offered.
  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await page.goto(`/teachers/${String(teacher.id)}`);
  await expect(page.getByTestId('inactive-alert')).toBeVisible();
  await expect(page.getByTestId('open-change-alert')).toHaveCount(0);
  await expect(page.getByTestId('employment-status')).toHaveText('退休');
  await expect(page.getByRole('button', { name: /保\s*存/ })).toHaveCount(0);
  await expect(page.getByTestId('teacher-form').locator('input:not([type="hidden"])').first()).toBeDisabled();
  await expect(page.getByTestId('change-leave')).toHaveCount(0);
  await expect(page.getByTestId('change-leaving')).toHaveCount(0);
  await expect(page.getByTestId('change-return')).toBeVisible();
  const done = await archiveChangeLines(page);
  await expect(done).toContainText('已完成');
  // The kind once: 退休 sets 教职工当前状态 退休, which is not repeated beside it.
  await expect(done.locator('td').first()).toHaveText('退休');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'leaving-archive-inactive');

  // Out of the default (current) list; 已离开 and 全部人员 show it, marked 已离开.
  await page.goto('/teachers');
  const table = page.getByTestId('teachers-table');
  const listed = table.locator('.ant-table-row').filter({ hasText: name });
  await listTeachers(page, name, '在职');
  await expect(page.getByTestId('teachers-total')).toHaveText('共 0 人');
  await expect(listed).toHaveCount(0);
  await listTeachers(page, name, '已离开');
  await expect(page.getByTestId('teachers-total')).toHaveText('共 1 人');
  await expect(listed).toHaveCount(1);
  await expect(listed.getByTestId('teacher-left')).toHaveText('已离开');
  await expectInside(listed.getByTestId('teacher-left'), listed.locator('td').first());
  await snap(page, testInfo, 'leaving-list-left');
  await listTeachers(page, name, '全部人员');
  await expect(listed).toHaveCount(1);
  await expect(listed.getByTestId('teacher-left')).toBeVisible();

  // 返聘: the return dialog has the date and the reason only.
  await listed.getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/teachers/${String(teacher.id)}`));
  await page.getByTestId('change-return').click();
  await expect(page.locator('.ant-modal-title')).toHaveText('返岗/返聘');
  const back = page.getByTestId('change-dialog');
  await expect(back.getByTestId('change-kind-field')).toHaveCount(0);
  await expect(back.getByTestId('change-effective-date')).toContainText('返岗日期');
  await pickDate(page, 'change-effective-date', '2026-11-02');
  // Enter confirmed the date in the picker; it did not submit the dialog (the date is its only input).
  await expect(back.locator('.ant-form-item-explain-error')).toHaveCount(0);
  await back.getByTestId('change-reason').fill('返聘任教一年');
  await snap(page, testInfo, 'return-dialog');
  const returned = page.waitForResponse((r) => r.url().endsWith('/api/v1/changes/') && r.request().method() === 'POST');
  await page.getByTestId('change-dialog-submit').click();
  const comeback = (await (await returned).json()) as { id: number; submission: number; kind: string };
  expect(comeback.kind).toBe('return');
  await expect(back).toHaveCount(0);
  await expect(page.getByTestId('open-change-alert')).toBeVisible();
  await approve(request, comeback.submission, ['demo-school-a-reviewer', 'demo-county-a']);
  expect((await changeState(page, comeback.id)).state).toBe('approved');

  // Active again (返聘 after retirement), editable, back in the current list.
  await page.reload();
  await expect(page.getByTestId('teacher-name')).toHaveText(name);
  await expect(page.getByTestId('inactive-alert')).toHaveCount(0);
  await expect(page.getByTestId('open-change-alert')).toHaveCount(0);
  await expect(page.getByTestId('employment-status')).toHaveText('返聘');
  await expect(page.getByTestId('change-leaving')).toBeVisible();
  const lines = await archiveChangeLines(page);
  await expect(lines).toHaveCount(2);
  await expect(lines.first()).toContainText('返岗/返聘');
  await snap(page, testInfo, 'return-archive-active');
  await page.goto('/teachers');
  await listTeachers(page, name, '在职');
  await expect(listed).toHaveCount(1);
  await expect(listed.getByTestId('teacher-left')).toHaveCount(0);
});
