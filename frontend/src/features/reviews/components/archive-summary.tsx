import { useQuery } from '@tanstack/react-query';
import { Alert, Collapse, Descriptions, Empty, Spin, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { useCodeLabels } from '@/components/catalogue-fields';

import type { EffectiveGroup } from '@/lib/catalogue-api';
import { buildFormFields, displayValue, type DisplayWords, type FormField } from '@/lib/catalogue-fields';
import { localName } from '@/lib/catalogue-names';
import { archiveQueryOptions, type TeacherArchive } from '@/lib/teacher-archive-api';
import { useCatalogueIndex } from '@/lib/use-catalogue-index';

type Row = Record<string, unknown>;

interface Section {
  code: string;
  name: string;
  many: boolean;
  outside: boolean;
  fields: FormField[];
  rows: Row[];
  /** Fields of a group in force that the catalogue leaves out (shown because the archive holds them). */
  extra?: ReadonlySet<string>;
}

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);
const filled = (value: unknown) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);

/** The archive's own values: the teacher's columns, then its extension values. */
function ownValues(archive: TeacherArchive): Row {
  const extra = isRow(archive.extra) ? archive.extra : {};
  return { ...extra, ...(archive as unknown as Row) };
}

function recordsOf(archive: TeacherArchive, code: string): Row[] {
  const groups = archive.groups as unknown as Record<string, unknown>;
  const records = groups[code];
  return Array.isArray(records) ? records.filter(isRow).map((row) => ({ ...(isRow(row.extra) ? row.extra : {}), ...row })) : [];
}

/**
 * A new archive in the review drawer, group by group in the catalogue's order: the one-row groups' values and
 * every record of the many-valued groups, named from the catalogue index; groups the catalogue in force leaves
 * out appear (marked) when the archive holds values of them.
 */
export function ArchiveSummary({ teacherId, school }: { teacherId: number; school: string }) {
  const { t } = useTranslation(['reviews', 'common']);
  const archive = useQuery(archiveQueryOptions(teacherId));
  const { schema, index, language } = useCatalogueIndex(school);
  const words: DisplayWords = { yes: t('common:status.yes'), no: t('common:status.no') };

  const sections = useMemo<Section[]>(() => {
    if (!archive.data || !schema.data) return [];
    const own = ownValues(archive.data);
    const build = (group: EffectiveGroup, outside: boolean): Section => {
      const fields = buildFormFields(group, language);
      const rows = group.many ? recordsOf(archive.data, group.code) : [own];
      return { code: group.code, name: localName(language, group.name, group.name_en), many: group.many, outside, fields, rows };
    };
    const held = (section: Section) => section.fields.filter((field) => section.rows.some((row) => filled(row[field.code])));
    // What the catalogue leaves out is shown only where the archive holds a value of it: in its group's section
    // when the catalogue has the group, else in a section of its own (both marked 目录外).
    const extra = index.outside.map((group) => build(group, true));
    const inForce = [...schema.data.groups]
      .sort((a, b) => a.order - b.order)
      .map((group) => {
        const section = build(group, false);
        const more = extra.find((candidate) => candidate.code === group.code);
        return more ? { ...section, fields: [...section.fields, ...held(more)], extra: new Set(held(more).map((field) => field.code)) } : section;
      });
    const outside = extra
      .filter((section) => !inForce.some((candidate) => candidate.code === section.code))
      .map((section) => ({ ...section, fields: held(section) }))
      .filter((section) => section.fields.length > 0);
    return [...inForce, ...outside];
  }, [archive.data, schema.data, index.outside, language]);

  const involved = useMemo(() => sections.flatMap((section) => section.fields), [sections]);
  const labels = useCodeLabels(involved, schema.data?.province_code_tables ?? [], language);

  if (archive.isError) return <Alert type="error" showIcon title={archive.error.message} />;
  if (!archive.data || !schema.data) {
    return (
      <div style={{ textAlign: 'center', padding: 24 }}>
        <Spin />
      </div>
    );
  }

  const show = (field: FormField, value: unknown) => {
    const names = field.codeTable ? labels.get(field.codeTable) : undefined;
    return displayValue(field, value, names, words) || '—';
  };
  const values = (section: Section, row: Row, key: string) => (
    <Descriptions
      key={key}
      size="small"
      bordered
      column={1}
      styles={{ label: { width: '40%' } }}
      items={section.fields.map((field) => ({
        key: field.code,
        label: section.extra?.has(field.code) ? `${field.label}（${t('reviews:detail.outsideCatalogue')}）` : field.label,
        children: show(field, row[field.code]),
      }))}
    />
  );

  return (
    <div data-testid="archive-summary">
      <Collapse
        size="small"
        defaultActiveKey={sections.filter((section) => !section.many).map((section) => section.code)}
        items={sections.map((section) => ({
          key: section.code,
          label: (
            <span data-testid={`archive-group-${section.code}`}>
              {section.name}
              {section.many && ` (${String(section.rows.length)})`}
              {section.outside && (
                <Tag color="default" style={{ marginInlineStart: 8 }}>
                  {t('reviews:detail.outsideCatalogue')}
                </Tag>
              )}
            </span>
          ),
          children:
            section.rows.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reviews:detail.noRecords')} />
            ) : (
              section.rows.map((row, position) => (
                <div key={typeof row.id === 'number' ? row.id : position} style={{ marginBottom: 12 }}>
                  {section.many && (
                    <Typography.Text type="secondary">{t('reviews:detail.recordNo', { n: position + 1 })}</Typography.Text>
                  )}
                  {values(section, row, `${section.code}-${String(position)}`)}
                </div>
              ))
            ),
        }))}
      />
    </div>
  );
}
