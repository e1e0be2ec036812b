import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { api } from '@/api/client';
import { setSessionExpiredHandler } from '@/lib/auth/auth-fetch';
import { SESSION_MARKER_KEY, tokenStore } from '@/lib/auth/token-store';
import { changeLanguage } from '@/lib/i18n';
import { server } from '@/testing/server';

const me = {
  id: 1,
  username: 'demo-county-a',
  display_name: '城关区管理员',
  roles: ['admin'],
  capabilities: ['orgs.view'],
  organisation: { code: '620102', name: '城关区', level: 'county' },
  organisation_path: [],
};

describe('token store', () => {
  afterEach(() => tokenStore.clear());

  it('keeps the access token in memory only and no token in localStorage (the refresh token is a cookie)', () => {
    tokenStore.setAccess('a1');
    expect(tokenStore.getAccess()).toBe('a1');
    expect(window.localStorage.getItem(SESSION_MARKER_KEY)).toBe('1');
    expect(JSON.stringify(window.localStorage)).not.toContain('a1');
    tokenStore.clear();
    expect(tokenStore.hasSession()).toBe(false);
    expect(window.localStorage.getItem(SESSION_MARKER_KEY)).toBeNull();
  });

  it('tells subscribers when a session starts and ends', () => {
    const listener = vi.fn();
    const unsubscribe = tokenStore.subscribe(listener);
    tokenStore.setAccess('a');
    tokenStore.setAccess('b');
    tokenStore.clear();
    unsubscribe();
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('authFetch', () => {
  const expired = vi.fn();

  beforeEach(() => {
    expired.mockReset();
    setSessionExpiredHandler(expired);
  });
  afterEach(async () => {
    tokenStore.clear();
    await changeLanguage('zh-CN');
  });

  it('sends the bearer token and the UI language', async () => {
    tokenStore.setAccess('good');
    await changeLanguage('en');
    let seen: { auth: string | null; lang: string | null } | null = null;
    server.use(
      http.get('*/api/v1/auth/me/', ({ request }) => {
        seen = { auth: request.headers.get('Authorization'), lang: request.headers.get('Accept-Language') };
        return HttpResponse.json(me);
      }),
    );
    const { data } = await api.GET('/api/v1/auth/me/');
    expect(data?.username).toBe('demo-county-a');
    expect(seen).toEqual({ auth: 'Bearer good', lang: 'en' });
  });

  it('refreshes once on 401 through the cookie (marked as ours) and retries', async () => {
    tokenStore.setAccess('stale');
    const refreshBodies: unknown[] = [];
    server.use(
      http.get('*/api/v1/auth/me/', ({ request }) =>
        request.headers.get('Authorization') === 'Bearer fresh'
          ? HttpResponse.json(me)
          : HttpResponse.json({ status: 401, code: 'token_not_valid', message: '令牌无效' }, { status: 401 }),
      ),
      http.post('*/api/v1/auth/token/refresh/', async ({ request }) => {
        refreshBodies.push({ body: await request.json(), header: request.headers.get('X-Refresh-Cookie') });
        return HttpResponse.json({ access: 'fresh' });
      }),
    );
    // Two calls at once: the rotating refresh token must be used only once.
    const [first, second] = await Promise.all([api.GET('/api/v1/auth/me/'), api.GET('/api/v1/auth/me/')]);
    expect(first.response.status).toBe(200);
    expect(second.response.status).toBe(200);
    expect(refreshBodies).toEqual([{ body: {}, header: '1' }]);
    expect(tokenStore.getAccess()).toBe('fresh');
    expect(expired).not.toHaveBeenCalled();
  });

  it('retries a request with a body after refreshing', async () => {
    tokenStore.setAccess('stale');
    const bodies: unknown[] = [];
    server.use(
      http.post('*/api/v1/users/', async ({ request }) => {
        bodies.push(await request.json());
        return request.headers.get('Authorization') === 'Bearer fresh'
          ? HttpResponse.json({ id: 5 }, { status: 201 })
          : HttpResponse.json({ status: 401, code: 'token_not_valid', message: 'x' }, { status: 401 });
      }),
      http.post('*/api/v1/auth/token/refresh/', () => HttpResponse.json({ access: 'fresh', refresh: 'r2' })),
    );
    const body = { username: 'u1', display_name: 'U', password: 'Pass@12345', roles: ['filler' as const], organisation: '620102' };
    const { response } = await api.POST('/api/v1/users/', { body });
    expect(response.status).toBe(201);
    expect(bodies).toEqual([body, body]);
  });

  it('clears the session and reports it when the refresh is refused', async () => {
    tokenStore.setAccess('stale');
    server.use(
      http.get('*/api/v1/auth/me/', () =>
        HttpResponse.json({ status: 401, code: 'token_not_valid', message: 'x' }, { status: 401 }),
      ),
      http.post('*/api/v1/auth/token/refresh/', () =>
        HttpResponse.json({ status: 401, code: 'token_not_valid', message: 'x' }, { status: 401 }),
      ),
    );
    const { response } = await api.GET('/api/v1/auth/me/');
    expect(response.status).toBe(401);
    expect(tokenStore.hasSession()).toBe(false);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('after a reload (the refresh cookie only) gets an access token before the first call', async () => {
    window.localStorage.setItem(SESSION_MARKER_KEY, '1');
    const calls: string[] = [];
    server.use(
      http.post('*/api/v1/auth/token/refresh/', () => {
        calls.push('refresh');
        return HttpResponse.json({ access: 'fresh', refresh: 'r2' });
      }),
      http.get('*/api/v1/auth/me/', ({ request }) => {
        calls.push(`me ${request.headers.get('Authorization') ?? ''}`);
        return HttpResponse.json(me);
      }),
    );
    await api.GET('/api/v1/auth/me/');
    expect(calls).toEqual(['refresh', 'me Bearer fresh']);
  });

  it('does not try to refresh when the login itself is refused', async () => {
    const refresh = vi.fn();
    server.use(
      http.post('*/api/v1/auth/token/', () =>
        HttpResponse.json({ status: 401, code: 'authentication_failed', message: '用户名或密码错误。' }, { status: 401 }),
      ),
      http.post('*/api/v1/auth/token/refresh/', () => {
        refresh();
        return HttpResponse.json({});
      }),
    );
    const { error } = await api.POST('/api/v1/auth/token/', { body: { username: 'x', password: 'y' } });
    expect(error).toMatchObject({ code: 'authentication_failed' });
    expect(refresh).not.toHaveBeenCalled();
  });
});
