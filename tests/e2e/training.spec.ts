import { type Locator, type Page, type TestInfo } from '@playwright/test';

import { type APIRequestContext } from '@playwright/test';

import { token } from './archives';
import { closeReviewDrawer, expect, expectDropdownClosed, expectLoggedIn, expectNoHorizontalScroll, login, openMenuItem, snap, test } from './helpers';
import { logout, SCHOOL_A } from './teacher-changes';

// Training credits (issue 17): a claim filed by the school, reviewed by the school and the county, counted in the
// teacher's transcript. The teacher is one of school A's approved demo archives with the highest teacher numbers:
// the other specs take the first archive by id or make their own, and only this spec files training hours.
// (A new archive of the spec's own cannot be submitted now: 国内培训 is a core group of the school kind, and only
// approved claims may write it — archives.createDraft's copy of its record is refused with 409 `group_owned`.)

const TITLE = '全省小学数学课堂教学研讨会';
const HOURS = 24;

/**
 * School A's current, approved archive with the highest teacher number and no open change (a demo transfer or leave
 * would lock it, and another spec may decide it): id, name and number.
 */
async function demoTeacher(request: APIRequestContext): Promise<{ id: number; name: string; teacherNo: string }> {
  const access = await token(request, 'demo-school-a');
  const response = await request.get(
    `/api/v1/teachers/?school=${SCHOOL_A}&record_state=approved&status=current&ordering=-teacher_no&page_size=50`,
    { headers: { Authorization: `Bearer ${access}` } },
  );
  expect(response.status(), await response.text()).toBe(200);
  type Row = { id: number; name: string; teacher_no: string; open_change: unknown; pending_change: boolean };
  const rows = ((await response.json()) as { results: Row[] }).results;
  const found = rows.find((row) => row.open_change === null && !row.pending_change);
  expect(found, 'school A has no approved archive without an open change').toBeTruthy();
  return { id: Number(found?.id), name: String(found?.name), teacherNo: String(found?.teacher_no) };
}

/** The 学时 counted in the teacher's current cycle, read through the API. */
async function countedNow(request: APIRequestContext, teacherId: number): Promise<number> {
  const access = await token(request, 'demo-school-a');
  const response = await request.get(`/api/v1/teachers/${String(teacherId)}/training/transcript/`, {
    headers: { Authorization: `Bearer ${access}` },
  });
  expect(response.status(), await response.text()).toBe(200);
  const transcript = (await response.json()) as { cycles: { counted: number }[] };
  return Number(transcript.cycles[0]?.counted ?? 0);
}

