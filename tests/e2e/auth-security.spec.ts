import { createHmac } from 'node:crypto';

import { type APIRequestContext, type Page } from '@playwright/test';

import { expect, expectLoggedIn, expectProblems, login, PASSWORD, snap, test } from './helpers';

/** Issue 13: the password policy shown where a password is chosen; TOTP enrolment and a login with the code. */

const SCHOOL = '2162010201';
const INITIAL = 'Opened@2026x';

/** RFC 4648 base32 → bytes (the authenticator's secret). */
function base32(secret: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) for the time step `offset` steps from now. */
function totp(secret: string, offset = 0): string {
  const counter = Math.floor(Date.now() / 1000 / 30) + offset;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', base32(secret)).update(message).digest();
  const start = digest[digest.length - 1] & 0x0f;
  const value = (digest.readUInt32BE(start) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

/** A fresh account made by the county admin over the API (the demo logins stay as they are for other tests). */
async function newUser(request: APIRequestContext, roles: string[]): Promise<string> {
  const token = await request.post('/api/v1/auth/token/', { data: { username: 'demo-county-a', password: PASSWORD } });
  expect(token.ok()).toBeTruthy();
  const { access } = (await token.json()) as { access: string };
  const username = `e2e-auth-${Date.now().toString(36)}`;
  const created = await request.post('/api/v1/users/', {
    headers: { Authorization: `Bearer ${access}` },
    data: { username, password: INITIAL, roles, organisation: SCHOOL, display_name: '安全测试' },
  });
  expect(created.status(), await created.text()).toBe(201);
  // Issue 14: an account an administrator opens changes its password at the first login (here over the API).
  const first = await request.post('/api/v1/auth/token/', { data: { username, password: INITIAL } });
  expect(first.status()).toBe(403);
  const { challenge } = (await first.json()) as { challenge: string };
  const changed = await request.post('/api/v1/auth/password/', {
    data: { old_password: INITIAL, new_password: PASSWORD, challenge },
  });
  expect(changed.status(), await changed.text()).toBe(200);
  return username;
}

async function logout(page: Page): Promise<void> {
  await page.goto('/profile');
  await page.getByRole('button', { name: /退出登录/ }).first().click();
  await expect(page).toHaveURL(/\/login/);
}

test('a user changes their password on the profile page, with the rules shown', async ({ page, request }, testInfo) => {
  // A password the policy refuses, then the old password refused at the next login: both deliberate.
  expectProblems(/^400 POST .*\/api\/v1\/auth\/password\/$/, /^401 POST .*\/api\/v1\/auth\/token\/$/);
  const username = await newUser(request, ['filler']);
  await login(page, username);
  await expectLoggedIn(page);
  await page.goto('/profile');
  const card = page.getByTestId('password-card');
  const rules = card.getByTestId('password-rules');
  await expect(rules).toContainText('密码规则');
  await expect(rules).toContainText('至少 8 个字符');
  await expect(rules).toContainText('最近 5 次');
  await snap(page, testInfo, 'profile-password');

  // The server's rules refuse a weak password at the field.
  await card.getByLabel('当前密码').fill(PASSWORD);
  await card.getByLabel('新密码', { exact: true }).fill('abcdefgh');
  await card.getByLabel('确认新密码').fill('abcdefgh');
  await card.getByRole('button', { name: '修改密码' }).click();
  await expect(card.getByText('这个密码太常见了。')).toBeVisible(); // at the field

  const fresh = 'Changed#2027pw';
  await card.getByLabel('新密码', { exact: true }).fill(fresh);
  await card.getByLabel('确认新密码').fill(fresh);
  const answer = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/password/'));
  await card.getByRole('button', { name: '修改密码' }).click();
  const response = await answer;
  expect(response.status(), await response.text()).toBe(200);
  await expect(page.getByText('密码已修改').first()).toBeVisible();
  await page.reload();
  await expectLoggedIn(page); // this session goes on with the new tokens

  await logout(page);
  await login(page, username);
  await expect(page.getByTestId('login-error')).toBeVisible();
  await login(page, username, fresh);
  await expectLoggedIn(page);
});

test('a reviewer enrols TOTP with the QR code and then logs in with a code', async ({ page, request }, testInfo) => {
  expectProblems(/^401 POST .*\/api\/v1\/auth\/token\/totp\/$/); // a wrong code, deliberately
  const username = await newUser(request, ['reviewer']);
  await login(page, username);
  await expectLoggedIn(page);
  await page.goto('/profile');
  const card = page.getByTestId('totp-card');
  await expect(card).toContainText('未启用');
  await card.getByRole('button', { name: '启用双因素认证' }).click();
  await card.getByRole('button', { name: '开始绑定' }).click();
  await expect(card.getByTestId('totp-qr')).toBeVisible();
  const secret = ((await card.getByTestId('totp-secret').textContent()) ?? '').trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await snap(page, testInfo, 'profile-totp-enrol');
  await card.getByLabel('验证码').fill(totp(secret));
  await card.getByRole('button', { name: '确认绑定' }).click();
  await expect(page.getByText('双因素认证已启用，下次登录时需输入验证码。').first()).toBeVisible();
  await expect(card).toContainText('已启用');

  await logout(page);
  await login(page, username);
  await expect(page.getByLabel('验证码')).toBeVisible();
  await page.getByLabel('验证码').fill('000000');
  await page.getByRole('button', { name: /验\s*证/ }).click();
  await expect(page.getByRole('alert').first()).toContainText(/验证码错误/);
  // The enrolment spent this time step's code: the next step's code (accepted for clock drift) logs in.
  await page.getByLabel('验证码').fill(totp(secret, 1));
  await snap(page, testInfo, 'login-totp-step');
  await page.getByRole('button', { name: /验\s*证/ }).click();
  await expectLoggedIn(page);
});
