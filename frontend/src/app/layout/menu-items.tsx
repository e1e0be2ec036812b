import {
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  CloudUploadOutlined,
  FileDoneOutlined,
  HomeOutlined,
  IdcardOutlined,
  NodeIndexOutlined,
  OrderedListOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  TableOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';

import type { Level } from '@/lib/org-levels';

type MenuItem = Required<MenuProps>['items'][number];

/** One entry of the left menu; `capability` hides it from users who may not use it (UX.md). */
export interface NavEntry {
  key: string;
  labelKey:
    | 'menu.dashboard'
    | 'menu.teachers'
    | 'menu.archives'
    | 'menu.imports'
    | 'menu.reviews'
    | 'menu.mySubmissions'
    | 'menu.admin'
    | 'menu.orgs'
    | 'menu.users'
    | 'menu.catalog'
    | 'menu.provinceCatalog'
    | 'menu.codeTables'
    | 'menu.reviewFlows'
    | 'menu.profile';
  icon?: ReactNode;
  capability?: string;
  /** Shown only to users whose organisation is at one of these levels. */
  levels?: readonly Level[];
  children?: NavEntry[];
}

export const NAVIGATION: NavEntry[] = [
  { key: '/', labelKey: 'menu.dashboard', icon: <HomeOutlined /> },
  {
    key: 'teachers',
    labelKey: 'menu.teachers',
    icon: <SolutionOutlined />,
    children: [
      { key: '/teachers', labelKey: 'menu.archives', icon: <IdcardOutlined />, capability: 'teachers.view' },
      { key: '/teachers/import', labelKey: 'menu.imports', icon: <CloudUploadOutlined />, capability: 'teachers.change' },
      { key: '/reviews', labelKey: 'menu.reviews', icon: <AuditOutlined />, capability: 'reviews.decide' },
      { key: '/my-submissions', labelKey: 'menu.mySubmissions', icon: <FileDoneOutlined />, capability: 'teachers.change' },
    ],
  },
  {
    key: 'admin',
    labelKey: 'menu.admin',
    icon: <SettingOutlined />,
    children: [
      { key: '/orgs', labelKey: 'menu.orgs', icon: <ApartmentOutlined />, capability: 'orgs.view' },
      { key: '/users', labelKey: 'menu.users', icon: <TeamOutlined />, capability: 'users.view' },
      { key: '/catalog', labelKey: 'menu.catalog', icon: <BookOutlined /> },
      {
        key: '/province-catalog',
        labelKey: 'menu.provinceCatalog',
        icon: <OrderedListOutlined />,
        capability: 'catalog.manage',
        levels: ['province'],
      },
      { key: '/code-tables', labelKey: 'menu.codeTables', icon: <TableOutlined /> },
      { key: '/review-flows', labelKey: 'menu.reviewFlows', icon: <NodeIndexOutlined />, capability: 'orgs.manage', levels: ['province'] },
    ],
  },
];

/**
 * Entries the user may see: capability-gated items are dropped (and level-gated ones for users at other
 * levels), and so are groups left empty.
 */
export function visibleNavigation(entries: NavEntry[], capabilities: readonly string[], level?: Level): NavEntry[] {
  const granted = new Set(capabilities);
  const out: NavEntry[] = [];
  for (const entry of entries) {
    if (entry.capability && !granted.has(entry.capability)) continue;
    if (entry.levels && !(level && entry.levels.includes(level))) continue;
    if (entry.children) {
      const children = visibleNavigation(entry.children, capabilities, level);
      if (children.length === 0) continue;
      out.push({ ...entry, children });
    } else {
      out.push(entry);
    }
  }
  return out;
}

/** A menu label with a count beside it (e.g. the review queue's waiting items). */
function withBadge(label: string, badge: ReactNode): ReactNode {
  if (badge === undefined || badge === null || badge === false) return label;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, width: '100%' }}>
      <span>{label}</span>
      {badge}
    </span>
  );
}

export function buildMenuItems(
  capabilities: readonly string[],
  t: TFunction,
  level?: Level,
  badges: Partial<Record<string, ReactNode>> = {},
): MenuItem[] {
  const toItem = (entry: NavEntry): MenuItem =>
    entry.children
      ? { key: entry.key, icon: entry.icon, label: t(entry.labelKey), children: entry.children.map(toItem) }
      : { key: entry.key, icon: entry.icon, label: withBadge(t(entry.labelKey), badges[entry.key]) };
  return visibleNavigation(NAVIGATION, capabilities, level).map(toItem);
}

/** Every leaf key of the menu (the paths it links to). */
function leafKeys(entries: NavEntry[]): string[] {
  return entries.flatMap((entry) => (entry.children ? leafKeys(entry.children) : [entry.key]));
}

/**
 * The menu key to highlight for a path, and the groups to open: the longest menu path the location is at or
 * below (`/teachers/import` is its own item, `/teachers/12` belongs to `/teachers`), else its first segment.
 */
export function menuSelection(pathname: string): { selected: string; open: string[] } {
  const segments = pathname.split('/').filter(Boolean);
  const path = `/${segments.join('/')}`;
  const matches = leafKeys(NAVIGATION).filter((key) => key !== '/' && (path === key || path.startsWith(`${key}/`)));
  const longest = matches.sort((a, b) => b.length - a.length)[0];
  const selected = longest ?? `/${segments[0] ?? ''}`;
  const group = NAVIGATION.find((entry) => entry.children?.some((child) => child.key === selected));
  return { selected, open: group ? [group.key] : [] };
}