/** Picks an option of the antd Select inside the form item `testId`, typing `search` first. */
async function choose(page: Page, testId: string, option: string | RegExp, search?: string): Promise<void> {
  const select = page.getByTestId(testId).locator('.ant-select');
  await expect(async () => {
    if (!(await select.evaluate((element) => element.classList.contains('ant-select-open')))) await select.click();
    if (search) await select.locator('input').fill(search);
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option });
    await item.first().click({ timeout: 3_000 });
    await expect(select).toContainText(option, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expectDropdownClosed(page, select);
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

/** A reviewer opens the claim from the queue, reads it by name, and approves it. */
async function approveInQueue(page: Page, name: string, testInfo: TestInfo, shot: string): Promise<void> {
  await openMenuItem(page, '教师信息', '信息审核');
  await page.getByTestId('app-menu').getByRole('menuitem', { name: /信息审核/ }).click();
  await expect(page).toHaveURL(/\/reviews$/);
  // The item is named by the teacher and the training (the demo teacher may have other items waiting).
  const label = `${name} · ${TITLE}`;
  const row = await queueRow(page, label);
  await expect(row).toContainText('培训学时');
  await row.getByTestId('queue-open').click();
  const detail = page.getByTestId('review-detail');
  const summary = detail.getByTestId('claim-summary');
  await expect(detail.getByTestId('review-teacher')).toHaveText(name);
  await expect(summary.getByTestId('claim-title')).toHaveText(TITLE);
  await expect(summary.getByTestId('claim-hours')).toHaveText(`${String(HOURS)} 学时`);
  await expect(summary.getByTestId('claim-level')).toHaveText('县级');
  await expect(summary.getByTestId('claim-form')).toHaveText('集中面授');
  await expect(summary).toContainText('学术交流');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, shot);
  await page.getByTestId('drawer-approve').click();
  await expect(page.getByText(`已通过“${label}”`).first()).toBeVisible();
  await expect(page.getByTestId('review-queue').locator('tbody tr.ant-table-row').filter({ hasText: label })).toHaveCount(0);
  // The drawer moves on to the next waiting item: closed before the reviewer leaves.
  await closeReviewDrawer(page);
}

test('a school files training hours, the school and the county approve them, the transcript counts them', async ({ page, request }, testInfo) => {
  // Three logins, a form and two decisions on a 2-core machine.
  test.slow();
  const teacher = await demoTeacher(request);
  const name = teacher.name;
  // The teacher may hold approved hours already (the demo's claims): the transcript counts this claim on top.
  const countedBefore = await countedNow(request, teacher.id);

  // The school's filler: 培训学时 › 学时申报, one teacher's claim (picked by name), submitted for review.
  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await openMenuItem(page, '培训学时', '学时申报');
  await page.getByTestId('app-menu').getByRole('menuitem', { name: '学时申报' }).click();
  await expect(page).toHaveURL(/\/training\/claims$/);
  await expect(page.getByTestId('claims-tabs')).toBeVisible();
  await page.getByTestId('claims-create').click();
  const form = page.getByTestId('claim-form');
  await expect(form).toBeVisible();
  // Found by the teacher number, shown by name.
  await choose(page, 'claim-teacher', name, teacher.teacherNo);
  await choose(page, 'claim-kind', '学术交流');
  await page.getByTestId('claim-title').locator('input').fill(TITLE);
  await choose(page, 'claim-level', /县级/, '县级');
  await choose(page, 'claim-form-select', /集中面授/, '集中面授');
  await page.getByTestId('claim-hours').locator('input').fill(String(HOURS));
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'claim-form');
  await page.getByTestId('claim-submit').click();
  await expect(page.getByText(`已提交审核：${name}`).first()).toBeVisible();

  // The claim opens in its drawer, waiting for the school's review; the list shows it under 审核中.
  const detail = page.getByTestId('claim-detail');
  await expect(detail).toContainText(name);
  await expect(detail).toContainText(TITLE);
  await expect(detail).toContainText('县级');
  await expect(detail.getByTestId('claim-state')).toHaveText('待审核');
  await snap(page, testInfo, 'claim-filed');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('claims-table').locator('tbody tr').filter({ hasText: name }).filter({ hasText: TITLE })).toHaveCount(1);
  await snap(page, testInfo, 'claims-list');
  await logout(page);

  // The school's reviewer, then the county's: each reads the claim by name (no codes) and approves it.
  await login(page, 'demo-school-a-reviewer');
  await expectLoggedIn(page);
  await approveInQueue(page, name, testInfo, 'review-school');
  await logout(page);
  await login(page, 'demo-county-a');
  await expectLoggedIn(page);
  await approveInQueue(page, name, testInfo, 'review-county');

  // The county's 学时达标: figures, the schools as stacked bars, a school's row drills down (kept in the URL).
  await page.goto('/training/compliance');
  await expect(page.getByTestId('compliance-figures')).toBeVisible();
  await expect(page.getByTestId('compliance-chart')).toBeVisible();
  await expect(page.getByTestId('compliance-table')).toContainText('兰州市城关区第一实验小学');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'compliance-county');
  await page.getByTestId('compliance-table').getByRole('link', { name: '兰州市城关区第一实验小学' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]org=${SCHOOL_A}`));
  await expect(page.getByTestId('compliance-download')).toBeVisible();
  await expect(page.getByTestId('compliance-trail')).toContainText('城关区');
  await snap(page, testInfo, 'compliance-school');
  await logout(page);

  // The filler: the archive's 培训学时 tab counts the hours; 国内培训 holds the record, read-only.
  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await page.goto(`/teachers/${String(teacher.id)}?tab=transcript`);
  const transcript = page.getByTestId('transcript-panel');
  await expect(transcript).toBeVisible();
  const current = transcript.locator('[data-testid^="transcript-cycle-"]').first();
  await expect(current.getByTestId('transcript-counted')).toHaveText(`已计入${String(countedBefore + HOURS)}`);
  await expect(current).toContainText('县级');
  await expect(transcript.getByTestId('transcript-claims')).toContainText(TITLE);
  await expect(transcript.getByTestId('transcript-claims')).toContainText('学术交流');
  await expect(transcript.getByTestId('transcript-xlsx')).toBeVisible();
  await expect(transcript.getByTestId('transcript-pdf')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'transcript');

  await page.getByTestId('tab-training').click();
  await expect(page).toHaveURL(/[?&]tab=training\b/);
  await expect(page.getByTestId('owned-group-hint')).toContainText('由学时申报写入');
  await expect(page.getByTestId('records-table-training')).toContainText(TITLE);
  await expect(page.getByTestId('group-records-training').getByRole('button', { name: /新\s*增/ })).toHaveCount(0);
  await snap(page, testInfo, 'archive-training-group');

  // The claim is approved in the list.
  await page.goto('/training/claims?tab=approved');
  const approvedRow = page.getByTestId('claims-table').locator('tbody tr').filter({ hasText: name }).filter({ hasText: TITLE });
  await expect(approvedRow).toContainText('已通过');
  await snap(page, testInfo, 'claims-approved');
});
