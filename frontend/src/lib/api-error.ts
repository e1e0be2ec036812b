/** The one error format of the API (docs/API-CONTRACT-FOUNDATION.md), as a thrown value. */
export interface FieldError {
  code: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: Record<string, FieldError[]>;
  /** The whole error body, for error-specific members (e.g. `existing` of a 409 `duplicate_id_document`). */
  readonly body: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    errors: Record<string, FieldError[]> = {},
    body: Record<string, unknown> = {},
  ) {
    super(message);
    this.body = body;
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.errors = errors;
  }

  /** Messages that belong to no form field (`non_field_errors` and `detail`). */
  get nonFieldMessages(): string[] {
    return [...(this.errors.non_field_errors ?? []), ...(this.errors.detail ?? [])].map((e) => e.message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toFieldErrors(value: unknown): Record<string, FieldError[]> {
  if (!isRecord(value)) return {};
  const out: Record<string, FieldError[]> = {};
  for (const [field, list] of Object.entries(value)) {
    if (!Array.isArray(list)) continue;
    out[field] = list.map((item: unknown) => {
      if (typeof item === 'string') return { code: 'invalid', message: item };
      if (isRecord(item)) {
        return {
          code: typeof item.code === 'string' ? item.code : 'invalid',
          message: typeof item.message === 'string' ? item.message : JSON.stringify(item),
        };
      }
      return { code: 'invalid', message: String(item) };
    });
  }
  return out;
}

/** Builds an ApiError from a parsed error body (or anything else the server sent). */
export function toApiError(body: unknown, response: Response): ApiError {
  if (isRecord(body)) {
    const status = typeof body.status === 'number' ? body.status : response.status;
    const code = typeof body.code === 'string' ? body.code : 'error';
    const message =
      typeof body.message === 'string'
        ? body.message
        : typeof body.detail === 'string'
          ? body.detail
          : response.statusText;
    return new ApiError(status, code, message, toFieldErrors(body.errors), body);
  }
  return new ApiError(response.status, 'error', typeof body === 'string' ? body : response.statusText);
}

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Turns an openapi-fetch result into its data, throwing ApiError on an error response. */
export async function unwrap<R extends FetchResult>(request: Promise<R>): Promise<NonNullable<R['data']>> {
  const result = await request;
  if (result.error !== undefined || !result.response.ok || result.data == null) {
    throw toApiError(result.error, result.response);
  }
  return result.data;
}

/** 412 `stale`: someone else changed the resource since the ETag the write sent in If-Match. */
export function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.status === 412;
}
