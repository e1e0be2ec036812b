import { type Page } from '@playwright/test';

import { expect, test, expectLoggedIn, expectNoHorizontalScroll, login, snap } from './helpers';

const ID_FEMALE = '620102199004150024'; // 17th digit even: 女, born 1990-04-15

async function openNewTeacher(page: Page) {
  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await page.goto('/teachers/new');
  await expect(page.getByTestId('field-name')).toBeVisible();
}

for (const width of [1440, 390]) {
  test(`the new-teacher form at ${width} px: names not codes, search, 是/否, derived gender, live required marks`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width, height: 900 });
    await openNewTeacher(page);

    // Options show names only, and are found by pinyin initials or code as well as by name.
    await page.getByTestId('field-gender').locator('.ant-select').click();
    const dropdown = page.locator('.ant-select-dropdown:visible');
    await expect(dropdown.getByText('女', { exact: true })).toBeVisible();
    await expect(dropdown).not.toContainText('2 女');
    await page.keyboard.press('Escape');
    const ethnicity = page.getByTestId('field-ethnicity');
    await ethnicity.locator('.ant-select').click();
    await ethnicity.locator('input').fill('hz');
    await expect(page.locator('.ant-select-dropdown:visible').getByText('汉族', { exact: true })).toBeVisible();
    await snap(page, testInfo, `forms-option-search-${width}`);
    await page.keyboard.press('Escape');

    // Gender and birth date come from the resident ID number.
    await page.getByTestId('field-id_number').getByRole('textbox').fill(ID_FEMALE);
    await expect(page.getByTestId('field-gender')).toContainText('女');
    await expect(page.getByTestId('field-birth_date').locator('input')).toHaveValue('1990-04-15');

    // Enter in a date picker confirms the date and does not validate the whole form.
    const month = page.getByTestId('field-work_start_month').locator('input');
    await month.click();
    await month.fill('2012-09');
    await month.press('Enter');
    await expect(page).toHaveURL(/\/teachers\/new$/);
    await expect(page.getByTestId('field-name').locator('.ant-form-item-explain-error')).toHaveCount(0);

    // Yes/no is one 是/否 choice; 用人形式 is required (its *) only while 是否在编 is 否.
    const establishment = page.getByTestId('field-on_establishment');
    await expect(establishment.getByRole('radio', { name: '是' })).toBeVisible();
    await expect(establishment.getByRole('radio', { name: '否' })).toBeVisible();
    const employment = page.getByTestId('field-employment_form');
    await establishment.getByText('否', { exact: true }).click();
    await expect(employment.locator('.ant-form-item-required')).toHaveCount(1);
    await establishment.getByText('是', { exact: true }).click();
    await expect(employment.locator('.ant-form-item-required')).toHaveCount(0);

    await snap(page, testInfo, `forms-new-teacher-${width}`);
    await expectNoHorizontalScroll(page);
  });
}
