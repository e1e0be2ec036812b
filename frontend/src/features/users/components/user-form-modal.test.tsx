import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { UserFormModal } from '@/features/users/components/user-form-modal';
import type { User } from '@/features/users/api/users-api';
import { meHandler } from '@/testing/me';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';

const USER: User = {
  id: 7,
  username: 'demo-school-b',
  display_name: '七里河区填报员',
  roles: ['filler'],
  organisation: { code: '2162010301', name: '七里河区学校', level: 'school' },
  is_active: true,
  last_login: null,
  date_joined: '2026-12-01T08:00:00Z',
  etag: '"7-v1"',
  totp_enabled: false,
  password_must_change: false,
};

describe('三员分立 in the account dialog', () => {
  it('the system administrator opens an account without roles: no role picker, roles [] sent', async () => {
    let sent: unknown = null;
    server.use(
      meHandler(['users.view', 'users.manage', 'orgs.view']),
      http.get('*/api/v1/orgs/roots/', () => HttpResponse.json([])),
      http.post('*/api/v1/users/', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ ...USER, id: 8, roles: [] }, { status: 201 });
      }),
    );
    renderWithProviders(<UserFormModal target={{ mode: 'create', organisation: '2162010301' }} onClose={() => {}} />);
    expect(await screen.findByTestId('roles-by-secadmin', {}, { timeout: 15_000 })).toHaveTextContent('安全管理员');
    expect(screen.queryByRole('combobox', { name: '角色' })).toBeNull();
    fireEvent.change(screen.getByLabelText('用户名'), { target: { value: 'opened-by-sysadmin' } });
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '新账号' } });
    fireEvent.change(screen.getByLabelText('初始密码'), { target: { value: 'Str0ng!pass' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存|确\s*定/ }));
    await waitFor(() => expect(sent).not.toBeNull(), { timeout: 15_000 });
    expect(sent).toMatchObject({ username: 'opened-by-sysadmin', roles: [] });
  });

  it('the security administrator changes roles only, through PUT /users/{id}/roles/', async () => {
    let put: unknown = null;
    server.use(
      meHandler(['users.view', 'roles.assign', 'orgs.view']),
      http.put('*/api/v1/users/7/roles/', async ({ request }) => {
        put = { body: await request.json(), ifMatch: request.headers.get('If-Match') };
        return HttpResponse.json({ ...USER, roles: ['reviewer'] });
      }),
      http.patch('*/api/v1/users/7/', () => HttpResponse.json({}, { status: 500 })),
    );
    renderWithProviders(<UserFormModal target={{ mode: 'edit', user: USER }} onClose={() => {}} />);
    await waitFor(() => expect(screen.getByLabelText('姓名')).toBeDisabled(), { timeout: 15_000 });
    expect(screen.getByRole('switch')).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: /保\s*存|确\s*定/ }));
    await waitFor(() => expect(put).not.toBeNull(), { timeout: 15_000 });
    expect(put).toMatchObject({ body: { roles: ['filler'] }, ifMatch: '"7-v1"' });
  });
});
