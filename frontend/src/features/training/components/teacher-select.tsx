import { Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useTeacherOptions, type TeacherOption } from '@/features/training/api/training-api';

interface TeacherSelectProps {
  value?: number;
  onChange?: (value: number | undefined, teacher?: TeacherOption) => void;
  /** A teacher already chosen (e.g. from the archive's link), shown before any search. */
  initial?: TeacherOption;
  disabled?: boolean;
  id?: string;
}

/** Types a little before it asks the API (a name or number, not every keystroke). */
function useDebounced(value: string, ms = 300): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** A current teacher in the user's scope, found by name, pinyin initials or teacher number; shown by name. */
export function TeacherSelect({ value, onChange, initial, disabled, id }: TeacherSelectProps) {
  const { t } = useTranslation('training');
  const [text, setText] = useState('');
  const search = useDebounced(text);
  const found = useTeacherOptions(search);
  const [chosen, setChosen] = useState<TeacherOption | undefined>(initial);
  const teachers = useMemo(() => {
    const list = found.data ?? [];
    return chosen && !list.some((teacher) => teacher.id === chosen.id) ? [chosen, ...list] : list;
  }, [found.data, chosen]);
  return (
    <Select<number>
      id={id}
      value={value}
      disabled={disabled}
      placeholder={t('form.teacherPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      loading={found.isFetching}
      notFoundContent={found.isFetching ? undefined : null}
      onChange={(next) => {
        const teacher = teachers.find((candidate) => candidate.id === next);
        setChosen(teacher);
        onChange?.(next, teacher);
      }}
      options={teachers.map((teacher) => ({ value: teacher.id, label: teacher.name, detail: `${teacher.teacher_no} · ${teacher.school_name}` }))}
      optionRender={(option) => (
        <span>
          {option.label}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {option.data.detail}
          </Typography.Text>
        </span>
      )}
      data-testid="claim-teacher-select"
    />
  );
}
