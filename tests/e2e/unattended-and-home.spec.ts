import { type APIRequestContext, type Page } from '@playwright/test';

import { expect, test, PASSWORD, expectLoggedIn, expectNoHorizontalScroll, login, snap } from './helpers';
import { createDraft, token, uniqueTeacherName as uniqueName } from './archives';

/** 建兰路小学, demo-school-b's school: while its reviewer is inactive, its step is 无人审核 for 七里河区. */
const SCHOOL = '2162010301';
const SCHOOL_REVIEWER = 'demo-school-b-reviewer';
type Json = Record<string, unknown>;

/** The school's reviewer on leave (deactivated by the county's administrator) for these tests, back afterwards. */
async function setReviewerActive(request: APIRequestContext, active: boolean): Promise<void> {
  const access = await token(request, 'demo-county-b');
  const headers = { Authorization: `Bearer ${access}` };
  const found = await request.get(`/api/v1/users/?q=${SCHOOL_REVIEWER}`, { headers });
  expect(found.status(), await found.text()).toBe(200);
  const user = ((await found.json()) as { results: Json[] }).results.find((row) => row.username === SCHOOL_REVIEWER);
  expect(user).toBeTruthy();
  const url = `/api/v1/users/${String(user?.id)}/`;
  const current = await request.get(url, { headers });
  const etag = current.headers().etag ?? '';
  const changed = await request.patch(url, { headers: { ...headers, 'If-Match': etag }, data: { is_active: active } });
  expect(changed.status(), await changed.text()).toBe(200);
}

test.beforeAll(async ({ request }) => {
  await setReviewerActive(request, false);
});

test.afterAll(async ({ request }) => {
  await setReviewerActive(request, true);
});

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

async function confirmPopover(page: Page, name: RegExp): Promise<void> {
  await page.locator('.ant-popover:visible').getByRole('button', { name }).click();
}

/** No code-like token (`teacher_info`, `in_review` …) in what the page shows. */
async function expectNoCodes(page: Page): Promise<void> {
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
}

test('an unattended school step: the filler is told, the county decides it by proxy; home pages list the to-dos', async ({ page, request }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const filler = await token(request, 'demo-school-b');
  const name = uniqueName('司马');
  const draftName = uniqueName('上官');
  const teacherId = await createTeacher(request, filler, name);
  await createTeacher(request, filler, draftName);

  // The filler submits: told that 建兰路小学 has no reviewer yet and a level above will act.
  await login(page, 'demo-school-b');
  await expectLoggedIn(page);
  await page.goto(`/teachers/${String(teacherId)}`);
  await page.getByTestId('submit-archive').click();
  await confirmPopover(page, /送\s*审/);
  await expect(page.getByText(/建兰路小学目前没有审核员，将由上级单位代为审核/)).toBeVisible();
  await snap(page, testInfo, 'submitted-unattended');

  // The filler's home: drafts, and the item waiting at 建兰路小学 marked 无人审核.
  await page.goto('/');
  const waiting = page.getByTestId('home-waiting');
  await expect(waiting).toContainText(name);
  await expect(waiting).toContainText(/等待 .*建兰路小学 审核/);
  await expect(waiting.getByTestId('home-unattended').first()).toHaveText('无人审核');
  await expect(page.getByTestId('home-drafts')).toContainText(draftName);
  await expect(page.getByTestId('home-failed-imports')).toBeVisible();
  await expect(page.getByTestId('home-queue-age')).toHaveCount(0);
  await expectNoCodes(page);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'home-filler');

  // The county reviewer: the age profile at home, the item in its queue as 无人审核, decided by proxy.
  await logout(page);
  await login(page, 'demo-county-b');
  await expectLoggedIn(page);
  const age = page.getByTestId('home-queue-age');
  await expect(age).toContainText('待我审核');
  await expect(age.getByTestId('age-unattended')).not.toContainText(/^0$/);
  await expect(page.getByTestId('home-drafts')).toContainText(draftName);
  await expectNoCodes(page);
  await snap(page, testInfo, 'home-county');

  await page.goto('/reviews');
  await page.getByTestId('queue-attendance').click();
  await page.getByTitle('只看无人审核').click();
  const row = page.getByTestId('review-queue').locator('tbody tr.ant-table-row').filter({ hasText: name });
  await expect(row.getByTestId('queue-unattended')).toHaveText('无人审核');
  await expect(row.getByTestId('queue-assign-reviewer')).toHaveAttribute('href', '/users');
  await expectNoCodes(page);
  await snap(page, testInfo, 'queue-unattended');
  await row.getByRole('button', { name: /通\s*过/ }).click();
  await confirmPopover(page, /通\s*过/);
  await expect(page.getByText(`已通过“${name}”`)).toBeVisible();

  // Now at the county's own step; its timeline says who decided the school's step.
  await page.getByTestId('queue-attendance').click();
  await page.getByTitle('只看本单位').click();
  const own = page.getByTestId('review-queue').locator('tbody tr.ant-table-row').filter({ hasText: name });
  await expect(own.getByTestId('queue-unattended')).toHaveCount(0);
  await own.getByTestId('queue-open').click();
  await expect(page.getByTestId('decision-proxy')).toContainText('由七里河区代为审核');
  await snap(page, testInfo, 'timeline-proxy');
});

test('home and the unattended queue at 390 px', async ({ page, request }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const filler = await token(request, 'demo-school-b');
  const name = uniqueName('诸葛');
  const teacherId = await createTeacher(request, filler, name);
  const submitted = await request.post(`/api/v1/teachers/${String(teacherId)}/submit/`, { headers: { Authorization: `Bearer ${filler}` } });
  expect(submitted.status()).toBe(201);
  expect(((await submitted.json()) as { unattended: boolean }).unattended).toBe(true);

  await login(page, 'demo-school-b');
  await expectLoggedIn(page);
  await expect(page.getByTestId('home-waiting')).toContainText(name);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'home-filler-390');

  await logout(page);
  await login(page, 'demo-county-b');
  await expectLoggedIn(page);
  await expect(page.getByTestId('home-queue-age')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'home-county-390');
  await page.goto('/reviews');
  const row = page.getByTestId('review-queue').locator('tbody tr.ant-table-row').filter({ hasText: name });
  await expect(row.getByTestId('queue-unattended')).toBeVisible();
  await snap(page, testInfo, 'queue-unattended-390');
});

test('a province administrator sets the overdue days next to the review chains', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, 'demo-province');
  await expectLoggedIn(page);
  await page.goto('/review-flows');
  const card = page.getByTestId('overdue-settings');
  const input = card.getByLabel('超期天数');
  await expect(input).toHaveValue('7');
  await input.fill('10');
  await card.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('已保存超期天数')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('overdue-settings').getByLabel('超期天数')).toHaveValue('10');
  await snap(page, testInfo, 'overdue-settings');
  // Put it back for the other specs (they share the database).
  await page.getByTestId('overdue-settings').getByLabel('超期天数').fill('7');
  await page.getByTestId('overdue-settings').getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('已保存超期天数')).toBeVisible();
});
