import { readFile } from 'node:fs/promises';

import type { Locator, Page } from '@playwright/test';

import { expect, expectLoggedIn, expectNoHorizontalScroll, login, snap, test } from './helpers';

/** The structure charts of the dashboard (issue 16), by test id. */
const CHARTS = ['chart-pyramid', 'chart-education', 'chart-title', 'chart-ethnicity', 'chart-urban-rural'];

/** A headline figure as a number (the Statistic shows thousands separators). */
async function figure(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).locator('.ant-statistic-content-value').innerText();
  return Number(text.replace(/[,\s]/g, ''));
}

async function expectDrawn(card: Locator): Promise<void> {
  await expect(card.locator('canvas').first()).toBeVisible();
  await expect(card.locator('.ant-alert-error')).toHaveCount(0);
}

/**
 * Where the top bar of a ranking is drawn, in page coordinates: the first pixel below the legend in the colour of
 * 草稿 (grey, every demo county has drafts), found on the canvas itself.
 */
async function topBarPoint(chart: Locator): Promise<{ x: number; y: number }> {
  await chart.scrollIntoViewIfNeeded();
  const point = await chart.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (!context) return null;
    const scale = canvas.width / canvas.clientWidth;
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    const grey = (i: number) =>
      Math.abs(data[i] - 0x8c) < 3 && Math.abs(data[i + 1] - 0x8c) < 3 && Math.abs(data[i + 2] - 0x8c) < 3;
    // A run of 10 px of that grey: a bar, not the anti-aliased edge of a label's text.
    const run = Math.round(10 * scale);
    for (let y = Math.round(40 * scale); y < height; y += 1) {
      let length = 0;
      for (let x = 0; x < width; x += 1) {
        length = grey((y * width + x) * 4) ? length + 1 : 0;
        if (length >= run) {
          const rect = canvas.getBoundingClientRect();
          // A few pixels into the bar, away from its edges.
          return { x: rect.left + (x - run / 2) / scale, y: rect.top + (y + 5 * scale) / scale };
        }
      }
    }
    return null;
  });
  expect(point, 'a bar drawn on the ranking').toBeTruthy();
  return point ?? { x: 0, y: 0 };
}

/**
 * Picks a kind of school in the filter (antd marks each option with its label as title). Once more if the first
 * click fell into the dropdown's opening animation (seen at 390 px on the busy machine): the URL tells.
 */
