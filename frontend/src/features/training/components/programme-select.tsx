import { Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useProgrammeOptions, type Programme } from '@/features/training/api/training-api';

interface ProgrammeSelectProps {
  value?: number;
  onChange?: (value: number | undefined, programme?: Programme) => void;
  id?: string;
  testId?: string;
}

/** A programme the user sees (its own organisation's and the levels above), found by name; shown with who runs it. */
export function ProgrammeSelect({ value, onChange, id, testId }: ProgrammeSelectProps) {
  const { t } = useTranslation('training');
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(text.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [text]);
  const found = useProgrammeOptions(search);
  const [chosen, setChosen] = useState<Programme | undefined>();
  const programmes = useMemo(() => {
    const list = found.data ?? [];
    return chosen && !list.some((programme) => programme.id === chosen.id) ? [chosen, ...list] : list;
  }, [found.data, chosen]);
  return (
    <Select<number>
      id={id}
      value={value}
      placeholder={t('form.programmePlaceholder')}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      loading={found.isFetching}
      onChange={(next) => {
        const programme = programmes.find((candidate) => candidate.id === next);
        setChosen(programme);
        onChange?.(next, programme);
      }}
      options={programmes.map((programme) => ({
        value: programme.id,
        label: programme.name,
        detail: `${programme.organisation.name} · ${programme.level_name} · ${t('hoursValue', { hours: programme.hours })} · ${programme.start_date}`,
      }))}
      optionRender={(option) => (
        <div>
          <div>{option.label}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {option.data.detail}
          </Typography.Text>
        </div>
      )}
      data-testid={testId}
    />
  );
}
