import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';
import { cursorFrom, cursorPagesOptions, type CursorPage } from '@/lib/cursor-pages';
import { saveDownload } from '@/lib/download';

export type AuditEvent = components['schemas']['AuditEvent'];
export type AuditAction = components['schemas']['AuditAction'];

/** The list's filters, as the API names them (empty ones are left out of the query). */
export interface AuditFilters {
  at_after?: string;
  at_before?: string;
  user?: string;
  action?: string;
  subject_type?: string;
  subject_id?: string;
  address?: string;
  request_id?: string;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => ['audit', 'events', filters] as const,
  actions: () => ['audit', 'actions'] as const,
};

function query(filters: AuditFilters): AuditFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value));
}

export async function getAuditEvents(filters: AuditFilters, cursor: string | null): Promise<CursorPage<AuditEvent>> {
  const page = await unwrap(
    api.GET('/api/v1/audit/events/', { params: { query: { ...query(filters), ...(cursor ? { cursor } : {}) } } }),
  );
  return { results: page.results, nextCursor: cursorFrom(page.next) };
}

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery(cursorPagesOptions(auditKeys.list(filters), (cursor) => getAuditEvents(filters, cursor)));
}

export function useAuditActions() {
  return useQuery({
    queryKey: auditKeys.actions(),
    queryFn: () => unwrap(api.GET('/api/v1/audit/events/actions/')),
    staleTime: Infinity,
  });
}

/** The filtered list as an XLSX workbook (the server names the file; the export is itself audited). */
export function exportAuditEvents(filters: AuditFilters): Promise<string> {
  return saveDownload(
    api.GET('/api/v1/audit/events/export/', { params: { query: query(filters) }, parseAs: 'blob' }),
    'audit.xlsx',
  );
}

export function useExportAuditEvents() {
  return useMutation({ mutationFn: exportAuditEvents });
}
