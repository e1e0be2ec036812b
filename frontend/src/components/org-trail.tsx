import { useQueries, useQuery } from '@tanstack/react-query';
import { Breadcrumb } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { api } from '@/api/client';
import { unwrap } from '@/lib/api-error';
import { useCurrentUser } from '@/lib/auth/session';

const orgQuery = (code: string) => ({
  queryKey: ['orgs', 'trail', code] as const,
  queryFn: () => unwrap(api.GET('/api/v1/orgs/{code}/', { params: { path: { code } } })),
  staleTime: 10 * 60 * 1000,
});

/**
 * The organisations of a drill-down report from the user's own down to the one shown, each a link back up (`link(null)`
 * is the user's own). The organisations between are read by code from the shown one's path.
 */
export function OrgTrail({
  shown,
  link,
  testId,
}: {
  shown: { code: string; name: string };
  link: (code: string | null) => string;
  testId: string;
}) {
  const own = useCurrentUser().organisation;
  const drilled = shown.code !== own.code ? shown.code : undefined;
  const detail = useQuery({ ...orgQuery(drilled ?? ''), enabled: Boolean(drilled) });
  const codes = detail.data?.path.split('/').filter(Boolean) ?? [];
  const between = drilled ? codes.slice(codes.indexOf(own.code) + 1, codes.indexOf(drilled)) : [];
  const middle = useQueries({ queries: between.map((code) => orgQuery(code)) });
  const items: { key: string; title: ReactNode }[] = [
    { key: own.code, title: drilled ? <Link to={link(null)}>{own.name}</Link> : own.name },
    ...between.map((code, index) => ({ key: code, title: <Link to={link(code)}>{middle[index]?.data?.name ?? '…'}</Link> })),
    ...(drilled ? [{ key: shown.code, title: shown.name }] : []),
  ];
  return <Breadcrumb items={items} data-testid={testId} />;
}
