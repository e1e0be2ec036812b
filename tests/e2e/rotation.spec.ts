import { type APIRequestContext, type Locator, type Page, type TestInfo } from '@playwright/test';

import { token } from './archives';
import { closeReviewDrawer, expect, expectDropdownClosed, expectLoggedIn, expectNoHorizontalScroll, expectProblems, login, openMenuItem, snap, test } from './helpers';
import { logout, pickDate } from './teacher-changes';

// Exchange rotation (issue 18): 城关区's administrator reads the 2027 eligibility list, makes the 2027 plan with two
// eligible teachers and their receiving schools (short of the target: warned, not blocked) and submits it; the
// county's reviewer and then the city's approve it in the review queue, reading it by name.

const COUNTY = '620102';
const YEAR = 2027;
const LABEL = `城关区 · ${String(YEAR)}`;

interface Eligible {
  id: number;
  name: string;
  teacher_no: string;
  school_code: string;
  school_name: string;
  assignment: unknown;
}

async function get<T>(request: APIRequestContext, access: string, url: string): Promise<T> {
  const response = await request.get(url, { headers: { Authorization: `Bearer ${access}` } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as T;
}

/**
 * Two eligible teachers of the county for the year (from different schools when there are), each with a receiving
 * school of the county other than their own. A draft 2027 plan left by an earlier run on the same database is removed.
 */
async function prepare(request: APIRequestContext): Promise<{ teachers: (Eligible & { to: string })[] }> {
  const access = await token(request, 'demo-county-a-admin');
  const plans = await get<{ results: { id: number; year: number; state: string; county: { code: string } }[] }>(
    request,
    access,
    `/api/v1/rotation/plans/?year=${String(YEAR)}`,
  );
  for (const plan of plans.results.filter((row) => row.county.code === COUNTY)) {
    expect(plan.state, `a ${String(YEAR)} plan of ${COUNTY} was already submitted: the spec needs a fresh database`).toBe('draft');
    await request.delete(`/api/v1/rotation/plans/${String(plan.id)}/`, { headers: { Authorization: `Bearer ${access}` } });
  }
  const list = await get<{ results: Eligible[] }>(
    request,
    access,
    `/api/v1/rotation/eligible/?org=${COUNTY}&year=${String(YEAR)}&eligible=true&page_size=200`,
  );
  const free = list.results.filter((row) => row.assignment === null);
  expect(free.length, 'the county has fewer than two eligible teachers').toBeGreaterThanOrEqual(2);
  const first = free[0];
  const second = free.find((row) => row.school_code !== first.school_code) ?? free[1];
  const schools = await get<{ results: { code: string; name: string; school_stage: string | null }[] }>(
    request,
    access,
    `/api/v1/orgs/?parent=${COUNTY}&level=school&page_size=100`,
  );
  const receiving = (teacher: Eligible) => {
    const school = schools.results.find((row) => row.code !== teacher.school_code && row.school_stage !== 'kindergarten');
    expect(school, `no receiving school for ${teacher.name}`).toBeTruthy();
    return String(school?.name);
  };
  return { teachers: [first, second].map((teacher) => ({ ...teacher, to: receiving(teacher) })) };
}

/** Picks an option of the antd Select inside the form item `testId`, typing `search` first. */
async function choose(page: Page, testId: string, option: string | RegExp, search?: string): Promise<void> {
  const select = page.getByTestId(testId).locator('.ant-select').first();
  await expect(async () => {
    if (!(await select.evaluate((element) => element.classList.contains('ant-select-open')))) await select.click();
    if (search) await select.locator('input').fill(search);
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option });
    await item.first().click({ timeout: 3_000 });
    await expect(select).toContainText(option, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expectDropdownClosed(page, select);
}

/** Chooses a value of a bare antd Select (no form item around it). */
async function chooseIn(page: Page, select: Locator, option: string): Promise<void> {
  await expect(async () => {
    await select.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click({ timeout: 3_000 });
    await expect(select).toContainText(option, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/** The queue's row of the plan, loading more pages while it is not there yet (oldest items come first). */
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

/** A reviewer opens the plan from the queue, reads it by name (county, year, figures, teachers), and approves it. */
async function approveInQueue(page: Page, names: string[], testInfo: TestInfo, shot: string): Promise<void> {
  await openMenuItem(page, '教师信息', '信息审核');
  await page.getByTestId('app-menu').getByRole('menuitem', { name: /信息审核/ }).click();
  await expect(page).toHaveURL(/\/reviews$/);
  const row = await queueRow(page, LABEL);
  await expect(row).toContainText('轮岗计划');
  await row.getByTestId('queue-open').click();
  const detail = page.getByTestId('review-detail');
  const summary = detail.getByTestId('plan-summary');
  await expect(detail.getByTestId('review-teacher')).toHaveText(LABEL);
  await expect(summary.getByTestId('plan-county')).toHaveText('城关区');
  await expect(summary.getByTestId('plan-year')).toHaveText(`${String(YEAR)} 学年`);
  await expect(summary.getByTestId('plan-planned')).toContainText('2 / 目标');
  await expect(summary.getByTestId('plan-summary-warnings')).toContainText('未达目标');
  const assignments = summary.getByTestId('plan-summary-assignments');
  for (const name of names) await expect(assignments).toContainText(name);
  // Code values are named, never shown bare.
  await expect(assignments).toContainText('交流');
  await expect(assignments).toContainText('轮岗');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, shot);
  await page.getByTestId('drawer-approve').click();
  await expect(page.getByText(`已通过“${LABEL}”`).first()).toBeVisible();
  await expect(page.getByTestId('review-queue').locator('tbody tr.ant-table-row').filter({ hasText: LABEL })).toHaveCount(0);
  await closeReviewDrawer(page);
}

test('a county makes its rotation plan from the eligibility list, the county and the city approve it', async ({ page, request }, testInfo) => {
  // Three logins, a plan with two teachers and two decisions on a 2-core machine.
  test.slow();
  const { teachers } = await prepare(request);
  const names = teachers.map((teacher) => teacher.name);

  // 城关区's administrator: 交流轮岗 › 资格名单 for 2027 — the summary, the eligible teachers ✓.
  await login(page, 'demo-county-a-admin');
  await expectLoggedIn(page);
  await openMenuItem(page, '交流轮岗', '资格名单');
  await page.getByTestId('app-menu').getByRole('menuitem', { name: '资格名单' }).click();
  await expect(page).toHaveURL(/\/rotation\/eligible/);
  await chooseIn(page, page.getByTestId('rotation-year'), `${String(YEAR)} 学年`);
  await expect(page).toHaveURL(new RegExp(`year=${String(YEAR)}`));
  const summary = page.getByTestId('eligible-summary');
  await expect(summary).toBeVisible();
  await expect(summary.getByTestId('eligible-reasons')).toContainText('临近退休');
  await expect(page.getByTestId('eligible-table').locator('tbody')).toContainText(/不在义务教育学校任教|在本校任教年限不足|临近退休|符合/);
  await chooseIn(page, page.getByTestId('eligible-filter'), '符合条件');
  await page.getByTestId('eligible-search').locator('input').fill(teachers[0].teacher_no);
  await page.getByTestId('eligible-search').locator('input').press('Enter');
  const eligibleRow = page.getByTestId('eligible-table').locator('tbody tr.ant-table-row');
  await expect(eligibleRow).toHaveCount(1);
  await expect(eligibleRow).toContainText(teachers[0].name);
  await expect(eligibleRow.getByTestId('eligible-yes')).toBeVisible();
  await page.getByTestId('eligible-search').locator('input').fill('');
  await page.getByTestId('eligible-search').locator('input').press('Enter');
  await expect(eligibleRow.first().getByTestId('eligible-yes')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'eligible-list');

  // 轮岗计划: the 2027 plan, made here, opens on its own page — nothing planned yet, the shortfall warned.
  await openMenuItem(page, '交流轮岗', '轮岗计划');
  await page.getByTestId('app-menu').getByRole('menuitem', { name: '轮岗计划' }).click();
  await expect(page).toHaveURL(/\/rotation\/plans$/);
  await page.getByTestId('plan-create').click();
  await expect(page.getByRole('dialog').getByText('新建轮岗计划')).toBeVisible();
  await choose(page, 'plan-create-year', `${String(YEAR)} 学年`);
  await page.getByTestId('plan-create-save').click();
  await expect(page).toHaveURL(/\/rotation\/plans\/\d+$/);
  const planId = Number(/\/rotation\/plans\/(\d+)$/.exec(page.url())?.[1]);
  await expect(page.getByTestId('plan-title')).toHaveText(`城关区 ${String(YEAR)} 学年交流轮岗计划`);
  await expect(page.getByTestId('plan-state')).toHaveText('草稿');
  await expect(page.getByTestId('gauge-target-value')).toContainText('0 /');
  await expect(page.getByTestId('plan-warning-target')).toContainText('交流人数未达目标');

  // Two teachers, picked by number and shown by name, each with a receiving school, a type and dates.
  const types = ['交流', '轮岗'];
  for (const [index, teacher] of teachers.entries()) {
    await page.getByTestId('assignment-add').click();
    const form = page.getByTestId('assignment-form');
    await expect(form).toBeVisible();
    await choose(page, 'assignment-teacher', teacher.name, teacher.teacher_no);
    await choose(page, 'assignment-school', teacher.to, teacher.to.slice(-6));
    await choose(page, 'assignment-type', types[index]);
    if (index === 1) {
      // An end before the start: the API's refusal appears at the end date's field.
      expectProblems(/^400 POST .*\/api\/v1\/rotation\/plans\/\d+\/assignments\/$/);
      await pickDate(page, 'assignment-end', `${String(YEAR)}-08-01`);
      await page.getByTestId('assignment-save').click();
      await expect(page.getByTestId('assignment-end')).toContainText('结束日期应晚于开始日期');
      await snap(page, testInfo, 'assignment-error');
      await pickDate(page, 'assignment-end', `${String(YEAR + 2)}-08-31`);
    } else {
      await snap(page, testInfo, 'assignment-form');
    }
    await page.getByTestId('assignment-save').click();
    await expect(page.getByText(`已添加 ${teacher.name}`).first()).toBeVisible();
    await expect(page.getByTestId('assignment-form')).toHaveCount(0);
    await expect(page.getByTestId('assignments-table').locator('tbody tr.ant-table-row').filter({ hasText: teacher.name })).toContainText(teacher.to);
  }
  const table = page.getByTestId('assignments-table');
  await expect(table).toContainText('交流');
  await expect(table).toContainText('轮岗');
  // The gauge follows: two of the target, still short (warned, not blocking).
  await expect(page.getByTestId('gauge-target-value')).toContainText('2 /');
  await expect(page.getByTestId('plan-warning-target')).toContainText('已安排 2 人');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'plan-editor');

  await page.getByTestId('plan-submit').click();
  await expect(page.getByTestId('submit-warnings')).toContainText('交流人数未达目标');
  await snap(page, testInfo, 'plan-submit-confirm');
  await page.getByTestId('submit-confirm').click();
  await expect(page.getByText('已提交审核').first()).toBeVisible();
  await expect(page.getByTestId('plan-state')).toHaveText('待审核');
  await expect(page.getByTestId('assignment-add')).toHaveCount(0);
  await expect(page.getByTestId('plan-locked')).toBeVisible();
  await logout(page);

  // The county's reviewer, then the city's: each reads the plan by name and approves it.
  await login(page, 'demo-county-a');
  await expectLoggedIn(page);
  await approveInQueue(page, names, testInfo, 'review-county');
  await logout(page);
  await login(page, 'demo-city-reviewer');
  await expectLoggedIn(page);
  await approveInQueue(page, names, testInfo, 'review-city');

  // The plan is approved; its teachers are listed under 轮岗人员 and counted in 轮岗统计.
  await page.goto(`/rotation/plans/${String(planId)}`);
  await expect(page.getByTestId('plan-state')).toHaveText('已通过');
  await expect(page.getByTestId('assignments-table')).toContainText(names[0]);
  await snap(page, testInfo, 'plan-approved');
  await openMenuItem(page, '交流轮岗', '轮岗人员');
  await page.getByTestId('app-menu').getByRole('menuitem', { name: '轮岗人员' }).click();
  await chooseIn(page, page.getByTestId('rotation-year'), `${String(YEAR)} 学年`);
  const people = page.getByTestId('rotation-assignments-table');
  for (const name of names) await expect(people.getByRole('link', { name })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'assignments');
  await page.goto(`/rotation/report?year=${String(YEAR)}`);
  await expect(page.getByTestId('rotation-figures')).toBeVisible();
  await expect(page.getByTestId('rotation-chart')).toBeVisible();
  await expect(page.getByTestId('rotation-table')).toContainText('城关区');
  await expect(page.getByTestId('rotation-by-type-chart')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'report-city');
  await page.getByTestId('rotation-table').getByRole('link', { name: '城关区' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]org=${COUNTY}`));
  await expect(page.getByTestId('rotation-trail')).toContainText('城关区');
  await snap(page, testInfo, 'report-county');

  // Above a county the eligibility list asks for the county; the teachers now show their assignment of the year.
  await page.goto(`/rotation/eligible?year=${String(YEAR)}`);
  await expect(page.getByText('资格名单按区县列出，请先选择区县。')).toBeVisible();
  await chooseIn(page, page.getByTestId('eligible-county'), '城关区');
  await expect(page.getByTestId('eligible-summary')).toBeVisible();
  await page.getByTestId('eligible-search').locator('input').fill(teachers[0].teacher_no);
  await page.getByTestId('eligible-search').locator('input').press('Enter');
  const assigned = page.getByTestId('eligible-table').locator('tbody tr.ant-table-row');
  await expect(assigned).toHaveCount(1);
  await expect(assigned).toContainText(`${teachers[0].to}（待开始）`);
  await snap(page, testInfo, 'eligible-city');
});
