import type { FormInstance } from 'antd';

import { ApiError } from '@/lib/api-error';

/**
 * Puts the API's field errors at the form's fields (UX.md: errors at the field and in a summary) and
 * returns the summary for the top of the form: the message plus errors that belong to no shown field.
 */
export function applyApiErrors<Values>(
  form: FormInstance<Values>,
  error: unknown,
  fields: readonly string[],
  fallback: string,
): string[] {
  if (!(error instanceof ApiError)) return [fallback];
  const shown = new Set(fields);
  const fieldData: { name: string; errors: string[] }[] = [];
  const others: string[] = [];
  for (const [field, list] of Object.entries(error.errors)) {
    const messages = list.map((item) => item.message);
    if (shown.has(field)) fieldData.push({ name: field, errors: messages });
    else if (field === 'non_field_errors' || field === 'detail') others.push(...messages);
    else others.push(...messages.map((message) => `${field}: ${message}`));
  }
  // antd's setFields is typed on the form's own field names; ours come from the server at run time.
  (form as FormInstance).setFields(fieldData);
  return [error.message || fallback, ...others].filter((line, index, all) => all.indexOf(line) === index);
}
