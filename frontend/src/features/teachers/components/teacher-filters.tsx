import { useQuery } from '@tanstack/react-query';
import { Button, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { schoolStageValues } from '@/api/generated/enums';
import { OrgTreeSelect } from '@/components/org-tree-select';
import {
  RECORD_STATES,
  TEACHER_STATUSES,
  type RecordState,
  type SchoolStage,
  type TeacherFilters,
  type TeacherStatus,
} from '@/features/teachers/api/teachers-api';
import { codeItemsQueryOptions } from '@/lib/catalogue-api';
import { localName } from '@/lib/catalogue-names';

/** The coded indicators of 基本信息 the list filters by, with their national code tables. */
export const CODED_FILTERS = [
  ['gender', 'gender'],
  ['nationality', 'nationality'],
  ['ethnicity', 'ethnicity'],
  ['political_status', 'political-status'],
  ['marital_status', 'marital-status'],
  ['health', 'health'],
  ['highest_education', 'education'],
  ['highest_degree_level', 'degree-level'],
  ['highest_degree', 'degree'],
  ['contract_status', 'contract-status'],
  ['current_post_category', 'post-category'],
  ['current_post_grade', 'post-grade'],
  ['current_professional_title', 'professional-title'],
  ['it_ability', 'it-ability'],
  ['free_normal_student', 'free-normal-student'],
  ['grassroots_project', 'grassroots-project'],
  ['mental_health_teacher', 'mental-health-teacher'],
  ['enterprise_work_duration', 'enterprise-work-duration'],
  ['learning_origin', 'learning-origin'],
  ['personnel_status', 'personnel-status'],
] as const;

/** The yes/no indicators of 基本信息 the list filters by. */
export const BOOLEAN_FILTERS = [
  'on_establishment',
  'normal_major_graduate',
  'special_grade_teacher',
  'backbone_teacher',
  'dual_qualified_teacher',
  'new_hire',
] as const;

type Field = (typeof CODED_FILTERS)[number][0] | (typeof BOOLEAN_FILTERS)[number];

interface TeacherFiltersBarProps {
  filters: TeacherFilters;
  onChange: (filters: TeacherFilters) => void;
}

function CodeFilter({ field, table, value, onChange }: { field: Field; table: string; value?: string; onChange: (value?: string) => void }) {
  const { t, i18n } = useTranslation('teachers');
  const [open, setOpen] = useState(false);
  // The items load when the select is first opened (or holds a value): twenty tables are not fetched up front.
  const items = useQuery({ ...codeItemsQueryOptions(table), enabled: open || Boolean(value) });
  return (
    <Select<string>
      aria-label={t(`filterFields.${field}`)}
      placeholder={t(`filterFields.${field}`)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: 180 }}
      loading={items.isFetching}
      onOpenChange={(next) => next && setOpen(true)}
      value={value}
      onChange={onChange}
      options={(items.data ?? []).map((item) => ({ value: item.code, label: localName(i18n.language, item.name, item.name_en) }))}
    />
  );
}

/** The teacher list's filters: school or organisation, record state, school kind, 专任教师, and on demand every coded
 * indicator of 基本信息 — each offered by name. */
export function TeacherFiltersBar({ filters, onChange }: TeacherFiltersBarProps) {
  const { t } = useTranslation(['teachers', 'orgs', 'changes']);
  const [more, setMore] = useState(Object.keys(filters.codes ?? {}).length > 0);
  const setCode = (field: string, value?: string) => {
    const codes = Object.fromEntries(Object.entries(filters.codes ?? {}).filter(([key]) => key !== field));
    onChange({ ...filters, codes: value ? { ...codes, [field]: value } : codes });
  };
  const yesNo = [
    { value: 'true', label: t('teachers:yes') },
    { value: 'false', label: t('teachers:no') },
  ];
  return (
    <>
      <OrgTreeSelect
        aria-label={t('teachers:filterOrg')}
        placeholder={t('teachers:filterOrgPlaceholder')}
        allowClear
        style={{ width: 240 }}
        value={filters.org}
        onChange={(org) => onChange({ ...filters, org })}
      />
      <Select<TeacherStatus>
        aria-label={t('changes:statusFilter.label')}
        style={{ width: 110 }}
        value={filters.status ?? 'current'}
        onChange={(status) => onChange({ ...filters, status: status === 'current' ? undefined : status })}
        options={TEACHER_STATUSES.map((status) => ({ value: status, label: t(`changes:statusFilter.${status}`) }))}
        data-testid="filter-status"
      />
      <Select<RecordState>
        aria-label={t('teachers:filterState')}
        placeholder={t('teachers:allStates')}
        allowClear
        style={{ width: 130 }}
        value={filters.record_state}
        onChange={(state) => onChange({ ...filters, record_state: state })}
        options={RECORD_STATES.map((state) => ({ value: state, label: t(`teachers:states.${state}`) }))}
      />
      <Select<SchoolStage>
        aria-label={t('teachers:filterKind')}
        placeholder={t('teachers:allKinds')}
        allowClear
        style={{ width: 150 }}
        value={filters.school_stage}
        onChange={(stage) => onChange({ ...filters, school_stage: stage })}
        options={schoolStageValues.map((stage) => ({ value: stage, label: t(`orgs:stages.${stage}`) }))}
      />
      <Select<string>
        aria-label={t('teachers:filterFullTime')}
        placeholder={t('teachers:filterFullTime')}
        allowClear
        style={{ width: 130 }}
        value={filters.full_time_teacher === undefined ? undefined : String(filters.full_time_teacher)}
        onChange={(value?: string) => onChange({ ...filters, full_time_teacher: value ? value === 'true' : undefined })}
        options={[
          { value: 'true', label: t('teachers:fullTimeOnly') },
          { value: 'false', label: t('teachers:fullTimeNot') },
        ]}
      />
      <Button type="link" onClick={() => setMore((value) => !value)} aria-expanded={more}>
        {more ? t('teachers:fewerFilters') : t('teachers:moreFilters')}
      </Button>
      {more && (
        <Space wrap size="small" style={{ width: '100%' }} data-testid="more-filters">
          {CODED_FILTERS.map(([field, table]) => (
            <CodeFilter key={field} field={field} table={table} value={filters.codes?.[field]} onChange={(value) => setCode(field, value)} />
          ))}
          {BOOLEAN_FILTERS.map((field) => (
            <Select<string>
              key={field}
              aria-label={t(`teachers:filterFields.${field}`)}
              placeholder={t(`teachers:filterFields.${field}`)}
              allowClear
              style={{ width: 180 }}
              value={filters.codes?.[field]}
              onChange={(value) => setCode(field, value)}
              options={yesNo}
            />
          ))}
        </Space>
      )}
    </>
  );
}
