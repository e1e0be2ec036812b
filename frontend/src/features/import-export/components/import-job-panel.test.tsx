import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import type { ImportJob } from '@/features/import-export/api/imports-api';
import { ImportJobPanel } from '@/features/import-export/components/import-job-panel';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';

const running = (fields: Partial<ImportJob>): ImportJob => ({
    id: 42,
    file_name: '城关区教师.xlsx',
    file_size: 12_000_000,
    organisation: '620102',
    organisation_name: '城关区',
    dry_run: false,
    strict: false,
    mode: 'create',
    group_mode: 'append',
    state: 'running',
    error_code: '',
    error_message: '',
    opened_percent: null,
    rows_total: null,
    rows_read: 0,
    rows_valid: 0,
    rows_written: 0,
    rows_updated: 0,
    rows_failed: 0,
    rows_warned: 0,
    percent: 0,
    layout: {},
    created_at: '2026-12-05T08:00:00Z',
    started_at: '2026-12-05T08:00:01Z',
    finished_at: null,
    timings: {},
    ...fields,
  });

function serve(job: ImportJob): void {
  server.use(http.get('*/api/v1/imports/42/', () => HttpResponse.json(job)));
}

describe('the import progress panel', () => {
  it('shows how far the file has been opened before its rows are read', async () => {
    serve(running({ opened_percent: 40, rows_total: 100_000 }));
    renderWithProviders(<ImportJobPanel id={42} onClose={() => undefined} onRerun={() => undefined} />);
    const bar = await screen.findByTestId('import-progress');
    expect(bar).toHaveTextContent('打开文件 40%');
  });

  it('shows the rows once the file is open', async () => {
    serve(running({ opened_percent: 100, rows_total: 100_000, rows_read: 25_000, percent: 25 }));
    renderWithProviders(<ImportJobPanel id={42} onClose={() => undefined} onRerun={() => undefined} />);
    const bar = await screen.findByTestId('import-progress');
    expect(bar).toHaveTextContent('25.0%');
    expect(bar).not.toHaveTextContent('打开文件');
  });
});
