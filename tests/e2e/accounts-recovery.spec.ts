import { type APIRequestContext, type Page } from '@playwright/test';

import { expect, expectProblems, test, PASSWORD, expectLoggedIn, expectNoHorizontalScroll, login, snap } from './helpers';

/** Issue 14, "Accounts people can recover": login delays an administrator sees and clears; a temporary password. */

const SCHOOL = '2162010201';
const INITIAL = 'Opened@2026x';
const WIDTHS = [1440, 390] as const;

/** A fresh filler opened by the county admin, its first-login change done over the API. */
async function newUser(request: APIRequestContext, tag: string): Promise<string> {
  const token = await request.post('/api/v1/auth/token/', { data: { username: 'demo-county-a', password: PASSWORD } });
  const { access } = (await token.json()) as { access: string };
  const username = `e2e-rec-${tag}-${Date.now().toString(36)}`;
  const created = await request.post('/api/v1/users/', {
    headers: { Authorization: `Bearer ${access}` },
    data: { username, password: INITIAL, roles: ['filler'], organisation: SCHOOL, display_name: `恢复测试${tag}` },
  });
  expect(created.status(), await created.text()).toBe(201);
  const first = await request.post('/api/v1/auth/token/', { data: { username, password: INITIAL } });
  expect((await first.json()).code).toBe('password_change_required');
  const { challenge } = (await first.json()) as { challenge: string };
  const changed = await request.post('/api/v1/auth/password/', {
    data: { old_password: INITIAL, new_password: PASSWORD, challenge },
  });
  expect(changed.status(), await changed.text()).toBe(200);
  return username;
}

/** Failed logins until the next attempt waits about 16 s (1, 2, 4, 8, 16: each failure past the third doubles it). */
async function delay(request: APIRequestContext, username: string): Promise<void> {
  for (let i = 0; i < 7; i += 1) {
    const answer = await request.post('/api/v1/auth/token/', { data: { username, password: 'wrong-password' } });
    const body = (await answer.json()) as { retry_after?: number };
    if (i < 6 && body.retry_after) await new Promise((resolve) => setTimeout(resolve, body.retry_after! * 1000 + 150));
  }
}

async function logout(page: Page): Promise<void> {
  await page.goto('/profile');
  await page.getByRole('button', { name: /退出登录/ }).first().click();
  await expect(page).toHaveURL(/\/login/);
}

for (const width of WIDTHS) {
  test(`failed logins delay the next attempt; the security administrator unlocks the account (${width} px)`, async ({
    page,
    request,
  }, testInfo) => {
    test.setTimeout(120_000);
    // Deliberate: logins refused while delayed (429), with a wrong password (401) or until a temporary password is
    // replaced (403 password_change_required).
    expectProblems(/^(401|403|429) POST .*\/api\/v1\/auth\/token\/$/);
    await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
    const username = await newUser(request, `d${width}`);
    await delay(request, username);

    // The owner tries during the delay: a clear message saying how long to wait.
    await page.goto('/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(PASSWORD);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/token/'));
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const locked = await answered;
    expect(locked.status()).toBe(429);
    expect(Number(locked.headers()['retry-after'])).toBeGreaterThan(0);
    await expect(page.getByTestId('login-error')).toContainText(/登录失败次数过多，请 \d+ 秒后再试/);
    await snap(page, testInfo, `login-delayed-${width}`);

    // The security administrator sees it on the users page and unlocks it.
    await login(page, 'demo-province-secadmin');
    await expectLoggedIn(page);
    await page.goto('/users');
    const lockouts = page.getByTestId('lockouts');
    await expect(lockouts).toContainText(username);
    await expect(lockouts).toContainText('来自 127.0.0.1');
    await expectNoHorizontalScroll(page);
    await snap(page, testInfo, `users-lockouts-${width}`);
    await lockouts.getByTestId(`unlock-${username}`).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect(page.getByText(`已解锁 ${username}`)).toBeVisible();
    await expect(lockouts.getByText(username)).toHaveCount(0);
    await logout(page);

    await login(page, username);
    await expectLoggedIn(page);
  });

  test(`an administrator issues a temporary password; the next login must replace it (${width} px)`, async ({
    page,
    request,
  }, testInfo) => {
    expectProblems(/^(401|403) POST .*\/api\/v1\/auth\/token\/$/); // the temporary password must be replaced first
    await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
    const username = await newUser(request, `p${width}`);
    await login(page, 'demo-province-secadmin');
    await expectLoggedIn(page);
    await page.goto('/users');
    await page.getByRole('searchbox', { name: '搜索' }).fill(username);
    await page.getByRole('searchbox', { name: '搜索' }).press('Enter');
    const row = page.locator('.ant-table-row', { hasText: username });
    await expect(row).toHaveCount(1);
    await expectNoHorizontalScroll(page);
    await snap(page, testInfo, `users-list-${width}`);
    await row.getByRole('button', { name: /编\s*辑/ }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText('初始密码')).toHaveCount(0); // only when an account is opened
    await dialog.getByTestId('password-reset').click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    const shown = page.getByTestId('temporary-password');
    await expect(shown).toBeVisible();
    const temporary = (await shown.innerText()).trim();
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    await snap(page, testInfo, `temporary-password-${width}`);
    await page.getByRole('button', { name: '我已记下' }).click();
    await logout(page);

    // The user logs in with it and must choose their own password at once.
    await page.goto('/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(temporary);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByTestId('password-change-step')).toContainText('当前密码由管理员设置');
    await page.getByLabel('当前密码').fill(temporary);
    await page.getByLabel('新密码', { exact: true }).fill('Chosen@2026y');
    await page.getByLabel('确认新密码').fill('Chosen@2026y');
    await snap(page, testInfo, `forced-change-${width}`);
    await page.getByRole('button', { name: /修改密码/ }).click();
    await expectLoggedIn(page);
  });
}
