import { expect, expectLoggedIn, login, snap, test } from './helpers';
import { createDraft, token, uniqueTeacherName } from './archives';

const SCHOOL = '2162010201';

test('a draft shows one list of what is missing; a group without any record links to its tab and leaves the list once filled', async ({
  page,
  request,
}, testInfo) => {
  const access = await token(request, 'demo-school-a');
  const headers = { Authorization: `Bearer ${access}` };
  const name = uniqueTeacherName('周');
  const draft = await createDraft(request, access, SCHOOL, name);
  const id = String(draft.id);
  // The draft's only 学习经历 record goes: the group of the core set has none.
  const listed = (await (await request.get(`/api/v1/teachers/${id}/study/`, { headers })).json()) as { results: { id: number; etag: string }[] };
  const record = listed.results[0];
  expect(record).toBeTruthy();
  const removed = await request.delete(`/api/v1/teachers/${id}/study/${String(record?.id)}/`, {
    headers: { ...headers, 'If-Match': record?.etag ?? '' },
  });
  expect(removed.status(), await removed.text()).toBe(204);

  await login(page, 'demo-school-a');
  await expectLoggedIn(page);
  await page.goto(`/teachers/${id}`);
  await expect(page.getByTestId('teacher-name')).toHaveText(name);
  const missing = page.getByTestId('missing-items');
  await expect(missing).toHaveCount(1);
  await expect(missing).toContainText('还有 1 项需要完善');
  // Named by the group, in words: never its code.
  await expect(missing.getByRole('link', { name: '学习经历' })).toBeVisible();
  await expect(missing).not.toContainText('study');
  await snap(page, testInfo, 'missing-items-group');

  await missing.getByRole('link', { name: '学习经历' }).click();
  await expect(page).toHaveURL(/[?&]tab=study\b/);
  await expect(page.getByRole('tab', { name: '学习经历', selected: true })).toBeVisible();

  // A record saying 无 counts: the group leaves the list (a save in the form refreshes it too: reviews.spec).
  const added = await request.post(`/api/v1/teachers/${id}/study/`, { headers, data: { study_education: '0', study_degree_level: '0' } });
  expect(added.status(), await added.text()).toBe(201);
  await page.reload();
  await expect(page.getByTestId('teacher-name')).toHaveText(name);
  await expect(page.getByTestId('missing-items')).toHaveCount(0);
});
