import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';
import { cursorFrom } from '@/lib/cursor-pages';

type Organisation = components['schemas']['Organisation'];

interface SimpleNode {
  id: string;
  pId?: string;
  value: string;
  title: string;
  isLeaf: boolean;
}

interface OrgTreeSelectProps {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

const label = (org: Organisation) => `${org.name}（${org.code}）`;

async function fetchChildren(code: string): Promise<Organisation[]> {
  const all: Organisation[] = [];
  let cursor: string | null = null;
  // A picker needs every child; pages are followed to the end (bounded for safety).
  for (let page = 0; page < 40; page += 1) {
    const data = await unwrap(
      api.GET('/api/v1/orgs/{code}/children/', { params: { path: { code }, query: cursor ? { cursor } : {} } }),
    );
    all.push(...data.results);
    cursor = cursorFrom(data.next);
    if (!cursor) break;
  }
  return all;
}

/**
 * Picks an organisation in the user's scope: a lazily loaded tree, and typing searches by name or code
 * (`/orgs/?q=`). Works as an antd form control (value = organisation code).
 */
export function OrgTreeSelect({ value, onChange, placeholder, allowClear, id, style, ...rest }: OrgTreeSelectProps) {
  const { t } = useTranslation('common');
  const queryClient = useQueryClient();
  const [nodes, setNodes] = useState<SimpleNode[]>([]);
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  const [titles, setTitles] = useState<Record<string, string>>({});

  const roots = useQuery({
    queryKey: ['orgs', 'roots'],
    queryFn: () => unwrap(api.GET('/api/v1/orgs/roots/')),
    staleTime: 5 * 60 * 1000,
  });

  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(search.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [search]);

  const found = useQuery({
    queryKey: ['orgs', 'picker-search', debounced],
    queryFn: async () => (await unwrap(api.GET('/api/v1/orgs/', { params: { query: { q: debounced } } }))).results,
    enabled: debounced.length > 0,
  });

  // A value given from outside (a link's `?org=`) that the loaded tree does not hold yet: its name is asked for once.
  const knownValue =
    !value || titles[value] !== undefined || nodes.some((node) => node.id === value) ||
    (roots.data ?? []).some((org) => org.code === value);
  const valueOrg = useQuery({
    queryKey: ['orgs', 'detail', value],
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{code}/', { params: { path: { code: value ?? '' } } })),
    enabled: !knownValue,
    staleTime: 5 * 60 * 1000,
  });

  const treeData = useMemo<SimpleNode[]>(() => {
    if (debounced) {
      return (found.data ?? []).map((org) => ({ id: org.code, value: org.code, title: label(org), isLeaf: true }));
    }
    const rootNodes = (roots.data ?? []).map((org) => ({
      id: org.code,
      value: org.code,
      title: label(org),
      isLeaf: org.is_leaf,
    }));
    const seen = new Set(rootNodes.map((node) => node.id));
    const all = [...rootNodes, ...nodes.filter((node) => !seen.has(node.id))];
    // A value picked from search results (or typed) may not be in the loaded tree: keep its label.
    if (value && !all.some((node) => node.id === value)) {
      const named = valueOrg.data?.code === value ? label(valueOrg.data) : undefined;
      all.push({ id: value, value, title: titles[value] ?? named ?? value, isLeaf: true });
    }
    return all;
  }, [debounced, found.data, roots.data, nodes, value, titles, valueOrg.data]);

  const loadData = async (node: { value?: string | number | null }) => {
    const code = String(node.value);
    if (nodes.some((existing) => existing.pId === code)) return;
    const children = await queryClient.query({
      queryKey: ['orgs', 'picker-children', code],
      queryFn: () => fetchChildren(code),
    });
    setNodes((current) => [
      ...current,
      ...children.map((org) => ({ id: org.code, pId: code, value: org.code, title: label(org), isLeaf: org.is_leaf })),
    ]);
  };

  return (
    <TreeSelect<string>
      id={id}
      aria-label={rest['aria-label']}
      style={style}
      value={value ?? undefined}
      onChange={(next, labels) => {
        const title = labels[0];
        if (next && typeof title === 'string') setTitles((current) => ({ ...current, [next]: title }));
        onChange?.(next);
      }}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false, treeNodeFilterProp: 'title' }}
      treeDataSimpleMode
      treeData={treeData}
      loadData={debounced ? undefined : loadData}
      loading={roots.isPending || found.isFetching}
      notFoundContent={found.isFetching ? t('status.loading') : undefined}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto', minWidth: 280 } } }}
    />
  );
}
