import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { LoadMore } from '@/components/load-more';
import {
  useBulkClaims,
  useSchoolTeachers,
  type ClaimBulkResult,
  type Programme,
  type TeacherOption,
} from '@/features/training/api/training-api';
import { ProgrammeSelect } from '@/features/training/components/programme-select';
import { ApiError } from '@/lib/api-error';
import { useCurrentUser } from '@/lib/auth/session';
import { loadedRows } from '@/lib/cursor-pages';

const LIMIT = 500;

/**
 * 按项目批量申报: a programme, the school's teachers who attended it (ticked), each with the programme's hours unless
 * changed; one claim per teacher, each reviewed on its own. The answer lists every teacher's result.
 */
export function BatchClaimsPage() {
  const { t } = useTranslation(['training', 'common']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const school = user.organisation.code;
  const [programme, setProgramme] = useState<Programme | undefined>();
  const [search, setSearch] = useState('');
  const teachers = useSchoolTeachers(school, search);
  const [selected, setSelected] = useState<Map<number, TeacherOption>>(() => new Map());
  const [hours, setHours] = useState<Map<number, number>>(() => new Map());
  const [date, setDate] = useState<Dayjs | null>(null);
  const [results, setResults] = useState<ClaimBulkResult[] | null>(null);
  const bulk = useBulkClaims();
  const rows = loadedRows(teachers.data);
  const names = useMemo(() => new Map([...selected.values()].map((teacher) => [teacher.id, teacher])), [selected]);

  const defaultDate = programme ? (dayjs(programme.end_date).isAfter(dayjs()) ? dayjs() : dayjs(programme.end_date)) : null;

  const submit = async () => {
    if (!programme) return;
    const entries = [...selected.keys()].map((teacher) => {
      const own = hours.get(teacher);
      return { teacher, hours: own !== undefined && own !== programme.hours ? own : null };
    });
    try {
      const answer = await bulk.mutateAsync({
        kind: 'programme',
        programme: programme.id,
        title: '',
        provider: '',
        level: '',
        form: '',
        note: '',
        hours: null,
        date: (date ?? defaultDate)?.format('YYYY-MM-DD') ?? null,
        teachers: entries,
      });
      setResults(answer);
      const ok = answer.filter((result) => result.ok).length;
      void message.info(t('training:batch.summary', { ok, failed: answer.length - ok }));
      setSelected(new Map());
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : t('common:errors.generic'));
    }
  };

  const columns: TableColumnsType<TeacherOption> = [
    { key: 'name', title: t('training:claims.columns.teacher'), dataIndex: 'name' },
    { key: 'no', title: t('training:participants.teacherNo'), dataIndex: 'teacher_no', responsive: ['sm'] },
    {
      key: 'hours',
      title: t('training:batch.hours'),
      width: 140,
      render: (_, teacher) => (
        <InputNumber
          size="small"
          min={1}
          max={programme?.hours ?? 1000}
          precision={0}
          disabled={!programme || !selected.has(teacher.id)}
          value={hours.get(teacher.id) ?? programme?.hours}
          aria-label={`${teacher.name} ${t('training:batch.hours')}`}
          onChange={(value) =>
            setHours((current) => {
              const next = new Map(current);
              if (value === null) next.delete(teacher.id);
              else next.set(teacher.id, value);
              return next;
            })
          }
        />
      ),
    },
  ];

  const resultColumns: TableColumnsType<ClaimBulkResult> = [
    { key: 'teacher', title: t('training:claims.columns.teacher'), render: (_, result) => names.get(result.teacher)?.name ?? rows.find((row) => row.id === result.teacher)?.name ?? '' },
    {
      key: 'ok',
      title: t('training:batch.results'),
      render: (_, result) =>
        result.ok ? (
          <Typography.Text type="success">
            <CheckCircleFilled /> {t('training:batch.ok')}
          </Typography.Text>
        ) : (
          <Typography.Text type="danger">
            <CloseCircleFilled /> {t('training:batch.failed')}：{result.message}
          </Typography.Text>
        ),
    },
  ];

  return (
    <Card
      title={t('training:batch.title')}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/training/claims')}>
          {t('training:batch.back')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('training:batch.hint')}</Typography.Paragraph>
      <Form layout="vertical">
        <Flex gap={16} wrap>
          <Form.Item label={t('training:batch.programme')} style={{ flex: '1 1 360px', maxWidth: 560 }} required>
            <ProgrammeSelect
              value={programme?.id}
              onChange={(_, chosen) => {
                setProgramme(chosen);
                setHours(new Map());
                setResults(null);
              }}
              testId="batch-programme"
            />
          </Form.Item>
          <Form.Item label={t('training:batch.date')} style={{ flex: '0 1 200px' }}>
            <DatePicker
              value={date ?? defaultDate}
              onChange={setDate}
              disabled={!programme}
              disabledDate={(day) => day.isAfter(dayjs(), 'day') || (programme ? day.isBefore(dayjs(programme.start_date), 'day') : false)}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Flex>
      </Form>
      {programme && (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 3 }}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'org', label: t('training:programmes.fields.organisation'), children: programme.organisation.name },
            { key: 'level', label: t('training:programmes.fields.level'), children: `${programme.level_name} · ${programme.form_name}` },
            { key: 'hours', label: t('training:programmes.fields.hours'), children: t('training:hoursValue', { hours: programme.hours }) },
          ]}
        />
      )}
      {results && (
        <div style={{ marginBottom: 16 }} data-testid="batch-results">
          <Alert
            type={results.every((result) => result.ok) ? 'success' : 'warning'}
            showIcon
            style={{ marginBottom: 8 }}
            title={t('training:batch.summary', { ok: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length })}
          />
          <Table<ClaimBulkResult> rowKey="teacher" size="small" columns={resultColumns} dataSource={results} pagination={false} />
        </div>
      )}
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 8 }}>
        <Space wrap>
          <Typography.Text strong>{t('training:batch.teachers')}</Typography.Text>
          <Input.Search allowClear placeholder={t('training:batch.search')} onSearch={setSearch} style={{ width: 240 }} />
        </Space>
        <Space wrap>
          <Typography.Text type={selected.size > LIMIT ? 'danger' : 'secondary'}>
            {t('training:batch.selected', { count: selected.size })}
            {selected.size > LIMIT ? ` · ${t('training:batch.limit')}` : ''}
          </Typography.Text>
          <Button
            type="primary"
            disabled={!programme || selected.size === 0 || selected.size > LIMIT}
            loading={bulk.isPending}
            onClick={() => void submit()}
            data-testid="batch-submit"
          >
            {t('training:batch.submit', { count: selected.size })}
          </Button>
        </Space>
      </Flex>
      {!programme && <Alert type="info" showIcon title={t('training:batch.pick')} style={{ marginBottom: 8 }} />}
      {teachers.isError && <Alert type="error" showIcon title={teachers.error.message} />}
      <Table<TeacherOption>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={teachers.isPending}
        pagination={false}
        rowSelection={{
          selectedRowKeys: [...selected.keys()],
          getCheckboxProps: () => ({ disabled: !programme }),
          onChange: (_, chosen) =>
            setSelected((current) => {
              // Rows not loaded (another search) stay chosen; the shown ones follow the boxes.
              const next = new Map([...current].filter(([id]) => !rows.some((row) => row.id === id)));
              for (const teacher of chosen) next.set(teacher.id, teacher);
              return next;
            }),
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        data-testid="batch-teachers"
      />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        <LoadMore pages={teachers} shown={rows.length} />
      </div>
    </Card>
  );
}
