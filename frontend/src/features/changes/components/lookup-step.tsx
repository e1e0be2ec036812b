import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { LookupThrottled, useLookup, type Lookup } from '@/features/changes/api/changes-api';
import { ID_TYPE, useCodeName } from '@/features/changes/components/use-code-name';
import { waitAmount } from '@/features/changes/utils/changes';
import { ApiError } from '@/lib/api-error';

export interface LookupResult {
  idType: string;
  idNumber: string;
  found: Lookup;
}

interface LookupStepProps {
  value: LookupResult | null;
  onFound: (result: LookupResult | null) => void;
}

interface LookupValues {
  id_type: string;
  id_number: string;
}

/** The masked result of a look-up: number, 张*伟, province and county — and why a transfer cannot start yet. */
export function LookupCard({ found }: { found: Lookup }) {
  const { t } = useTranslation('changes');
  return (
    <Card size="small" title={t('wizard.found')} data-testid="lookup-result">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'name',
            label: t('columns.name'),
            children: <Typography.Text strong data-testid="lookup-name">{found.name_masked}</Typography.Text>,
          },
          { key: 'no', label: t('columns.teacherNo'), children: <span data-testid="lookup-teacher-no">{found.teacher_no}</span> },
          { key: 'province', label: t('wizard.province'), children: found.province?.name ?? '—' },
          { key: 'county', label: t('wizard.county'), children: found.county?.name ?? '—' },
        ]}
      />
      {found.active === false && <Alert type="warning" showIcon title={t('wizard.inactive')} data-testid="lookup-inactive" />}
      {found.change_open && (
        <Alert type="error" showIcon title={t('wizard.changeOpen')} style={{ marginTop: 8 }} data-testid="lookup-change-open" />
      )}
    </Card>
  );
}

/** Step 1 of the transfer wizard: the teacher's ID document, looked up nationwide (masked answer only). */
export function LookupStep({ value, onFound }: LookupStepProps) {
  const { t } = useTranslation('changes');
  const [form] = Form.useForm<LookupValues>();
  const idTypes = useCodeName(ID_TYPE);
  const lookup = useLookup();

  const run = async ({ id_type, id_number }: LookupValues) => {
    const idNumber = id_number.trim().toUpperCase();
    onFound(null);
    try {
      const found = await lookup.mutateAsync({ idType: id_type, idNumber });
      onFound({ idType: id_type, idNumber, found });
    } catch (error) {
      if (error instanceof ApiError && error.errors.id_number) {
        form.setFields([{ name: 'id_number', errors: error.errors.id_number.map((item) => item.message) }]);
      }
    }
  };

  const error = lookup.error;
  const errorText =
    error instanceof LookupThrottled
      ? error.seconds
        ? t(waitAmount(error.seconds).unit === 'seconds' ? 'wizard.throttled' : 'wizard.throttledMinutes', {
            count: waitAmount(error.seconds).count,
          })
        : t('wizard.throttledSoon')
      : error instanceof ApiError && !error.errors.id_number
        ? error.message
        : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Form<LookupValues>
        form={form}
        layout="vertical"
        initialValues={{ id_type: value?.idType ?? '1', id_number: value?.idNumber ?? '' }}
        onFinish={(values) => void run(values)}
        style={{ maxWidth: 560 }}
      >
        <Form.Item name="id_type" label={t('wizard.idType')} rules={[{ required: true }]} data-testid="lookup-id-type">
          <Select
            options={idTypes.items.map((item) => ({ value: item.code, label: idTypes.name(item.code) }))}
            loading={idTypes.loading}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item
          name="id_number"
          label={t('wizard.idNumber')}
          rules={[{ required: true, whitespace: true, message: t('wizard.idNumberRequired') }]}
        >
          <Input autoComplete="off" maxLength={30} data-testid="lookup-id-number" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={lookup.isPending} data-testid="lookup-run">
          {t('wizard.lookup')}
        </Button>
      </Form>
      {errorText && <Alert type="error" showIcon title={errorText} data-testid="lookup-error" />}
      {value && !value.found.found && <Alert type="info" showIcon title={t('wizard.notFound')} data-testid="lookup-not-found" />}
      {value?.found.found && <LookupCard found={value.found} />}
    </Space>
  );
}
