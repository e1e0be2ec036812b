import { expect, expectLoggedIn, expectNoHorizontalScroll, login, pickOption, snap, test } from './helpers';

test('province admin adds an extension indicator, previews it and publishes version 1', async ({ page }, testInfo) => {
  await login(page, 'demo-province');
  await expectLoggedIn(page);
  await page.getByRole('menuitem', { name: '指标体系（省）' }).click();
  await expect(page).toHaveURL(/\/province-catalog/);
  await expect(page.getByTestId('version-in-force')).toContainText('尚未发布');
  await expect(page.getByRole('tab', { name: '可选指标' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'province-catalog-optional');

  // Add an extension indicator; the modal saves it to the draft.
  await page.getByRole('tab', { name: /扩展指标/ }).click();
  await page.getByRole('button', { name: /新增扩展指标/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('指标代码')).toHaveCount(0); // the code is made from the name, nobody types it
  await pickOption(page, dialog.getByLabel('所属分组'), /^基本信息$/, { shown: '基本信息' });
  await dialog.getByLabel('中文名称').fill('普通话证书编号');
  await dialog.getByLabel('英文名称', { exact: true }).fill('Mandarin certificate number');
  await dialog.getByLabel('最大长度').fill('30');
  await dialog.getByRole('switch', { name: '必填' }).click();
  await snap(page, testInfo, 'province-catalog-extension-modal');
  await dialog.getByRole('button', { name: '保存到草稿' }).click();
  await expect(dialog).toBeHidden();
  const extensions = page.getByTestId('extensions-table');
  await expect(extensions).toContainText('普通话证书编号');
  await expect(extensions).not.toContainText('ext_');
  await expect(page.getByTestId('draft-status')).toContainText('草稿');

  // Saving the draft again is harmless.
  await page.getByRole('button', { name: /保存草稿/ }).click();
  await expect(page.getByText('草稿已保存').first()).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'province-catalog-extensions');

  // The preview shows the new field in the 基本信息 section, marked as an extension and required.
  await page.getByRole('tab', { name: '预览' }).click();
  const field = page.getByTestId('preview-field-ext_pthzsbh');
  await expect(field).toBeVisible();
  await expect(field).toContainText('普通话证书编号');
  await expect(field).toContainText('扩展');
  await expect(field.locator('.ant-form-item-required')).toHaveCount(1);
  await snap(page, testInfo, 'province-catalog-preview');

  // Publish: the confirmation lists the change in words.
  await page.getByRole('button', { name: /发\s*布/ }).first().click();
  const confirm = page.getByRole('dialog');
  await expect(confirm.getByTestId('publish-diff')).toContainText('新增扩展指标');
  await expect(confirm.getByTestId('publish-diff')).toContainText('普通话证书编号');
  await snap(page, testInfo, 'province-catalog-publish-confirm');
  await confirm.getByRole('button', { name: '确认发布' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('version-in-force')).toContainText('第 1 版');
  await expect(page.getByTestId('draft-status')).toContainText('没有草稿');
  // Without a draft the preview shows the version in force: the published extension is part of it.
  await page.getByRole('tab', { name: '预览' }).click();
  await expect(page.getByTestId('preview-field-ext_pthzsbh')).toBeVisible();
  await snap(page, testInfo, 'province-catalog-published');
});

test('a school filler cannot edit the province catalogue but browses the 17 groups', async ({ page }, testInfo) => {
  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await expect(page.getByRole('menuitem', { name: /指标体系$/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '指标体系（省）' })).toHaveCount(0);

  await page.getByRole('menuitem', { name: /指标体系$/ }).click();
  await expect(page).toHaveURL(/\/catalog/);
  const groups = page.getByTestId('catalog-groups').getByRole('menuitem');
  await expect(groups).toHaveCount(17);
  await expect(groups.first()).toContainText('基本信息');
  await expect(page.getByTestId('catalog-indicators')).toContainText('姓名');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'catalog-browser');

  // A many-row group, and the school-kind filter.
  await groups.filter({ hasText: '学习经历' }).click();
  await expect(page.getByRole('heading', { name: '学习经历' })).toBeVisible();
  await expect(page.getByTestId('catalog-indicators').locator('tbody tr.ant-table-row').first()).toBeVisible();
  await page.getByLabel('学校类型').click();
  await page.locator('.ant-select-dropdown:visible').getByText('幼儿园', { exact: true }).click();
  await expect(page.getByTestId('catalog-groups').getByRole('menuitem').first()).toBeVisible();
  await snap(page, testInfo, 'catalog-browser-kindergarten');

  // Search for an indicator.
  await page.getByPlaceholder('指标名称或代码').fill('民族');
  await page.getByPlaceholder('指标名称或代码').press('Enter');
  await expect(page.getByTestId('catalog-indicators')).toContainText('民族');
  await snap(page, testInfo, 'catalog-browser-search');

  // The code table link opens the code table browser with the items.
  await page.getByTestId('catalog-indicators').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/code-tables\?table=/);
  await expect(page.getByTestId('code-table-title')).toContainText('民族');
  await expect(page.getByTestId('code-items')).toContainText('汉族');
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, 'code-tables');
});
