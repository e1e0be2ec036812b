import { ApartmentOutlined, HomeOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';

type MenuItem = Required<MenuProps>['items'][number];

/** One entry of the left menu; `capability` hides it from users who may not use it (UX.md). */
export interface NavEntry {
  key: string;
  labelKey:
    | 'menu.dashboard'
    | 'menu.admin'
    | 'menu.orgs'
    | 'menu.users'
    | 'menu.profile';
  icon?: ReactNode;
  capability?: string;
  children?: NavEntry[];
}

export const NAVIGATION: NavEntry[] = [
  { key: '/', labelKey: 'menu.dashboard', icon: <HomeOutlined /> },
  {
    key: 'admin',
    labelKey: 'menu.admin',
    icon: <SettingOutlined />,
    children: [
      { key: '/orgs', labelKey: 'menu.orgs', icon: <ApartmentOutlined />, capability: 'orgs.view' },
      { key: '/users', labelKey: 'menu.users', icon: <TeamOutlined />, capability: 'users.view' },
    ],
  },
];

/** Entries the user may see: capability-gated items are dropped, and so are groups left empty. */
export function visibleNavigation(entries: NavEntry[], capabilities: readonly string[]): NavEntry[] {
  const granted = new Set(capabilities);
  const out: NavEntry[] = [];
  for (const entry of entries) {
    if (entry.capability && !granted.has(entry.capability)) continue;
    if (entry.children) {
      const children = visibleNavigation(entry.children, capabilities);
      if (children.length === 0) continue;
      out.push({ ...entry, children });
    } else {
      out.push(entry);
    }
  }
  return out;
}

export function buildMenuItems(capabilities: readonly string[], t: TFunction): MenuItem[] {
  const toItem = (entry: NavEntry): MenuItem =>
    entry.children
      ? { key: entry.key, icon: entry.icon, label: t(entry.labelKey), children: entry.children.map(toItem) }
      : { key: entry.key, icon: entry.icon, label: t(entry.labelKey) };
  return visibleNavigation(NAVIGATION, capabilities).map(toItem);
}

/** The menu key to highlight for a path, and the groups to open. */
export function menuSelection(pathname: string): { selected: string; open: string[] } {
  const first = `/${pathname.split('/').filter(Boolean)[0] ?? ''}`;
  const selected = first === '/' ? '/' : first;
  const group = NAVIGATION.find((entry) => entry.children?.some((child) => child.key === selected));
  return { selected, open: group ? [group.key] : [] };
}
