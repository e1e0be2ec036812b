import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api } from '@/api/client';
import { unwrap } from '@/lib/api-error';

interface SchoolSelectProps {
  value?: string;
  /** The code chosen (undefined: cleared), with the school's name. */
  onChange: (code: string | undefined, name?: string) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** Picks one school in the user's scope; typing searches by name or code (the first 50 matches are offered). */
export function SchoolSelect({ value, onChange, placeholder, style, ...rest }: SchoolSelectProps) {
  const { t } = useTranslation('common');
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');

  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(search.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [search]);

  const schools = useQuery({
    queryKey: ['orgs', 'schools', debounced],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/orgs/', { params: { query: { level: 'school', ...(debounced ? { q: debounced } : {}) } } }))).results,
    staleTime: 5 * 60 * 1000,
  });

  return (
    <Select<string>
      aria-label={rest['aria-label']}
      style={style}
      value={value}
      onChange={(code, option) => onChange(code, option && !Array.isArray(option) && typeof option.label === 'string' ? option.label : undefined)}
      allowClear
      placeholder={placeholder}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      loading={schools.isFetching}
      notFoundContent={schools.isFetching ? t('status.loading') : undefined}
      popupMatchSelectWidth={false}
      options={(schools.data ?? []).map((org) => ({ value: org.code, label: org.name }))}
    />
  );
}
