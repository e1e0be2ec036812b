import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useMatches } from 'react-router';

import type { RouteHandle } from '@/app/routes/route-table';

function isRouteHandle(value: unknown): value is RouteHandle {
  return typeof value === 'object' && value !== null && Array.isArray((value as RouteHandle).crumbs);
}

export function Breadcrumbs() {
  const { t } = useTranslation();
  const matches = useMatches();
  const handle = [...matches].reverse().find((match) => isRouteHandle(match.handle))?.handle;
  const crumbs = isRouteHandle(handle) ? handle.crumbs : [];
  const items = [
    { key: 'home', title: <Link to="/">{t('menu.dashboard')}</Link> },
    ...crumbs.filter((key) => key !== 'menu.dashboard').map((key) => ({ key, title: t(key) })),
  ];
  return <Breadcrumb items={items} style={{ marginBottom: 16 }} />;
}