async function pickSchoolType(page: Page, label: string, url: RegExp): Promise<void> {
  await expect(async () => {
    const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`);
    if (!(await option.isVisible())) await page.getByTestId('report-school-type').click();
    await option.click({ timeout: 2_000 });
    await expect(page).toHaveURL(url, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}

/** Clicks a card's button and returns the downloaded file's name and bytes. */
async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

for (const width of [1440, 390]) {
  test(`a county's dashboard at ${String(width)} px: figures, charts, downloads and the school-type filter`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    await login(page, 'demo-county-a');
    await expectLoggedIn(page);

    // Headline figures first (no echarts needed), non-zero for 城关区: most of its staff are 专任教师 (the heads and
    // party secretaries are administrators).
    await expect(page.getByTestId('report-trail')).toContainText('城关区');
    await expect(page.getByTestId('headline-teachers')).toBeVisible();
    const teachers = await figure(page, 'headline-teachers');
    expect(teachers).toBeGreaterThan(0);
    const fulltime = await figure(page, 'headline-fulltime');
    expect(fulltime).toBeGreaterThan(teachers / 2);
    expect(fulltime).toBeLessThan(teachers);
    expect(await figure(page, 'count-school')).toBeGreaterThan(0);
    await expect(page.getByTestId('headline-approval')).toContainText('%');
    // The collection rate against the demo's statistics headcounts (教育事业统计).
    await expect(page.getByTestId('headline-collection')).toContainText(/采集率 \d+\.\d%（统计教职工数 \d+）/);
    await expect(page.getByTestId('headline-approval-detail')).toContainText(`/ 总数 ${teachers.toLocaleString('en-US')}`);

    // Every chart draws; the children (schools of 城关区) are listed beside the ranking, not drillable.
    for (const chart of CHARTS) await expectDrawn(page.getByTestId(chart));
    await expectDrawn(page.getByTestId('chart-children'));
    await expect(page.getByTestId('chart-pyramid-chart')).toHaveAttribute('aria-label', /年龄结构（按性别）：男 \d+ 人，女 \d+ 人/);
    const list = page.getByTestId('children-list');
    await expect(list).toContainText('兰州市城关区第一实验小学');
    await expect(list.locator('[data-testid^="drill-"]')).toHaveCount(0);
    await expect(page.getByText('暂无数据')).toHaveCount(0);
    await expectNoHorizontalScroll(page);
    await snap(page, testInfo, `county-dashboard-${String(width)}`);

    if (width < 500) {
      // The cards stack: one column, each below the other.
      const pyramid = await page.getByTestId('chart-pyramid').boundingBox();
      const education = await page.getByTestId('chart-education').boundingBox();
      expect(pyramid && education).toBeTruthy();
      if (pyramid && education) {
        expect(Math.abs(pyramid.x - education.x)).toBeLessThan(2);
        expect(education.y).toBeGreaterThanOrEqual(pyramid.y + pyramid.height);
        expect(pyramid.width).toBeGreaterThan(width - 80);
      }
    }

    // 下载数据: the chart's figures as XLSX (a zip), named after the county.
    const xlsx = await download(page, page.getByTestId('chart-education-xlsx'));
    expect(xlsx.name).toMatch(/^城关区-education\.xlsx$/);
    expect(xlsx.bytes.length).toBeGreaterThan(1000);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
    const children = await download(page, page.getByTestId('chart-children-xlsx'));
    expect(children.name).toMatch(/^城关区-record_state-children\.xlsx$/);
    expect(children.bytes.length).toBeGreaterThan(1000);

    // 下载图片: the chart as PNG.
    const png = await download(page, page.getByTestId('chart-pyramid-png'));
    expect(png.name).toBe('城关区-年龄结构（按性别）.png');
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(png.bytes.length).toBeGreaterThan(2000);

    // The table view of a chart.
    await page.getByTestId('chart-education-table-toggle').click();
    await expect(page.getByTestId('chart-education').getByRole('columnheader', { name: '人数' })).toBeVisible();
    await expect(page.getByTestId('chart-education').locator('tbody tr').first()).toBeVisible();
    await page.getByTestId('chart-education-table-toggle').click();
    await expectDrawn(page.getByTestId('chart-education'));

    // The school-type filter: kindergartens only — fewer teachers, still some; the URL keeps the filter.
    await pickSchoolType(page, '幼儿园', /school_type=kindergarten/);
    await expect.poll(() => figure(page, 'headline-teachers')).toBeLessThan(teachers);
    expect(await figure(page, 'headline-teachers')).toBeGreaterThan(0);
    await expect(page.getByTestId('children-list')).toContainText('阳光幼儿园');
    await expect(page.getByTestId('children-list')).not.toContainText('第一实验小学');
    for (const chart of CHARTS) await expectDrawn(page.getByTestId(chart));

    await expectNoHorizontalScroll(page);
    await snap(page, testInfo, `county-dashboard-kindergarten-${String(width)}`);

    // 专任教师 only: the kindergartens' 专任教师 (教职工类别 04 of their own table), fewer than all their staff; the
    // charts count them alone.
    const pyramidAll = await page.getByTestId('chart-pyramid-chart').getAttribute('aria-label');
    await page.getByTestId('report-staff').getByText('专任教师').click();
    await expect(page).toHaveURL(/staff=fulltime/);
    const kindergartenFulltime = await figure(page, 'headline-fulltime');
    expect(kindergartenFulltime).toBeGreaterThan(0);
    expect(kindergartenFulltime).toBeLessThan(await figure(page, 'headline-teachers'));
    await expect(page.getByTestId('chart-pyramid-chart')).not.toHaveAttribute('aria-label', pyramidAll ?? '');
    for (const chart of CHARTS) await expectDrawn(page.getByTestId(chart));
    await snap(page, testInfo, `county-dashboard-fulltime-${String(width)}`);
    await page.getByTestId('report-staff').getByText('全部教职工').click();
    await expect(page).not.toHaveURL(/staff=/);
    await expectDrawn(page.getByTestId('chart-pyramid'));

    // A kind of school 城关区 does not have: the empty state too.
    await pickSchoolType(page, '高等学校', /school_type=higher/);
    await expect(page.getByTestId('reports-empty')).toContainText('该范围内暂无教师数据');
    await expect.poll(() => figure(page, 'headline-teachers')).toBe(0);
    await snap(page, testInfo, `county-dashboard-empty-${String(width)}`);
  });
}

