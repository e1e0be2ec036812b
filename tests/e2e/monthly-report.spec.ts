import { readFileSync } from 'node:fs';

import { expect, expectLoggedIn, expectNoHorizontalScroll, login, openMenuItem, snap, test } from './helpers';

/** 月报表 and 通报 (统计分析): a province takes the month's snapshot, drills down, downloads the form, ranks. */
test.describe.configure({ mode: 'serial' });

test('a province takes the snapshot, reads the monthly report, drills down, downloads it and ranks its cities', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, 'demo-province');
  await expectLoggedIn(page);

  // Through the menu: 统计分析 → 月报表.
  await openMenuItem(page, '统计分析', '月报表');
  const menu = page.getByTestId('app-menu');
  await menu.getByText('月报表').click();
  await expect(page).toHaveURL(/\/reports\/monthly$/);
  await expect(page.getByText('各级教育行政部门的教师信息采集')).toBeVisible();

  // A fresh database has no snapshot yet: the empty state offers the button (a reused server may have one).
  await expect(page.getByTestId('take-snapshot')).toBeVisible();
  if (await page.getByTestId('monthly-empty').isVisible()) await snap(page, testInfo, 'monthly-empty-1440');
  const taken = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/reports/monthly/') && response.request().method() === 'POST',
  );
  await page.getByTestId('take-snapshot').click();
  expect((await taken).status()).toBe(201);
  await expect(page.getByText(/已生成 \d{4}年\d{1,2}月 的快照/)).toBeVisible();

  const table = page.getByTestId('monthly-table');
  const lanzhou = table.getByRole('row').filter({ has: page.getByRole('link', { name: '兰州市', exact: true }) });
  await expect(lanzhou).toBeVisible();
  // 应报学校数 of 兰州市: the demo schools of 城关区 and 七里河区.
  await expect(lanzhou.getByRole('cell').nth(1)).toHaveText(/^[1-9]\d*$/);
  await expect(page.getByTestId('monthly-total')).toContainText('合计');
  // The collection rate from the statistics headcounts (the demo enters them), and the province's working-group
  // contact (its liaison).
  await expect(page.getByTestId('monthly-total')).toContainText('%');
  await expect(page.getByTestId('monthly-total')).toContainText('张敏');
  await expect(table.getByRole('columnheader', { name: '问题数据' })).toBeVisible();
  await expect(page.getByTestId('report-period')).toContainText(/\d{4}年\d{1,2}月/);
  await snap(page, testInfo, 'monthly-province-1440');

  // Drill down to 兰州市: its districts, and the breadcrumb back up to 甘肃省.
  await lanzhou.getByRole('link', { name: '兰州市', exact: true }).click();
  await expect(page).toHaveURL(/org=620100/);
  await expect(table.getByRole('link', { name: '城关区', exact: true })).toBeVisible();
  const trail = page.getByTestId('report-org-trail');
  await expect(trail).toContainText('兰州市');
  // A district's row opens to its school kinds.
  const chengguan = table.getByRole('row').filter({ has: page.getByRole('link', { name: '城关区', exact: true }) });
  await chengguan.getByRole('button').first().click();
  await expect(table.getByRole('row').filter({ hasText: '中小学' }).first()).toBeVisible();
  await snap(page, testInfo, 'monthly-lanzhou-1440');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-monthly').click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const bytes = readFileSync(file);
  expect(bytes.length).toBeGreaterThan(0);
  expect(bytes.subarray(0, 2).toString()).toBe('PK'); // an XLSX is a zip

  await trail.getByRole('link', { name: '甘肃省' }).click();
  await expect(page).not.toHaveURL(/org=/);
  await expect(table.getByRole('link', { name: '兰州市', exact: true })).toBeVisible();

  // 通报: the cities ranked, the notice's title.
  await page.getByTestId('app-menu').getByText('通报').click();
  await expect(page).toHaveURL(/\/reports\/ranking$/);
  await expect(page.getByTestId('ranking-title')).toHaveText(/^甘肃省全国教师管理信息系统部署与启用情况通报（\d{4}年\d{1,2}月）$/);
  const ranking = page.getByTestId('ranking-table');
  await expect(ranking.getByRole('row').filter({ hasText: '兰州市' })).toBeVisible();
  await expect(ranking.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('1');
  await expect(page.getByTestId('print-ranking')).toBeEnabled();
  await snap(page, testInfo, 'ranking-province-1440');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('app-menu')).toBeHidden();
  await snap(page, testInfo, 'ranking-print');
  await page.emulateMedia({ media: 'screen' });

  // In English.
  await page.getByTestId('language-switch').getByText('English').click();
  await expect(page.getByTestId('ranking-title')).toContainText('deployment and use of the national teacher management information system');
  await expect(page.getByTestId('ranking-table')).toContainText('Approval rate');
  await snap(page, testInfo, 'ranking-english-1440');
  await page.getByTestId('language-switch').getByText('中文').click();
  await expect(page.getByTestId('ranking-title')).toContainText('通报');

  // A phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'ranking-province-390');
  await page.goto('/reports/monthly');
  await expect(table.getByRole('link', { name: '兰州市', exact: true })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'monthly-province-390');
});

test('a county reads its monthly report but cannot take a snapshot', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, 'demo-county-a');
  await expectLoggedIn(page);
  await page.goto('/reports/monthly');
  await expect(page.getByTestId('monthly-table')).toBeVisible();
  await expect(page.getByTestId('monthly-table')).toContainText('兰州市城关区第一实验小学');
  await expect(page.getByTestId('take-snapshot')).toHaveCount(0);
  // Schools are the bottom: no drill-down links.
  await expect(page.getByTestId('report-drill')).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'monthly-county-1440');
});

test('the Ministry’s 通报 ranks the provinces and lists their overdue work-plan milestones', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, 'demo-central');
  await expectLoggedIn(page);
  // The Ministry takes this month's snapshot too (the contacts and figures as of now).
  await page.goto('/reports/monthly');
  const taken = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/reports/monthly/') && response.request().method() === 'POST',
  );
  await page.getByTestId('take-snapshot').click();
  expect((await taken).status()).toBe(201);
  await page.goto('/reports/ranking');
  const ranking = page.getByTestId('ranking-table');
  const gansu = ranking.getByRole('row').filter({ hasText: '甘肃省' });
  await expect(gansu).toBeVisible();
  // The demo plan's second milestone fell due 20 days ago and is not done.
  await expect(gansu.getByTestId('overdue-milestones')).toContainText('完成全省学校和教师基础信息采集');
  await expect(ranking.getByRole('columnheader', { name: '采集率' })).toBeVisible();
  await snap(page, testInfo, 'ranking-ministry-1440');
});
