import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';

import { LoginPage } from '@/features/auth/pages/login-page';
import { tokenStore } from '@/lib/auth/token-store';
import { changeLanguage, LANGUAGE_STORAGE_KEY } from '@/lib/i18n';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';

describe('login page', () => {
  afterEach(async () => {
    tokenStore.clear();
    await changeLanguage('zh-CN');
  });

  it('is Chinese by default and switches to English, remembering the choice', async () => {
    const user = userEvent.setup();
    renderWithProviders(<LoginPage />, { path: '/login', url: '/login' });
    expect(screen.getByRole('button', { name: '登 录' })).toBeInTheDocument();
    expect(screen.getByLabelText('用户名')).toBeInTheDocument();

    await user.click(screen.getByText('English'));

    // The English texts download on the first switch.
    expect(await screen.findByRole('button', { name: 'Log in' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toBeInTheDocument();
    expect(screen.getByText('Teacher Management Information System')).toBeInTheDocument();
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('shows the message the API sends for a wrong password and stays on the page', async () => {
    const user = userEvent.setup();
    server.use(
      http.post('*/api/v1/auth/token/', () =>
        HttpResponse.json(
          { status: 401, code: 'authentication_failed', message: '用户名或密码不正确。' },
          { status: 401 },
        ),
      ),
    );
    renderWithProviders(<LoginPage />, { path: '/login', url: '/login' });
    await user.type(screen.getByLabelText('用户名'), 'demo-county-a');
    await user.type(screen.getByLabelText('密码'), 'wrong');
    await user.click(screen.getByRole('button', { name: '登 录' }));

    expect(await screen.findByText('登录失败，请检查用户名和密码。')).toBeInTheDocument();
    expect(screen.getByText('用户名或密码不正确。')).toBeInTheDocument();
    expect(tokenStore.hasSession()).toBe(false);
    expect(screen.queryByTestId('elsewhere')).not.toBeInTheDocument();
  });

  it('stores the tokens and goes to the requested page on success', async () => {
    const user = userEvent.setup();
    server.use(http.post('*/api/v1/auth/token/', () => HttpResponse.json({ access: 'a1', refresh: 'r1' })));
    const { router } = renderWithProviders(<LoginPage />, { path: '/login', url: '/login?next=%2Forgs' });
    await user.type(screen.getByLabelText('用户名'), 'demo-county-a');
    await user.type(screen.getByLabelText('密码'), 'Demo@2016');
    await user.click(screen.getByRole('button', { name: '登 录' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/orgs'));
    expect(tokenStore.getAccess()).toBe('a1');
    expect(JSON.stringify(window.localStorage)).not.toContain('r1'); // the refresh token is the server's cookie
  });
});
