import { type APIRequestContext } from '@playwright/test';

import { token, uniqueTeacherName } from './archives';
import { expect, expectLoggedIn, expectNoHorizontalScroll, expectProblems, login, PASSWORD, snap, test } from './helpers';
import { approvedArchive, masked, pickDate, SCHOOL_B_NAME } from './teacher-changes';

// Issue 15, 教师变动: the transfer wizard of a county user (who picks the receiving school) and the look-up's
// rate-limit message. Every test makes its own archive through the API.

type Json = Record<string, unknown>;

/**
 * A filler of 七里河区 (the county itself, not a school), opened by the county's administrator demo-county-b — the
 * demo's county logins review and administer but do not apply (no `teachers.change`). The first-login password
 * change is done over the API.
 */
async function countyFiller(request: APIRequestContext): Promise<string> {
  const access = await token(request, 'demo-county-b');
  const username = `e2e-county-filler-${Date.now().toString(36)}`;
  const initial = 'Opened@2026x';
  const created = await request.post('/api/v1/users/', {
    headers: { Authorization: `Bearer ${access}` },
    data: { username, password: initial, roles: ['filler'], organisation: '620103', display_name: '七里河区调动填报' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const first = await request.post('/api/v1/auth/token/', { data: { username, password: initial } });
  const { code, challenge } = (await first.json()) as { code: string; challenge: string };
  expect(code).toBe('password_change_required');
  const changed = await request.post('/api/v1/auth/password/', { data: { old_password: initial, new_password: PASSWORD, challenge } });
  expect(changed.status(), await changed.text()).toBe(200);
  return username;
}

test('a county user’s transfer: the wizard asks for the receiving school (school picker) after the look-up', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const name = uniqueTeacherName('司徒');
  const teacher = await approvedArchive(request, name);
  const user = await countyFiller(request);

  await login(page, user);
  await expectLoggedIn(page);
  await expect(page.getByTestId('org-path')).toContainText('七里河区');
  await page.getByRole('menuitem', { name: /调动申请/ }).click();
  await expect(page).toHaveURL(/\/changes\/transfer$/);
  await page.getByTestId('lookup-id-number').fill(teacher.idNumber);
  await page.getByTestId('lookup-run').click();
  await expect(page.getByTestId('lookup-name')).toHaveText(masked(name));
  await expect(page.getByTestId('lookup-teacher-no')).toHaveText(teacher.teacherNo);
  await page.getByTestId('transfer-next').click();

  // No school of its own: the field is a picker, required.
  const school = page.getByTestId('transfer-to-school');
  await expect(school.locator('.ant-select')).toBeVisible();
  await pickDate(page, 'transfer-effective-date', '2026-09-01');
  await page.getByTestId('transfer-reason').fill('区内统筹调配');
  await page.getByTestId('transfer-next').click();
  await expect(school).toContainText('请选择调入学校');
  await school.locator('.ant-select').click();
  await school.locator('input').fill('建兰路');
  // Typing searches the county's schools by name (the API's `q`): only the one school is left.
  const offered = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await expect(offered).toHaveCount(1);
  const option = offered.filter({ hasText: SCHOOL_B_NAME });
  await expect(option).toHaveCount(1);
  await snap(page, testInfo, 'county-school-picker');
  await option.click();
  await expect(school).toContainText(SCHOOL_B_NAME);
  await expect(school).not.toContainText('请选择调入学校');
  await snap(page, testInfo, 'county-details');
  await page.getByTestId('transfer-next').click();

  const confirm = page.getByTestId('transfer-confirm');
  await expect(confirm).toContainText('调动');
  await expect(confirm).toContainText(SCHOOL_B_NAME);
  await expect(confirm).toContainText('2026-09-01');
  await expect(confirm).toContainText('区内统筹调配');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'county-confirm');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/changes/') && r.request().method() === 'POST');
  await page.getByTestId('transfer-submit').click();
  const response = await created;
  expect(response.status()).toBe(201);
  const change = (await response.json()) as Json;
  expect(change.kind).toBe('transfer');
  expect(String(change.to_school_name)).toContain(SCHOOL_B_NAME);
  expect(change.name).toBe(masked(name));
  // The receiving school decides first.
  await expect(page.getByTestId('transfer-next-org')).toContainText(SCHOOL_B_NAME);
  await snap(page, testInfo, 'county-done');

  // The county's 待调入 lists it.
  await page.getByTestId('transfer-to-list').click();
  await expect(page).toHaveURL(/\/changes\?tab=in$/);
  const incoming = page.getByTestId('changes-table').locator('.ant-table-row').filter({ hasText: teacher.teacherNo });
  await expect(incoming).toHaveCount(1);
  await expect(incoming).toContainText('调动');
  await expect(incoming).toContainText(masked(name));
});

test('the look-up’s rate limit: a 429 tells how long to wait, and the next look-up clears it', async ({ page }, testInfo) => {
  // The API's answer beyond TMIS_LOOKUP_RATE (tmis.core.errors: the throttle's wait in Retry-After and retry_after).
  expectProblems(/^429 GET .*\/api\/v1\/teachers\/lookup\//);
  await login(page, 'demo-school-b');
  await expectLoggedIn(page);
  await page.goto('/changes/transfer');
  await page.route('**/api/v1/teachers/lookup/**', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'Retry-After': '3377', 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 429, code: 'throttled', message: '请求超过了限速。', retry_after: 3377 }),
    }),
  );
  await page.getByTestId('lookup-id-number').fill('620102198001011239');
  await page.getByTestId('lookup-run').click();
  const error = page.getByTestId('lookup-error');
  await expect(error).toBeVisible();
  // 3377 s: about 57 minutes, said in minutes.
  await expect(error).toContainText('查询过于频繁');
  await expect(error).toContainText('57 分钟');
  await expect(page.getByTestId('lookup-result')).toHaveCount(0);
  await expect(page.getByTestId('transfer-next')).toBeDisabled();
  await snap(page, testInfo, 'lookup-throttled');

  // A short wait is said in seconds.
  await page.unroute('**/api/v1/teachers/lookup/**');
  await page.route('**/api/v1/teachers/lookup/**', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'Retry-After': '42', 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 429, code: 'throttled', message: '请求超过了限速。', retry_after: 42 }),
    }),
  );
  await page.getByTestId('lookup-run').click();
  await expect(error).toContainText('42 秒');

  // Once the limit is over the look-up answers again and the message goes.
  await page.unroute('**/api/v1/teachers/lookup/**');
  await page.getByTestId('lookup-id-number').fill('650102197306159876');
  await page.getByTestId('lookup-run').click();
  await expect(page.getByTestId('lookup-not-found')).toBeVisible();
  await expect(error).toHaveCount(0);
});