test('the city drills down to its counties by bar and by list, and back up by the breadcrumb', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, 'demo-city');
  await expectLoggedIn(page);
  await expect(page.getByTestId('report-trail')).toContainText('兰州市');
  const cityTeachers = await figure(page, 'headline-teachers');
  expect(cityTeachers).toBeGreaterThan(0);

  const list = page.getByTestId('children-list');
  await expect(list.getByTestId('drill-620102')).toHaveText('城关区');
  await expect(list.getByTestId('drill-620103')).toHaveText('七里河区');
  const ranking = page.getByTestId('chart-children-chart');
  await expect(ranking.locator('canvas')).toBeVisible();
  await snap(page, testInfo, 'city-dashboard');

  // A click on the largest child's bar (the top one, largest first) opens that county's dashboard.
  const firstName = await list.locator('tbody tr').first().locator('[data-testid^="drill-"]').innerText();
  const bar = await topBarPoint(ranking);
  await page.mouse.click(bar.x, bar.y);
  await expect(page).toHaveURL(/org=6201\d\d/);
  await expect(page.getByTestId('report-trail')).toContainText(firstName);
  await expect(page.getByTestId('report-trail').getByRole('link', { name: '兰州市' })).toBeVisible();

  // Back up by the breadcrumb, then down to 城关区 by its name in the list.
  await page.getByTestId('report-trail').getByRole('link', { name: '兰州市' }).click();
  await expect(page).not.toHaveURL(/org=/);
  await expect.poll(() => figure(page, 'headline-teachers')).toBe(cityTeachers);
  await page.getByTestId('drill-620102').click();
  await expect(page).toHaveURL(/org=620102/);
  await expect(page.getByTestId('report-trail')).toContainText('城关区');
  await expect(page.getByTestId('children-list')).toContainText('兰州市城关区第一实验小学');
  const countyTeachers = await figure(page, 'headline-teachers');
  expect(countyTeachers).toBeGreaterThan(0);
  expect(countyTeachers).toBeLessThan(cityTeachers);
  for (const chart of CHARTS) await expectDrawn(page.getByTestId(chart));
  await snap(page, testInfo, 'city-drilled-to-chengguan');

  // The drill-down survives a reload (it is in the URL), and a phone shows it stacked.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId('report-trail')).toContainText('城关区');
  await expect.poll(() => figure(page, 'headline-teachers')).toBe(countyTeachers);
  await expectDrawn(page.getByTestId('chart-children'));
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'city-drilled-390');

  // In English: the texts and the API's names follow (Accept-Language).
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('language-switch').getByText('English').click();
  await expect(page.getByTestId('headline-figures')).toContainText('Staff in all');
  await expect(page.getByTestId('chart-children')).toContainText('Units below, ranked');
  await expect(page.getByTestId('chart-pyramid-chart')).toHaveAttribute('aria-label', /Age by gender: Male \d+, Female \d+/);
  await expect(page.getByTestId('chart-education').getByRole('button', { name: 'Download data' })).toBeVisible();
  await expectDrawn(page.getByTestId('chart-pyramid'));
  await snap(page, testInfo, 'city-drilled-english');
  await page.getByTestId('language-switch').getByText('中文').click();
  await expect(page.getByTestId('headline-figures')).toContainText('教职工总数');

  // A county's schools open their teacher lists: the list filtered to the school, the filter naming it.
  const school = page.getByTestId('children-list').getByRole('link', { name: '兰州市城关区第一实验小学' });
  await school.click();
  await expect(page).toHaveURL(/\/teachers\?org=\w+/);
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByText('兰州市城关区第一实验小学（', { exact: false }).first()).toBeVisible();
  const schools = await rows.locator('td').filter({ hasText: /学校|幼儿园|小学|中学/ }).allInnerTexts();
  expect(schools.length).toBeGreaterThan(0);
  for (const name of schools) expect(name).toContain('兰州市城关区第一实验小学');
  await snap(page, testInfo, 'county-school-teachers');
});

test('the headline figures show before echarts arrives; the login page never loads it', async ({ page }) => {
  const scripts: string[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(new URL(response.url()).pathname);
  });
  await page.goto('/login');
  await expect(page.getByRole('button', { name: /登\s*录/ })).toBeVisible();
  expect(scripts.filter((path) => path.includes('echart'))).toEqual([]);

  // echarts held back: the figures are there, the charts wait in their skeletons.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/assets\/echart-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await login(page, 'demo-county-a');
  await expect(page.getByTestId('headline-teachers')).toBeVisible();
  expect(await figure(page, 'headline-teachers')).toBeGreaterThan(0);
  await expect(page.getByTestId('chart-pyramid').getByTestId('chart-loading')).toBeVisible();
  await expect(page.locator('canvas')).toHaveCount(0);
  release();
  await expectDrawn(page.getByTestId('chart-pyramid'));
  expect(scripts.filter((path) => path.includes('echart')).length).toBe(1);
});

test('a school keeps its own home: to-dos, no dashboard', async ({ page }, testInfo) => {
  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await expect(page.getByText(/欢迎/)).toBeVisible();
  await expect(page.getByTestId('home-todos')).toBeVisible();
  await expect(page.getByTestId('reports-dashboard')).toHaveCount(0);
  await snap(page, testInfo, 'school-home');
});
