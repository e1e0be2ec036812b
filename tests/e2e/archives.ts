import { expect, type APIRequestContext } from '@playwright/test';

import { PASSWORD } from './helpers';

// Archives created through the API by the specs that need review items of their own: one place that knows what
// a complete draft needs (key information, required extensions, a record in each core group).

type Json = Record<string, unknown>;

/** Fields of an archive or a record the API writes itself: not sent back when one is copied. */
const READ_ONLY = new Set([
  'id', 'teacher', 'teacher_no', 'school_name', 'record_state', 'ever_approved', 'pending_change',
  'catalogue_version', 'version', 'created_at', 'updated_at', 'created_by', 'updated_by',
]);

function writable(source: Json): Json {
  return Object.fromEntries(Object.entries(source).filter(([key]) => !READ_ONLY.has(key)));
}

/** An access token of a demo login, through the API. */
export async function token(request: APIRequestContext, username: string): Promise<string> {
  const response = await request.post('/api/v1/auth/token/', { data: { username, password: PASSWORD } });
  expect(response.ok()).toBeTruthy();
  return ((await response.json()) as { access: string }).access;
}

const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏飞慧琳婷雪晨宇浩然欣怡子轩佳琪文博思远';

/** A name no demo teacher has: the demo data uses one-character surnames, so `surname` is a two-character one. */
export function uniqueTeacherName(surname: string): string {
  const pick = () => GIVEN.charAt(Math.floor(Math.random() * GIVEN.length));
  return `${surname}${pick()}${pick()}${pick()}`;
}

/** GB 11643 check character: ISO 7064 MOD 11-2 over the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, index) => total + Number(digit) * (weights[index] ?? 0), 0);
  return '10X98765432'.charAt(sum % 11);
}

/** A resident ID number for this birth date and gender (odd sequence for men), random otherwise. */
export function residentId(birthDate: string, male: boolean): string {
  const sequence = Math.floor(Math.random() * 500) * 2 + (male ? 1 : 0);
  const first17 = `620102${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** A value the catalogue accepts for a required extension indicator (the catalogue test publishes one). */
function extensionValue(property: Json, dataType: string): unknown {
  const items = property.items as Json | undefined;
  if (Array.isArray(property.enum)) return property.enum[0];
  if (property.type === 'array') return Array.isArray(items?.enum) ? [items.enum[0]] : [];
  if (property.type === 'boolean' || dataType === 'boolean') return false;
  if (property.type === 'integer' || property.type === 'number') return 1;
  if (dataType === 'date') return '2020-01-01';
  if (dataType === 'year_month') return '2020-01';
  return '6201002020';
}

/**
 * A new draft of `school` through the API, complete for its catalogue: the one-row values of a teacher of the
 * school (which pass it) with a new name and ID number, every required extension, and the first record of the
 * template in each group the school kind needs (`needs_record`). `changes` overrides fields (an empty 民族 makes
 * the submit fail). Returns the created archive.
 */
export async function createDraft(
  request: APIRequestContext,
  access: string,
  school: string,
  name: string,
  changes: Json = {},
): Promise<Json> {
  const headers = { Authorization: `Bearer ${access}` };
  const list = (await (await request.get(`/api/v1/teachers/?school=${school}&page_size=1`, { headers })).json()) as { results: Json[] };
  const templateId = Number(list.results[0]?.id);
  expect(templateId).toBeTruthy();
  const template = (await (await request.get(`/api/v1/teachers/${String(templateId)}/`, { headers })).json()) as Json;
  const schema = (await (await request.get(`/api/v1/catalog/schema/?org=${school}`, { headers })).json()) as { groups: Json[] };

  const extra: Json = { ...((template.extra as Json | null) ?? {}) };
  for (const group of schema.groups) {
    if (group.many) continue;
    const properties = ((group.schema as Json).properties ?? {}) as Record<string, Json>;
    const fields = ((group.ui as Json).fields ?? {}) as Record<string, Json>;
    for (const [code, hint] of Object.entries(fields)) {
      if (hint.extension === true && hint.required === true && extra[code] === undefined) {
        extra[code] = extensionValue(properties[code] ?? {}, String(hint.data_type ?? ''));
      }
    }
  }
  const body = writable(template);
  // A random ID number may exist already: a few tries.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const response = await request.post('/api/v1/teachers/', {
      headers,
      data: { ...body, school, name, id_number: residentId(String(template.birth_date), template.gender === '1'), extra, ...changes },
    });
    if (response.status() === 409) continue;
    expect(response.status(), await response.text()).toBe(201);
    const created = (await response.json()) as Json;
    for (const group of schema.groups) {
      // 国内培训 and 交流轮岗 are written only by their modules (409 group_owned) and are no minimum of an archive.
      if (!group.many || group.needs_record !== true || ['training', 'rotation'].includes(String(group.code))) continue;
      const code = String(group.code);
      const listed = await request.get(`/api/v1/teachers/${String(templateId)}/${code}/?page_size=1`, { headers });
      expect(listed.status(), await listed.text()).toBe(200);
      const record = ((await listed.json()) as { results: Json[] }).results[0];
      expect(record, `the template archive has no ${code} record`).toBeTruthy();
      const copied = await request.post(`/api/v1/teachers/${String(created.id)}/${code}/`, { headers, data: writable(record ?? {}) });
      expect(copied.status(), await copied.text()).toBe(201);
    }
    return created;
  }
  throw new Error('no free ID number');
}
