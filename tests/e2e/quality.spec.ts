import { expect, expectLoggedIn, login, openMenuItem, snap, test } from './helpers';

/** 问题数据 (教师信息): a county sees its schools' quality scores and opens a school's worklist, with rule names. */
test('a county opens 问题数据, sees the scores and a school worklist with rule names, not codes', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await login(page, 'demo-county-a');
  await expectLoggedIn(page);

  await openMenuItem(page, '教师信息', '问题数据');
  await page.getByTestId('app-menu').getByText('问题数据').click();
  await expect(page).toHaveURL(/\/quality$/);

  // The county's own score, and one row per school with its score and counts per rule.
  const total = page.getByTestId('quality-total');
  await expect(total).toContainText('城关区 质量得分');
  await expect(total.locator('.ant-statistic-content-value').first()).toHaveText(/^\d{1,3}\.\d$/);
  const summary = page.getByTestId('quality-summary');
  const school = summary.getByRole('row').filter({ hasText: '兰州市城关区育才初级中学' });
  await expect(school).toBeVisible();
  await expect(school.locator('.ant-progress')).toBeVisible();
  await expect(summary.getByRole('columnheader', { name: '进本校年月早于参加工作年月' })).toBeVisible();
  await snap(page, testInfo, 'quality-county-summary');

  // Drill down to the school: its worklist names the teacher (a link to the archive), the rule and the problem.
  await school.getByRole('button', { name: '兰州市城关区育才初级中学' }).click();
  await expect(page).toHaveURL(/school=3162010202/);
  const worklist = page.getByTestId('quality-worklist');
  const rules = worklist.getByTestId('issue-rule');
  await expect(rules.first()).toBeVisible();
  await expect(worklist.getByText('进本校年月早于参加工作年月').first()).toBeVisible();
  await expect(worklist).not.toContainText(/Q00\d/);
  await expect(worklist.getByRole('link').first()).toHaveAttribute('href', /\/teachers\/\d+$/);
  await snap(page, testInfo, 'quality-school-worklist');

  // Filter by rule, then back to the summary.
  await page.getByTestId('quality-rule-filter').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '参加工作时未满16周岁' }).click();
  await expect(page).toHaveURL(/rule=Q002/);
  await expect(worklist.getByTestId('issue-rule').first()).toHaveText('参加工作时未满16周岁');
  await page.getByTestId('quality-back').click();
  await expect(page.getByTestId('quality-summary')).toBeVisible();
});
