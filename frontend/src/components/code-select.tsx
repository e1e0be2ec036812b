import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import type { SelectProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { codeItemsQueryOptions } from '@/lib/catalogue-api';
import { localName } from '@/lib/catalogue-names';

interface CodeSelectProps extends Omit<SelectProps<string | string[]>, 'options' | 'loading' | 'showSearch' | 'filterOption'> {
  /** The national code table (e.g. `training-form`, `rotation-type`). */
  table: string;
  /** Codes left out of the choice. */
  exclude?: readonly string[];
}

/**
 * A choice from a national code table: the name first, the code after it in lighter text (集中面授 ·1); typing a
 * name, a code or pinyin initials finds the option (UX.md).
 */
export function CodeSelect({ table, exclude = [], ...rest }: CodeSelectProps) {
  const { i18n, t } = useTranslation('common');
  const items = useQuery(codeItemsQueryOptions(table));
  const options = useMemo(
    () =>
      (items.data ?? [])
        .filter((item) => !exclude.includes(item.code))
        .map((item) => {
          const name = localName(i18n.language, item.name, item.name_en);
          return { value: item.code, label: name, search: [item.code, name, item.name, item.initials].join(' ').toLowerCase() };
        }),
    [items.data, i18n.language, exclude],
  );
  return (
    <Select
      placeholder={t('form.pick')}
      {...rest}
      loading={items.isPending}
      options={options}
      optionRender={(option) => (
        <span>
          {option.label}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            ·{String(option.value)}
          </Typography.Text>
        </span>
      )}
      showSearch={{ filterOption: (input, option) => (option?.search ?? '').includes(input.trim().toLowerCase()) }}
    />
  );
}

/** code → name of a national code table in the reader's language (nothing while it loads, never the code). */
export function useCodeNames(table: string): (code: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const items = useQuery(codeItemsQueryOptions(table));
  return useMemo(() => {
    const names = new Map((items.data ?? []).map((item) => [item.code, localName(i18n.language, item.name, item.name_en)]));
    return (code) => (code ? (names.get(code) ?? '') : '');
  }, [items.data, i18n.language]);
}
