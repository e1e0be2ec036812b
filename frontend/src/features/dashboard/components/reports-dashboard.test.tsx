import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';

import { ReportsDashboard } from '@/features/dashboard/components/reports-dashboard';
import type { EChartProps } from '@/components/echart-types';
import { expectInert, MARKUP_NAME } from '@/testing/hostile-text';
import { meHandler } from '@/testing/me';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';

// jsdom has no canvas: the chart stands in as its labelled box.
vi.mock('@/components/echart', () => ({
  default: ({ label, testId }: EChartProps) => <div role="img" aria-label={label} data-testid={testId} />,
}));

const ORG = { code: '620102', name: '城关区', level: 'county' };
const SCHOOL = { code: '2162010201', name: `${MARKUP_NAME}小学`, level: 'school' };
const COUNTY = { code: '620199', name: '新区', level: 'county' };

function handlers(total: number, fail = false) {
  return [
    meHandler(['orgs.view', 'reports.view']),
    http.get('*/api/v1/orgs/:code/counts/', () => HttpResponse.json({ province: 0, city: 0, county: 1, school: 4 })),
    http.get('*/api/v1/orgs/620199/', () =>
      HttpResponse.json({ ...COUNTY, path: '/000000/620000/620100/620102/', parent_code: '620102' }),
    ),
    http.get('*/api/v1/reports/summary/', ({ request }) => {
      if (fail) return HttpResponse.json({ code: 'server_error', message: '服务器错误' }, { status: 500 });
      const by = new URL(request.url).searchParams.get('by') ?? '';
      const rows =
        total === 0 || by === ''
          ? []
          : by === 'record_state'
            ? [
                { codes: ['approved'], names: ['审核通过'], count: 3 },
                { codes: ['draft'], names: ['草稿'], count: total - 3 },
              ]
            : [{ codes: [''], names: ['未填'], count: total }];
      return HttpResponse.json({ organisation: ORG, by: [], total, rows, refreshed_at: '2026-12-03T06:00:00Z' });
    }),
    http.get('*/api/v1/headcounts/gap/', () => {
      const figures = { schools: 4, schools_with_figure: 4, staff: 16, fulltime: 12, collected: total, collected_fulltime: 0 };
      const gaps = { staff_gap: 16 - total, fulltime_gap: 12, collection_rate: total / 16, fulltime_rate: 0 };
      return HttpResponse.json({ organisation: ORG, year: 2026, refreshed_at: null, total: { ...figures, ...gaps }, children: [] });
    }),
    http.get('*/api/v1/reports/children/', () =>
      HttpResponse.json({
        organisation: ORG,
        by: [{ key: 'record_state', name: '信息状态' }],
        refreshed_at: null,
        children: [
          { organisation: SCHOOL, total, rows: [{ codes: ['approved'], names: ['审核通过'], count: 3 }] },
          { organisation: COUNTY, total: 0, rows: [] },
        ],
      }),
    ),
  ];
}

function renderDashboard() {
  return renderWithProviders(
    <Suspense fallback={null}>
      <ReportsDashboard />
    </Suspense>,
  );
}

describe('the reports dashboard', () => {
  it('shows the headline, the ranking and the charts; names stay text; a county child drills down', async () => {
    server.use(...handlers(12));
    const { container, router } = renderDashboard();
    expect(await screen.findByText('审核通过率', {}, { timeout: 15_000 })).toBeInTheDocument();
    expect(await screen.findByTestId('headline-approval-detail')).toHaveTextContent('已审核通过 3 / 总数 12');
    expect(screen.getByTestId('headline-approval')).toHaveTextContent('25.0%');
    // The collection rate against the statistics headcount (教育事业统计).
    expect(await screen.findByTestId('headline-collection')).toHaveTextContent('采集率 75.0%（统计教职工数 16）');
    // The ranking's list: the school as text (not drillable), the county as a button.
    expect(await screen.findByText(`${MARKUP_NAME}小学`)).toBeInTheDocument();
    expectInert(container);
    expect(await screen.findByTestId('chart-pyramid')).toBeInTheDocument();
    expect(await screen.findByRole('img', { name: /^最高学历：未填 12 \(100\.0%\)$/ })).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('drill-620199'));
    await waitFor(() => expect(router.state.location.search).toBe('?org=620199'));
  });

  it('says 暂无数据 for a scope without teachers', async () => {
    server.use(...handlers(0));
    renderDashboard();
    expect(await screen.findByText('该范围内暂无教师数据', {}, { timeout: 15_000 })).toBeInTheDocument();
    expect(screen.queryByTestId('structure-charts')).toBeNull();
  });

  it('tells when the figures cannot be loaded', async () => {
    server.use(...handlers(12, true));
    renderDashboard();
    expect(await screen.findByTestId('reports-error', {}, { timeout: 15_000 })).toHaveTextContent('统计数据加载失败');
  });
});
