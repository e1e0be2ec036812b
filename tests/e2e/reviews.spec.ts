import { type APIRequestContext, type Locator, type Page, type Request, type Response } from '@playwright/test';

import { closeReviewDrawer, expect, expectDropdownClosed, expectLoggedIn, expectNoHorizontalScroll, expectProblems, login, PASSWORD, snap, test } from './helpers';
import { createDraft, uniqueTeacherName, token } from './archives';

const SCHOOL = '2162010201';
/** A name no demo teacher has. */
const uniqueName = (): string => uniqueTeacherName('欧阳');

type Json = Record<string, unknown>;

/** A complete new draft of the school (archives.createDraft); its id. */
async function createTeacher(request: APIRequestContext, access: string, name: string, changes: Json = {}): Promise<number> {
  return Number((await createDraft(request, access, SCHOOL, name, changes)).id);
}

async function submit(request: APIRequestContext, access: string, id: number): Promise<void> {
  const response = await request.post(`/api/v1/teachers/${String(id)}/submit/`, { headers: { Authorization: `Bearer ${access}` } });
  expect(response.status(), await response.text()).toBe(201);
}

async function logout(page: Page): Promise<void> {
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Picks an option of the antd Select inside the form item `testId`, typing `search` first (long code lists). */
async function choose(page: Page, testId: string, option: string | RegExp, search?: string): Promise<void> {
  const select = page.getByTestId(testId).locator('.ant-select');
  await expect(async () => {
    if (!(await select.evaluate((element) => element.classList.contains('ant-select-open')))) await select.click();
    if (search) await select.locator('input').fill(search);
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option });
    await item.first().click({ timeout: 2_000 });
    await expect(select).toContainText(option, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expectDropdownClosed(page, select);
}

/** A submit runs the archive's checks and opens its review: on a busy 2-core machine it has taken over 10 s. */
const SUBMIT_TIMEOUT = 30_000;

/** Confirms the open Popconfirm with its button `name`. */
async function confirmPopover(page: Page, name: RegExp): Promise<void> {
  await page.locator('.ant-popover:visible').getByRole('button', { name }).click();
}

/**
 * 送审 from the archive header and its confirmation; the POST's answer. Once (CI, a loaded 2-core machine) the
 * confirmation was clicked and no request left the page: the pair is clicked again only while no submit request has
 * been sent, so an archive is never submitted twice.
 */
async function submitFromHeader(page: Page, teacherId: number): Promise<Response> {
  const isSubmit = (url: string, method: string) => url.endsWith(`/teachers/${String(teacherId)}/submit/`) && method === 'POST';
  const confirm = page.locator('.ant-popover:visible').getByRole('button', { name: /^送\s*审$/ });
  await expect(page.locator('.ant-popover:visible')).toHaveCount(0); // no other confirmation still closing
  let sent: Request | null = null;
  await expect(async () => {
    const request = page.waitForRequest((r) => isSubmit(r.url(), r.method()), { timeout: 5_000 });
    if ((await confirm.count()) === 0) await page.getByTestId('submit-archive').click();
    await confirm.click();
    sent = await request;
  }).toPass({ timeout: 60_000 });
  const response = await (sent as unknown as Request).response();
  if (!response) throw new Error('the submit request got no answer');
  return response;
}

/** The queue's row of a teacher, loading more pages while it is not there yet (oldest items come first). */
async function queueRow(page: Page, name: string): Promise<Locator> {
  const row = page.getByTestId('review-queue').locator('tbody tr.ant-table-row').filter({ hasText: name });
  await expect(async () => {
    if ((await row.count()) === 0) {
      const more = page.getByRole('button', { name: '加载更多' });
      if (await more.isVisible()) await more.click();
    }
    await expect(row).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  return row;
}

async function openQueue(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: /信息审核/ }).click();
  await expect(page).toHaveURL(/\/reviews$/);
  await expect(page.getByTestId('review-queue')).toBeVisible();
}

test('a reviewer returns an archive with a reason; the filler sees it, fixes the archive and submits it again', async ({
  page,
  request,
}, testInfo) => {
  // Two logins, a form, a return and a resubmission: 50-59 s on a 2-core machine, at the 60 s default.
  test.slow();
  const name = uniqueName();
  const filler = await token(request, 'demo-school-a');
  // 民族 left empty: the archive saves as a draft, but cannot be submitted until it is filled.
  expectProblems(/^400 POST .*\/api\/v1\/teachers\/\d+\/submit\/$/); // the submit refused for the empty 民族
  const teacherId = await createTeacher(request, filler, name, { ethnicity: '' });

  // The filler submits from the archive page: the refused submit lists the problem by its catalogue name.
  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await page.goto(`/teachers/${String(teacherId)}`);
  await expect(page.getByTestId('teacher-name')).toHaveText(name);
  await expect(page.getByTestId('record-state')).toContainText('草稿');
  // One list of what is missing stands on the draft before any submit; the refused submit turns it red.
  const problems = page.getByTestId('missing-items');
  await expect(problems).toContainText('基本信息 · 民族');
  await expect(problems).toHaveClass(/ant-alert-warning/);
  await page.getByTestId('submit-archive').click();
  await confirmPopover(page, /送\s*审/);
  await expect(problems).toHaveClass(/ant-alert-error/);
  await expect(problems).toContainText('需要完善');
  await expect(page.getByTestId('missing-items')).toHaveCount(1);
  await expect(page.getByTestId('record-state')).toContainText('草稿');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'archive-submit-problems');

  // The problem links to its tab; once 民族 is filled and saved the submit goes through.
  await problems.getByRole('link', { name: /民族/ }).click();
  await expect(page).toHaveURL(/[?&]tab=basic\b/);
  await choose(page, 'field-ethnicity', /汉族/, '汉族');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText(/已保存/).first()).toBeVisible();
  await expect(problems).toHaveCount(0); // nothing left to complete: the list is gone
  // Answered 201 (its text says why not, should a busy machine ever refuse it).
  const answer = await submitFromHeader(page, teacherId);
  expect(answer.status(), await answer.text()).toBe(201);
  await expect(page.getByTestId('record-state')).toContainText('已提交', { timeout: SUBMIT_TIMEOUT });
  await expect(page.getByTestId('submit-archive')).toHaveCount(0);

  // Nobody has decided yet: the filler may take it back, and submit it again.
  await page.getByTestId('withdraw-archive').click();
  await confirmPopover(page, /撤回送审/);
  await expect(page.getByTestId('record-state')).toContainText('草稿');
  expect((await submitFromHeader(page, teacherId)).status()).toBe(201);
  await expect(page.getByTestId('record-state')).toContainText('已提交', { timeout: SUBMIT_TIMEOUT });
  await expect(page.getByTestId('withdraw-archive')).toBeVisible();
  await snap(page, testInfo, 'archive-submitted');
  await logout(page);

  // The school's reviewer finds it in the queue, opens it and returns it; the reason must be 5 characters.
  await login(page, 'demo-school-a-reviewer');
  await expectLoggedIn(page);
  await expect(page.getByTestId('notification-bell')).toHaveAttribute('aria-label', /\d+ 条未读/);
  await openQueue(page);
  const row = await queueRow(page, name);
  await expect(row).toContainText('新建档案');
  await expect(row).toContainText('学校（1/2）');
  await expect(row.getByTestId('queue-waiting')).toContainText('分钟');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'review-queue');

  await row.getByRole('link', { name }).or(row.getByTestId('queue-open')).first().click();
  const detail = page.getByTestId('review-detail');
  await expect(detail).toContainText(name);
  await expect(detail).toContainText('新建档案送审');
  await expect(detail.getByTestId('review-history')).toContainText('提交');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'review-drawer');

  await page.getByTestId('drawer-return').click();
  const returnDialog = page.getByRole('dialog', { name: `退回“${name}”` });
  await returnDialog.getByRole('textbox').fill('太短了');
  await returnDialog.getByRole('button', { name: /退\s*回/ }).click();
  await expect(returnDialog.getByTestId('return-reason')).toContainText('至少 5 个字');
  await snap(page, testInfo, 'review-return-too-short');
  const reason = '民族与人事档案不一致，请核对后重新送审';
  await returnDialog.getByRole('textbox').fill(reason);
  await returnDialog.getByRole('button', { name: /退\s*回/ }).click();
  await expect(returnDialog).toBeHidden();
  await expect(page.getByText(`已退回“${name}”`).first()).toBeVisible();
  await expect(page.getByTestId('review-queue').locator('tbody tr.ant-table-row').filter({ hasText: name })).toHaveCount(0);
  await closeReviewDrawer(page);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'review-queue-after-return');
  await logout(page);

  // The filler: an unread notification tells of the return and leads to the item.
  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAttribute('aria-label', /\d+ 条未读/);
  await bell.click();
  const panel = page.getByTestId('notification-panel');
  const notice = panel.getByTestId('notification-item').filter({ hasText: name }).first();
  await expect(notice).toContainText(reason);
  await expect(notice).toContainText('已退回');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'notifications-open');
  await panel.getByRole('button', { name: '全部标为已读' }).click();
  await expect(bell).toHaveAttribute('aria-label', '通知');
  await notice.click();
  await expect(page).toHaveURL(/\/reviews\/\d+$/);
  await expect(page.getByTestId('review-return-reason')).toContainText(reason);
  // The filler may read the item but not decide it.
  await expect(page.getByRole('button', { name: /通\s*过/ })).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'review-page-filler');

  // The archive page shows the reason; the timeline lists each step with who and when.
  await page.getByTestId('review-teacher').click();
  await expect(page).toHaveURL(new RegExp(`/teachers/${String(teacherId)}$`));
  await expect(page.getByTestId('record-state')).toContainText('已退回');
  await expect(page.getByTestId('return-alert')).toContainText(reason);
  await expect(page.getByTestId('return-alert')).toContainText('城关区第一实验小学审核员');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'archive-returned');
  await page.getByRole('tab', { name: /时间线/ }).click();
  await expect(page).toHaveURL(/[?&]tab=timeline\b/);
  const timeline = page.getByTestId('timeline-panel');
  await expect(timeline.locator('[data-action="return"]')).toContainText(reason);
  await expect(timeline.locator('[data-action="return"]')).toContainText('学校审核');
  await expect(timeline.locator('[data-action="withdraw"]')).toHaveCount(1);
  await expect(timeline.locator('[data-action="submit"]')).toHaveCount(2);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'archive-timeline');

  // Resubmitted: a new round; the return banner goes, and 我的提交 shows it waiting.
  expect((await submitFromHeader(page, teacherId)).status()).toBe(201);
  await expect(page.getByTestId('record-state')).toContainText('已提交', { timeout: SUBMIT_TIMEOUT });
  await expect(page.getByTestId('return-alert')).toHaveCount(0);
  await page.getByRole('menuitem', { name: '我的提交' }).click();
  await expect(page).toHaveURL(/\/my-submissions$/);
  const mine = page.getByTestId('my-submissions').locator('tbody tr.ant-table-row').filter({ hasText: name });
  // Two rounds of submissions: the withdrawn one, and the one returned and now waiting again.
  await expect(mine.filter({ hasText: '已撤回' })).toHaveCount(1);
  await expect(mine.filter({ hasText: '待审核' })).toHaveCount(1);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'my-submissions');
});

