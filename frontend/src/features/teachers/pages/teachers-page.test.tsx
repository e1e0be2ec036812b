import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Suspense } from 'react';
import { describe, expect, it } from 'vitest';

import { TeachersPage } from '@/features/teachers/pages/teachers-page';
import { expectInert, MARKUP_NAME } from '@/testing/hostile-text';
import { meHandler } from '@/testing/me';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';

describe('the teacher list', () => {
  it('shows teacher and school names holding markup as text, creating no element', async () => {
    server.use(
      meHandler(['teachers.view']),
      http.get('*/api/v1/orgs/roots/', () => HttpResponse.json([])),
      http.get('*/api/v1/catalog/code-tables/:slug/items/', () => HttpResponse.json([])),
      http.get('*/api/v1/teachers/', () =>
        HttpResponse.json({
          next: null,
          previous: null,
          results: [
            {
              id: 3,
              teacher_no: '21620102012026000003',
              school: '2162010299',
              school_name: `${MARKUP_NAME}学校`,
              id_number: '620102********1234',
              name: MARKUP_NAME,
              gender: '1',
              record_state: 'draft',
              updated_at: '2026-12-01T08:00:00Z',
            },
          ],
        }),
      ),
    );
    const { container } = renderWithProviders(
      <Suspense fallback={null}>
        <TeachersPage />
      </Suspense>,
    );
    expect(await screen.findByText(MARKUP_NAME, {}, { timeout: 15_000 })).toBeInTheDocument();
    expect(screen.getByText(`${MARKUP_NAME}学校`)).toBeInTheDocument();
    expectInert(container);
  });
});
