import { type APIRequestContext, type Page } from '@playwright/test';

import { createDraft, token } from './archives';
import { expect } from './helpers';

// What the teacher-change specs (issue 15) share: an approved archive of their own, reviewers' approvals through the
// API, the masked name, the date pickers and logging out.

export const SCHOOL_A = '2162010201'; // 城关区 (sending)
export const SCHOOL_B_NAME = '七里河区建兰路小学'; // 2162010301, 七里河区 (receiving)
const REVIEWS = '/api/v1/reviews/';

type Json = Record<string, unknown>;

/** Each login approves the submission in turn (its current level). */
export async function approve(request: APIRequestContext, submission: number, logins: string[]): Promise<void> {
  for (const login of logins) {
    const access = await token(request, login);
    const response = await request.post(`${REVIEWS}${String(submission)}/approve/`, { headers: { Authorization: `Bearer ${access}` } });
    expect(response.status(), `${login}: ${await response.text()}`).toBe(200);
  }
}

/** An approved archive of school A (submitted by its filler, approved by the school and the county): id and number. */
export async function approvedArchive(
  request: APIRequestContext,
  name: string,
): Promise<{ id: number; idNumber: string; teacherNo: string }> {
  const filler = await token(request, 'demo-school-a');
  const headers = { Authorization: `Bearer ${filler}` };
  const created = await createDraft(request, filler, SCHOOL_A, name);
  const id = Number(created.id);
  const submitted = await request.post(`/api/v1/teachers/${String(id)}/submit/`, { headers });
  expect(submitted.status(), await submitted.text()).toBe(201);
  await approve(request, Number(((await submitted.json()) as Json).id), ['demo-school-a-reviewer', 'demo-county-a']);
  const full = (await (await request.get(`/api/v1/teachers/${String(id)}/id-number/`, { headers })).json()) as { id_number: string };
  const archive = (await (await request.get(`/api/v1/teachers/${String(id)}/`, { headers })).json()) as Json;
  expect(archive.record_state).toBe('approved');
  return { id, idNumber: full.id_number, teacherNo: String(archive.teacher_no) };
}

/** 张*伟: the first character and, from three characters, the last (the API's mask). */
export const masked = (name: string): string => `${name.charAt(0)}${'*'.repeat(name.length - 2)}${name.charAt(name.length - 1)}`;

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Types a date into the DatePicker of the form item `testId`. */
export async function pickDate(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(testId).locator('input');
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
}
