import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormErrorSummary } from '@/components/form-error-summary';
import { CLAIM_KINDS, FORM_TABLE, LEVEL_TABLE, useRules, useRulesHistory, useSetRules, type RulesVersion } from '@/features/training/api/training-api';
import { CodeSelect } from '@/components/code-select';
import { formToRules, rulesToForm, type RulesFormValues } from '@/features/training/utils/training';
import { applyApiErrors } from '@/lib/form-errors';
import { useCurrentUser } from '@/lib/auth/session';

const FIELDS = ['cycle_start_year', 'cycle_years', 'required_hours', 'new_teacher_hours', 'hours_per_credit', 'note'];

function RulesForm({ province, rules }: { province: string; rules: RulesVersion }) {
  const { t } = useTranslation(['training', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<RulesFormValues>();
  const [summary, setSummary] = useState<string[]>([]);
  const save = useSetRules();

  const onFinish = async (values: RulesFormValues) => {
    setSummary([]);
    try {
      const saved = await save.mutateAsync({ province, body: formToRules(values) });
      void message.success(t('training:rules.saved', { version: saved.version }));
      form.setFieldValue('note', '');
    } catch (error) {
      setSummary(applyApiErrors(form, error, FIELDS, t('common:errors.generic')));
    }
  };

  return (
    <Form<RulesFormValues>
      form={form}
      layout="vertical"
      initialValues={rulesToForm(rules)}
      onFinish={(values) => void onFinish(values)}
      scrollToFirstError
      data-testid="rules-form"
    >
      <FormErrorSummary messages={summary} />
      <Row gutter={16}>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="required_hours" label={t('training:rules.requiredHours')} extra={t('training:rules.requiredHint')} rules={[{ required: true }]}>
            <Select
              options={[360, 240].map((hours) => ({ value: hours, label: t('training:rules.hours', { hours }) }))}
              data-testid="rules-required"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="new_teacher_hours" label={t('training:rules.newTeacherHours')} rules={[{ required: true }]}>
            <InputNumber min={0} max={10_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="hours_per_credit" label={t('training:rules.hoursPerCredit')} rules={[{ required: true }]}>
            <InputNumber min={0.01} max={1000} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="cycle_start_year" label={t('training:rules.cycleStartYear')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="cycle_years" label={t('training:rules.cycleYears')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('training:rules.ratios')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('training:rules.ratiosHint')}</Typography.Paragraph>
      <Form.List name="ratios">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item name={[field.name, 'form']} label={t('training:rules.ratioForm')} rules={[{ required: true }]}>
                  <CodeSelect table={FORM_TABLE} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'value']} label={t('training:rules.ratioValue')} rules={[{ required: true }]}>
                  <InputNumber min={0.01} max={1000} precision={2} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('training:rules.remove')} onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Form.Item>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('training:rules.addRatio')}
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>
      <Typography.Title level={5}>{t('training:rules.quotas')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('training:rules.quotasHint')}</Typography.Paragraph>
      <Form.List name="quotas">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item name={[field.name, 'levels']} label={t('training:rules.quotaLevels')} rules={[{ required: true }]}>
                  <CodeSelect table={LEVEL_TABLE} mode="multiple" style={{ minWidth: 280 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'percent']} label={t('training:rules.quotaShare')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={100} precision={1} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('training:rules.remove')} onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Form.Item>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('training:rules.addQuota')}
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>
      <Typography.Title level={5}>{t('training:rules.caps')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('training:rules.capsHint')}</Typography.Paragraph>
      <Form.List name="caps">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item name={[field.name, 'kind']} label={t('training:rules.capKind')} rules={[{ required: true }]}>
                  <Select style={{ width: 200 }} options={CLAIM_KINDS.map((kind) => ({ value: kind, label: t(`training:kinds.${kind}`) }))} />
                </Form.Item>
                <Form.Item name={[field.name, 'hours']} label={t('training:rules.capHours')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={10_000} precision={0} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('training:rules.remove')} onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Form.Item>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('training:rules.addCap')}
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>
      <Form.Item name="note" label={t('training:rules.note')}>
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="rules-save">
        {t('training:rules.save')}
      </Button>
    </Form>
  );
}

/** 学时规则 (province administrators): the rules in force as a form; each save is the next version. */
export function RulesPage() {
  const { t } = useTranslation(['training', 'common']);
  const user = useCurrentUser();
  const province = user.organisation.province_code;
  const rules = useRules(province);
  const history = useRulesHistory(province);
  const version = rules.data?.version ?? 0;

  return (
    <Card
      title={
        <Space wrap>
          <span>{t('training:rules.title')}</span>
          {rules.data && (
            <Tag color={version > 0 ? 'blue' : 'default'} data-testid="rules-version">
              {version > 0 ? t('training:rules.version', { version }) : t('training:rules.defaults')}
            </Tag>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('training:rules.hint')}</Typography.Paragraph>
      {rules.isError && <Alert type="error" showIcon title={rules.error.message} />}
      {rules.isPending && <Skeleton active />}
      {rules.data && (
        <Row gutter={[24, 24]}>
          <Col xs={24} xl={17}>
            {/* A new version re-mounts the form with its values. */}
            <RulesForm key={version} province={province} rules={rules.data} />
          </Col>
          <Col xs={24} xl={7}>
            <Typography.Title level={5}>{t('training:rules.history')}</Typography.Title>
            {history.data && history.data.length > 0 ? (
              <Timeline
                items={history.data.map((row) => ({
                  key: String(row.version),
                  content: (
                    <div>
                      <div>{t('training:rules.historyLine', { version: row.version, hours: row.required_hours })}</div>
                      {row.note && <Typography.Text type="secondary">{row.note}</Typography.Text>}
                    </div>
                  ),
                }))}
              />
            ) : (
              <Typography.Text type="secondary">{t('training:rules.defaults')}</Typography.Text>
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}
