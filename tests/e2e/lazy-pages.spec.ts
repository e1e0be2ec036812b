import { expect, expectLoggedIn, expectNoHorizontalScroll, login, snap, test } from './helpers';

for (const viewport of [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`login page and a lazily loaded page at ${viewport.name} width`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto('/login');
    await expect(page.getByLabel('用户名')).toBeVisible();
    await expectNoHorizontalScroll(page);
    await snap(page, testInfo, `login-${viewport.name}`);

    // Submitting empty fields shows the errors at the fields.
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByText('请输入用户名')).toBeVisible();
    await expect(page.getByText('请输入密码')).toBeVisible();

    await login(page, 'demo-county-a');
    await expectLoggedIn(page);
    // The organisation tree's code downloads when its route opens.
    const loaded: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') loaded.push(new URL(response.url()).pathname);
    });
    await page.goto('/orgs');
    await expect(page.getByRole('tree')).toBeVisible();
    expect(loaded.some((path) => path.includes('orgs-page'))).toBe(true);
    await snap(page, testInfo, `orgs-${viewport.name}`);
  });
}

test('a route the user may not open answers 403 without its page', async ({ page }) => {
  await login(page, 'demo-county-a');
  await expectLoggedIn(page);
  await page.goto('/province-catalog');
  await expect(page.getByText('无权访问')).toBeVisible();
});
