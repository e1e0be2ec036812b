import { describe, expect, it } from 'vitest';

import { ApiError, toApiError } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';

describe('API errors', () => {
  it('reads the one error format, field errors included', () => {
    const error = toApiError(
      {
        status: 400,
        code: 'invalid',
        message: '提交的数据有误。',
        errors: {
          password: [{ code: 'password_too_short', message: '密码太短。' }],
          non_field_errors: [{ code: 'invalid', message: '整体有误。' }],
        },
      },
      new Response(null, { status: 400 }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.errors.password?.[0]?.message).toBe('密码太短。');
    expect(error.nonFieldMessages).toEqual(['整体有误。']);
  });

  it('copes with a body that is not the error format', () => {
    const error = toApiError(undefined, new Response(null, { status: 502, statusText: 'Bad Gateway' }));
    expect(error.status).toBe(502);
    expect(error.message).toBe('Bad Gateway');
  });

  it('puts field errors at the form fields and the rest in the summary', () => {
    const calls: unknown[] = [];
    const form = { setFields: (fields: unknown) => calls.push(fields) };
    const error = new ApiError(400, 'invalid', '提交的数据有误。', {
      password: [{ code: 'x', message: '密码太短。' }],
      secret: [{ code: 'y', message: '未知字段。' }],
    });
    // A stand-in for antd's FormInstance: only setFields is used.
    const summary = applyApiErrors(form as never, error, ['password'], 'fallback');
    expect(calls).toEqual([[{ name: 'password', errors: ['密码太短。'] }]]);
    expect(summary).toEqual(['提交的数据有误。', 'secret: 未知字段。']);
  });
});