test('a reviewer approves one item and returns another in bulk; a change of the approved archive waits for review', async ({
  page,
  request,
}, testInfo) => {
  // Two logins, bulk decisions and a change request among the demo items (transfers too): over 60 s when loaded.
  test.slow();
  const filler = await token(request, 'demo-school-a');
  const approved = uniqueName();
  const returned = uniqueName();
  const approvedId = await createTeacher(request, filler, approved);
  await submit(request, filler, approvedId);
  await submit(request, filler, await createTeacher(request, filler, returned));

  await login(page, 'demo-school-a-reviewer');
  await expectLoggedIn(page);
  await expect(page.getByTestId('queue-count')).toBeVisible();
  await openQueue(page);
  const first = await queueRow(page, approved);
  await first.getByRole('button', { name: /通\s*过/ }).click();
  await confirmPopover(page, /通\s*过/);
  await expect(page.getByText(`已通过“${approved}”`).first()).toBeVisible();
  await expect(page.getByTestId('review-queue').locator('tbody tr.ant-table-row').filter({ hasText: approved })).toHaveCount(0);

  const second = await queueRow(page, returned);
  await second.getByRole('checkbox').check();
  await expect(page.getByTestId('bulk-bar')).toContainText('已选 1 项');
  await snap(page, testInfo, 'review-queue-selected');
  await page.getByRole('button', { name: '批量退回' }).click();
  const dialog = page.getByRole('dialog', { name: '退回选中的 1 项' });
  await dialog.getByRole('textbox').fill('学历信息缺少证明材料');
  await dialog.getByRole('button', { name: /退\s*回/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('bulk-result')).toContainText('1 项全部成功');
  await expect(page.getByTestId('review-queue').locator('tbody tr.ant-table-row').filter({ hasText: returned })).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'review-queue-bulk-result');
  await logout(page);

  // The approved item climbed to the county, whose reviewer sees it at the second level and approves it.
  await login(page, 'demo-county-a');
  await expectLoggedIn(page);
  await openQueue(page);
  const county = await queueRow(page, approved);
  await expect(county).toContainText('区县级（2/2）');
  await county.getByTestId('queue-open').click();
  await expect(page.getByTestId('review-detail')).toContainText(approved);
  await page.getByTestId('drawer-approve').click();
  await expect(page.getByText(`已通过“${approved}”`).first()).toBeVisible();
  await closeReviewDrawer(page);
  await expect(page.getByTestId('review-queue').locator('tbody tr.ant-table-row').filter({ hasText: approved })).toHaveCount(0);
  await snap(page, testInfo, 'county-queue-after-approve');
  await logout(page);

  // The archive is approved: the filler's change becomes a change request (202) and the approved values stay.
  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await page.goto(`/teachers/${String(approvedId)}`);
  await expect(page.getByTestId('record-state')).toContainText('已审核');
  // Yes/no is one 是/否 choice: answer the other one than the approved value.
  const special = page.locator('.ant-form-item').filter({ hasText: '是否是特级教师' });
  const yes = special.getByRole('radio', { name: '是' });
  const no = special.getByRole('radio', { name: '否' });
  const wasYes = await yes.isChecked();
  await (wasYes ? no : yes).check();
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('本次修改已提交为变更申请').first()).toBeVisible();
  await expect(page.getByTestId('pending-change')).toContainText('变更待审核');
  await expect(page.getByTestId('pending-change-alert')).toBeVisible();
  await expect(yes).toBeChecked({ checked: wasYes });
  await expect(yes).toBeDisabled();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'archive-change-pending');
  await logout(page);

  // The school's reviewer sees the change side by side, by the catalogue's names.
  await login(page, 'demo-school-a-reviewer');
  await expectLoggedIn(page);
  await openQueue(page);
  const change = await queueRow(page, approved);
  await expect(change).toContainText('信息变更');
  await change.getByTestId('queue-open').click();
  const table = page.getByTestId('change-table');
  const changed = table.locator('tbody tr').filter({ hasText: '是否是特级教师' });
  await expect(changed).toHaveCount(1);
  await expect(changed.getByTestId('change-old')).toHaveText(wasYes ? '是' : '否');
  await expect(changed.getByTestId('change-new')).toHaveText(wasYes ? '否' : '是');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'review-drawer-change');
});
