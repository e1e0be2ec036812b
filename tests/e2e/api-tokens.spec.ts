import { expect, expectLoggedIn, login, snap, test } from './helpers';

/** Issue 20, machine credentials: a user makes an API token on the profile page, sees the key once, the key works on
 * the API (narrowed to what was chosen), and revoking it stops it. */

test('make an API token, use it once, revoke it', async ({ page, request }, testInfo) => {
  await login(page, 'demo-city');
  await expectLoggedIn(page);
  await page.goto('/profile');
  const card = page.getByTestId('api-tokens-card');
  await expect(card.getByRole('button', { name: '新建令牌' })).toBeVisible();

  await card.getByRole('button', { name: '新建令牌' }).click();
  const dialog = page.getByRole('dialog', { name: '新建令牌' });
  const name = `e2e 同步 ${Date.now().toString(36)}`;
  await dialog.getByLabel('名称').fill(name);
  const capabilities = dialog.getByLabel('权限');
  for (const capability of ['查看机构', '查看教师信息']) {
    await capabilities.fill(capability);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${capability}$`) }).click();
  }
  await page.keyboard.press('Escape');
  await expect(dialog.locator('.ant-select-selection-item', { hasText: '查看教师信息' })).toBeVisible();
  await snap(page, testInfo, 'token-create');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/tokens/') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: /创\s*建/ }).click();
  expect((await created).status()).toBe(201);

  const shown = page.getByRole('dialog', { name: `令牌“${name}”已创建` });
  await expect(shown.getByText('密钥只显示这一次')).toBeVisible();
  const key = (await shown.getByTestId('api-token-key').innerText()).trim();
  expect(key).toMatch(/^tmis_[\w-]{40,}$/);
  await snap(page, testInfo, 'token-issued');
  await shown.getByRole('button', { name: '我已保存' }).click();

  const row = card.locator('tbody tr', { hasText: name });
  await expect(row).toContainText('有效');
  await expect(row).toContainText('查看教师信息');
  await expect(row).toContainText('兰州市');
  await expect(row).not.toContainText(key);

  const used = await request.get('/api/v1/orgs/', { headers: { Authorization: `Token ${key}` } });
  expect(used.status()).toBe(200);
  expect(used.headers()['ratelimit-limit']).toBe('600');
  const refused = await request.get('/api/v1/users/', { headers: { Authorization: `Token ${key}` } });
  expect(refused.status()).toBe(403); // users.view was not given to the token

  await page.reload();
  await expect(row).not.toContainText('从未使用');
  await row.getByRole('button', { name: /吊\s*销/ }).click();
  await page.getByRole('tooltip').getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(row).toContainText('已吊销');
  await snap(page, testInfo, 'token-revoked');
  const after = await request.get('/api/v1/orgs/', { headers: { Authorization: `Token ${key}` } });
  expect(after.status()).toBe(401);
});
