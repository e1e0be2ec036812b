import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

import { codeItemsQueryOptions, type CodeItem } from '@/lib/catalogue-api';
import { localName } from '@/lib/catalogue-names';

/** The code tables a change names its values from. */
export const PERSONNEL_STATUS = 'personnel-status';
export const STAFF_CURRENT_STATUS = 'staff-current-status';
export const ID_TYPE = 'id-type';

/**
 * Names the values of a national code table in the reader's language (UX.md: names, never codes). While the
 * table loads, nothing is shown rather than the bare code.
 */
export function useCodeName(slug: string, enabled = true) {
  const { i18n } = useTranslation();
  const items = useQuery({ ...codeItemsQueryOptions(slug), enabled });
  const data: CodeItem[] | undefined = items.data;
  const name = useCallback(
    (code: string | null | undefined): string => {
      if (!code) return '';
      const item = data?.find((candidate) => candidate.code === code);
      return item ? localName(i18n.language, item.name, item.name_en) : '';
    },
    [data, i18n.language],
  );
  return { name, items: data ?? [], loading: items.isPending && enabled };
}
