import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { childrenQueryOptions, orgKeys, useRoots, type Organisation } from '@/features/orgs/api/get-orgs';

export interface ChildList {
  codes: string[];
  nextCursor: string | null;
}

export interface OrgTreeState {
  rootCodes: string[];
  orgs: Record<string, Organisation>;
  children: Record<string, ChildList>;
  expandedKeys: string[];
  loadingKeys: string[];
  rootsLoading: boolean;
  rootsError: Error | null;
  setExpandedKeys: (keys: string[]) => void;
  /** Loads the first page of a node's children (once), or the next page with `more`. */
  loadChildren: (code: string, options?: { more?: boolean }) => Promise<void>;
  /** Reloads a node's children from the server, e.g. after a unit was added under it. */
  reloadChildren: (code: string) => Promise<void>;
  /** Replaces one organisation's data (after an edit) without reloading the tree. */
  updateOrg: (org: Organisation) => void;
}

/**
 * State of the lazily loaded organisation tree: children are fetched per node on expand, one cursor page
 * at a time, and a node whose list has a next cursor shows a "load more" entry.
 */
export function useOrgTree(): OrgTreeState {
  const queryClient = useQueryClient();
  const roots = useRoots();
  const rootData = roots.data;
  const openRootCodes = useMemo(
    () => (rootData ?? []).filter((org) => !org.is_leaf).map((org) => org.code),
    [rootData],
  );
  const [orgs, setOrgs] = useState<Record<string, Organisation>>({});
  const [children, setChildren] = useState<Record<string, ChildList>>({});
  // null until the user expands or collapses something: then the roots are shown open.
  const [expandedState, setExpandedKeys] = useState<string[] | null>(null);
  const [loadingKeys, setLoadingKeys] = useState<string[]>([]);
  const childrenRef = useRef(children);
  const inFlight = useRef(new Set<string>());
  useEffect(() => {
    childrenRef.current = children;
  }, [children]);

  const fetchPage = useCallback(
    async (code: string, cursor: string | null, append: boolean) => {
      const flightKey = `${code}|${cursor ?? ''}`;
      if (inFlight.current.has(flightKey)) return;
      inFlight.current.add(flightKey);
      setLoadingKeys((keys) => [...keys, code]);
      try {
        const page = await queryClient.query(childrenQueryOptions(code, cursor));
        setOrgs((current) => {
          const next = { ...current };
          for (const org of page.results) next[org.code] = org;
          return next;
        });
        setChildren((current) => {
          const previous = append ? (current[code]?.codes ?? []) : [];
          const seen = new Set(previous);
          const codes = [...previous, ...page.results.map((org) => org.code).filter((c) => !seen.has(c))];
          return { ...current, [code]: { codes, nextCursor: page.nextCursor } };
        });
      } finally {
        inFlight.current.delete(flightKey);
        setLoadingKeys((keys) => keys.filter((key) => key !== code));
      }
    },
    [queryClient],
  );

  const loadChildren = useCallback(
    async (code: string, options?: { more?: boolean }) => {
      const existing = childrenRef.current[code];
      if (options?.more) {
        if (existing?.nextCursor) await fetchPage(code, existing.nextCursor, true);
        return;
      }
      if (!existing) await fetchPage(code, null, false);
    },
    [fetchPage],
  );

  const reloadChildren = useCallback(
    async (code: string) => {
      queryClient.removeQueries({ queryKey: [...orgKeys.all, 'children', code] });
      await fetchPage(code, null, false);
      setExpandedKeys((keys) => {
        const current = keys ?? openRootCodes;
        return current.includes(code) ? current : [...current, code];
      });
    },
    [fetchPage, queryClient, openRootCodes],
  );

  const updateOrg = useCallback((org: Organisation) => {
    setOrgs((current) => ({ ...current, [org.code]: org }));
  }, []);

  // When the roots arrive, show them with their first level of children loaded.
  useEffect(() => {
    for (const code of openRootCodes) void loadChildren(code);
  }, [openRootCodes, loadChildren]);

  const allOrgs = useMemo(() => {
    const merged: Record<string, Organisation> = {};
    for (const org of rootData ?? []) merged[org.code] = org;
    return { ...merged, ...orgs };
  }, [rootData, orgs]);

  return {
    rootCodes: (rootData ?? []).map((org) => org.code),
    orgs: allOrgs,
    children,
    expandedKeys: expandedState ?? openRootCodes,
    loadingKeys,
    rootsLoading: roots.isPending,
    rootsError: roots.error,
    setExpandedKeys,
    loadChildren,
    reloadChildren,
    updateOrg,
  };
}
