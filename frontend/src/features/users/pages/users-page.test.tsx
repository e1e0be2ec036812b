import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Suspense } from 'react';
import { describe, expect, it } from 'vitest';

import { UsersPage } from '@/features/users/pages/users-page';
import { expectInert, MARKUP_NAME } from '@/testing/hostile-text';
import { meHandler } from '@/testing/me';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';

describe('the user list', () => {
  it('shows display and organisation names holding markup as text, creating no element', async () => {
    server.use(
      meHandler(['users.view']),
      http.get('*/api/v1/orgs/roots/', () => HttpResponse.json([])),
      http.get('*/api/v1/users/', () =>
        HttpResponse.json({
          next: null,
          previous: null,
          results: [
            {
              id: 7,
              username: 'x-filler',
              display_name: MARKUP_NAME,
              roles: ['filler'],
              organisation: { code: '2162010299', name: `${MARKUP_NAME}学校`, level: 'school' },
              is_active: true,
              last_login: null,
              date_joined: '2026-12-01T08:00:00Z',
              etag: '"7-v1"',
            },
          ],
        }),
      ),
    );
    const { container } = renderWithProviders(
      <Suspense fallback={null}>
        <UsersPage />
      </Suspense>,
    );
    expect(await screen.findByText(MARKUP_NAME, {}, { timeout: 15_000 })).toBeInTheDocument();
    expect(screen.getByText(`${MARKUP_NAME}学校`)).toBeInTheDocument();
    expectInert(container);
  });
});
