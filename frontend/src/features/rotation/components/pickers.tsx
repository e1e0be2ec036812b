import { Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useCounties, useCountySchools, useEligible, type JudgedTeacher } from '@/features/rotation/api/rotation-api';

/** Types a little before it asks the API (a name or number, not every keystroke). */
function useDebounced(value: string, ms = 300): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value.trim()), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

interface EligibleTeacherSelectProps {
  county: string;
  year: number;
  value?: number;
  onChange?: (value: number | undefined, teacher?: JudgedTeacher) => void;
  id?: string;
}

/**
 * An eligible teacher of the county for the year, found by name or teacher number, shown by name with the number
 * and school after it; a teacher already in a plan of the year is shown but cannot be chosen.
 */
export function EligibleTeacherSelect({ county, year, value, onChange, id }: EligibleTeacherSelectProps) {
  const { t } = useTranslation('rotation');
  const [text, setText] = useState('');
  const q = useDebounced(text);
  const found = useEligible({ org: county, year, eligible: true, q, page: 1, page_size: 30 }, Boolean(county));
  const [chosen, setChosen] = useState<JudgedTeacher | undefined>();
  const teachers = useMemo(() => {
    const list = found.data?.results ?? [];
    return chosen && !list.some((teacher) => teacher.id === chosen.id) ? [chosen, ...list] : list;
  }, [found.data, chosen]);
  return (
    <Select<number>
      id={id}
      value={value}
      placeholder={t('form.teacherPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      loading={found.isFetching}
      onChange={(next) => {
        const teacher = teachers.find((candidate) => candidate.id === next);
        setChosen(teacher);
        onChange?.(next, teacher);
      }}
      options={teachers.map((teacher) => ({
        value: teacher.id,
        label: teacher.name,
        disabled: teacher.assignment !== null,
        detail: [teacher.teacher_no, teacher.school_name, teacher.assignment ? t('form.inPlan') : ''].filter(Boolean).join(' · '),
      }))}
      optionRender={(option) => (
        <span>
          {option.label}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {option.data.detail}
          </Typography.Text>
        </span>
      )}
      data-testid="assignment-teacher-select"
    />
  );
}

interface CountySchoolSelectProps {
  county: string;
  /** A school left out (the teacher's own). */
  exclude?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
}

/** A school directly under the county, found by name or code. */
export function CountySchoolSelect({ county, exclude, value, onChange, id }: CountySchoolSelectProps) {
  const { t } = useTranslation('rotation');
  const [text, setText] = useState('');
  const q = useDebounced(text);
  const schools = useCountySchools(county, q);
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={onChange}
      allowClear
      placeholder={t('form.toSchoolPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={schools.isFetching}
      options={(schools.data ?? []).filter((school) => school.code !== exclude).map((school) => ({ value: school.code, label: school.name }))}
      data-testid="assignment-school-select"
    />
  );
}

/** A county in the user's scope (the eligibility list is a county's), found by name or code. */
export function CountySelect({ value, onChange }: { value?: string; onChange: (value: string | undefined) => void }) {
  const { t } = useTranslation('rotation');
  const [text, setText] = useState('');
  const q = useDebounced(text);
  const counties = useCounties(q);
  return (
    <Select<string>
      aria-label={t('eligible.county')}
      value={value}
      onChange={onChange}
      allowClear
      placeholder={t('eligible.pickCounty')}
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={counties.isFetching}
      options={(counties.data ?? []).map((county) => ({ value: county.code, label: county.name }))}
      style={{ minWidth: 160 }}
      data-testid="eligible-county"
    />
  );
}
