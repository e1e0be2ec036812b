import { useSearchParams } from 'react-router';

import { useSnapshots } from '@/features/reports/api/reports-api';
import { choosePeriod } from '@/features/reports/utils/figures';

/**
 * The month and organisation a report page shows, kept in the URL (`?period=YYYY-MM&org=CODE`): the month defaults
 * to the newest snapshot, the organisation to the user's own (no `org`).
 */
export function useReportScope() {
  const [searchParams, setSearchParams] = useSearchParams();
  const snapshots = useSnapshots();
  // A month may have been taken more than once (its report is the latest): each month once, newest first.
  const periods = [...new Set((snapshots.data ?? []).map((snapshot) => snapshot.period))];
  const period = choosePeriod(periods, searchParams.get('period'));
  const org = searchParams.get('org') ?? undefined;

  const update = (next: { period?: string; org?: string | null }) => {
    const params = new URLSearchParams(searchParams);
    if (next.period) params.set('period', next.period);
    if (next.org === null) params.delete('org');
    else if (next.org) params.set('org', next.org);
    setSearchParams(params);
  };

  return {
    snapshots,
    periods,
    period,
    org,
    setPeriod: (value: string) => update({ period: value }),
    setOrg: (code: string | null) => update({ org: code }),
    /** The link of an organisation's report, keeping the month. */
    orgLink: (code: string | null) => {
      const params = new URLSearchParams(searchParams);
      if (code) params.set('org', code);
      else params.delete('org');
      const query = params.toString();
      return query ? `?${query}` : '?';
    },
  };
}

export type ReportScope = ReturnType<typeof useReportScope>;
