import { type Locator } from '@playwright/test';

import { expect, expectLoggedIn, expectNoHorizontalScroll, login, openMenuItem, snap, test } from './helpers';

/** The 地市级 box of a kind's card, and whether it is ticked. */
const cityBox = (card: Locator) => card.getByTestId('flow-level-city').locator('input[type="checkbox"]');

test('a province admin adds the city level to teacher information and sees locked and derived chains', async ({ page }, testInfo) => {
  await login(page, 'demo-province');
  await expectLoggedIn(page);
  await page.getByRole('menuitem', { name: '审核流程' }).click();
  await expect(page).toHaveURL(/\/review-flows/);

  const info = page.getByTestId('flow-teacher_info');
  const key = page.getByTestId('flow-teacher_key_change');
  await expect(info).toContainText('教师信息');
  await expect(info.getByTestId('flow-steps')).toContainText('学校');
  await expect(info.getByTestId('flow-steps')).not.toContainText('地市级');

  // National levels are locked, with the reason on hover; the others can be ticked.
  const school = info.getByTestId('flow-level-school').locator('input[type="checkbox"]');
  await expect(school).toBeChecked();
  await expect(school).toBeDisabled();
  await expect(info.getByTestId('flow-level-county').locator('input[type="checkbox"]')).toBeDisabled();
  await info.getByTestId('flow-level-school').hover();
  await expect(page.getByRole('tooltip')).toContainText('国家规定的审核层级');
  await expect(cityBox(info)).toBeEnabled();

  // Key information follows teacher information: read-only, explained.
  await expect(key.getByTestId('flow-derived')).toContainText('由“教师信息”的审核流程再加上省级审核组成');
  await expect(key.locator('input[type="checkbox"]')).toHaveCount(0);
  await expect(key.getByTestId('flow-steps')).toContainText('省级');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'review-flows-before');

  // Add the city level and save: the steps show it, and the derived chain follows.
  await cityBox(info).check();
  await expect(info.getByTestId('flow-steps')).toContainText('地市级');
  await info.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('已保存“教师信息”的审核流程')).toBeVisible();
  await expect(key.getByTestId('flow-steps')).toContainText('地市级');
  await snap(page, testInfo, 'review-flows-saved');

  // After a reload the saved chain is what the server has.
  await page.reload();
  await expect(cityBox(page.getByTestId('flow-teacher_info'))).toBeChecked();
  await expect(page.getByTestId('flow-teacher_info')).toContainText('修改于');
  const steps = await page.getByTestId('flow-teacher_info').getByTestId('flow-step').allInnerTexts();
  expect(steps).toEqual(['1. 学校', '2. 区县级', '3. 地市级']);
  await expect(page.getByTestId('flow-teacher_key_change').getByTestId('flow-steps')).toContainText('地市级');

  // Put the chain back for the other specs (they share the database).
  await cityBox(page.getByTestId('flow-teacher_info')).uncheck();
  await page.getByTestId('flow-teacher_info').getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('已保存“教师信息”的审核流程')).toBeVisible();
  await page.reload();
  await expect(cityBox(page.getByTestId('flow-teacher_info'))).not.toBeChecked();
});

test('the review chains are not in the menu of a county administrator', async ({ page }) => {
  await login(page, 'demo-county-a');
  await expectLoggedIn(page);
  await openMenuItem(page, '系统管理', '机构');
  await expect(page.getByRole('menuitem', { name: '审核流程' })).toHaveCount(0);
});
