import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';

import { MENU_ICONS } from '@/app/layout/menu-icons';
import { MENU_GROUPS, ROUTES, routePermitted, type AppRoute, type MenuLabelKey } from '@/app/routes/route-table';
import type { Level } from '@/lib/org-levels';

type MenuItem = Required<MenuProps>['items'][number];

/** One entry of the left menu; `capability` and `levels` hide it from users who may not use it (UX.md). */
export interface NavEntry {
  key: string;
  labelKey: MenuLabelKey;
  icon?: ReactNode;
  capability?: string;
  /** Shown only to users whose organisation is at one of these levels. */
  levels?: readonly Level[];
  children?: NavEntry[];
}

/** The menu from the route table: its routes with a `menu` placement, in table order, grouped (UX.md). */
export function navigationFrom(routes: readonly AppRoute[]): NavEntry[] {
  const out: NavEntry[] = [];
  for (const route of routes) {
    if (!route.menu) continue;
    const labelKey = route.crumbs[route.crumbs.length - 1] ?? 'menu.dashboard';
    const entry: NavEntry = {
      key: route.path,
      labelKey,
      icon: MENU_ICONS[route.menu.icon],
      ...(route.capability ? { capability: route.capability } : {}),
      ...(route.levels ? { levels: route.levels } : {}),
    };
    const groupKey = route.menu.group;
    if (!groupKey) {
      out.push(entry);
      continue;
    }
    let group = out.find((candidate) => candidate.key === groupKey);
    if (!group) {
      const { labelKey, icon } = MENU_GROUPS[groupKey];
      group = { key: groupKey, labelKey, icon: MENU_ICONS[icon], children: [] };
      out.push(group);
    }
    group.children?.push(entry);
  }
  return out;
}

export const NAVIGATION: NavEntry[] = navigationFrom(ROUTES);

/**
 * Entries the user may see: the items of routes the user may not open are dropped (the router's guard applies
 * the same rule), and so are groups left empty.
 */
export function visibleNavigation(entries: NavEntry[], capabilities: readonly string[], level?: Level): NavEntry[] {
  const out: NavEntry[] = [];
  for (const entry of entries) {
    if (!routePermitted(entry, capabilities, level)) continue;
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
