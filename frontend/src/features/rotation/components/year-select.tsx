import { Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { yearOptions } from '@/features/rotation/api/rotation-api';

/** The school year shown (学年, starting in September), with its label. */
export function YearSelect({ value, onChange, testId = 'rotation-year' }: { value: number; onChange: (year: number) => void; testId?: string }) {
  const { t } = useTranslation('rotation');
  return (
    <Space size="small">
      <Typography.Text type="secondary">{t('year')}</Typography.Text>
      <Select<number>
        aria-label={t('year')}
        value={value}
        onChange={onChange}
        options={yearOptions().map((year) => ({ value: year, label: t('yearValue', { year }) }))}
        style={{ minWidth: 130 }}
        data-testid={testId}
      />
    </Space>
  );
}

/** The year of the page's `?year=` (default: the current school year). */
export function yearParam(params: URLSearchParams, fallback: number): number {
  const value = Number(params.get('year'));
  return Number.isInteger(value) && value > 2000 && value < 2100 ? value : fallback;
}
