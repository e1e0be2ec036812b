import { Alert, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Result, Steps, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { openChangeOf, useCreateChange, type Change } from '@/features/changes/api/changes-api';
import { LookupCard, LookupStep, type LookupResult } from '@/features/changes/components/lookup-step';
import { SchoolSelect } from '@/components/school-select';
import { useCurrentUser } from '@/lib/auth/session';
import { applyApiErrors } from '@/lib/form-errors';
import { keepEnterInPicker } from '@/lib/keep-enter';

interface DetailValues {
  to_school?: string;
  effective_date?: Dayjs;
  reason?: string;
}

/** The receiving school of a county (or higher) user: a school in scope, its name kept for the confirmation. */
function SchoolField({ value, onChange, onName }: { value?: string; onChange?: (code?: string) => void; onName: (name: string) => void }) {
  const { t } = useTranslation('changes');
  return (
    <SchoolSelect
      aria-label={t('wizard.toSchool')}
      value={value}
      style={{ width: '100%' }}
      onChange={(code, name) => {
        onChange?.(code);
        onName(name ?? '');
      }}
    />
  );
}

const DETAIL_FIELDS = ['to_school', 'effective_date', 'reason'] as const;

/**
 * 调动申请: the receiving school applies for a transfer in three steps — find the teacher by ID document
 * (nationwide, masked answer), the receiving school with the date and reason, then confirm. A teacher who has left
 * comes back as a return (返聘) at the receiving school; the API decides the rest and both sides review it.
 */
export function TransferWizardPage() {
  const { t } = useTranslation(['changes', 'common']);
  const user = useCurrentUser();
  const navigate = useNavigate();
  const atSchool = user.organisation.level === 'school';
  const [step, setStep] = useState(0);
  const [lookup, setLookup] = useState<LookupResult | null>(null);
  const [details, setDetails] = useState<DetailValues>(() => (atSchool ? { to_school: user.organisation.code } : {}));
  const [schoolName, setSchoolName] = useState<string>(atSchool ? user.organisation.name : '');
  const [summary, setSummary] = useState<string[]>([]);
  const [done, setDone] = useState<Change | null>(null);
  const [form] = Form.useForm<DetailValues>();
  const create = useCreateChange();

  const usable = lookup?.found.found === true && !lookup.found.change_open;
  const kind = lookup?.found.active === false ? 'return' : 'transfer';

  const restart = () => {
    setDone(null);
    setLookup(null);
    setSummary([]);
    setDetails(atSchool ? { to_school: user.organisation.code } : {});
    form.resetFields();
    setStep(0);
  };

  const submit = async () => {
    if (!lookup || !details.to_school || !details.effective_date || !details.reason) return;
    setSummary([]);
    try {
      const change = await create.mutateAsync({
        kind,
        id_type: lookup.idType,
        id_number: lookup.idNumber,
        to_school: details.to_school,
        effective_date: details.effective_date.format('YYYY-MM-DD'),
        reason: details.reason.trim(),
      });
      setDone(change);
    } catch (error) {
      if (openChangeOf(error) !== null) {
        setSummary([t('changes:wizard.openChange')]);
        return;
      }
      const lines = applyApiErrors(form, error, DETAIL_FIELDS, t('changes:wizard.failed'));
      setSummary(lines);
      // A problem of the details (school, date, reason) is fixed on their step.
      if (error && typeof error === 'object' && 'errors' in error && DETAIL_FIELDS.some((f) => f in (error.errors as object))) setStep(1);
    }
  };

  if (done) {
    return (
      <Card title={t('changes:wizard.title')}>
        <Result
          status="success"
          title={t('changes:wizard.done')}
          subTitle={
            <span data-testid="transfer-next-org">
              {done.current_org_name ? t('changes:wizard.doneDetail', { org: done.current_org_name }) : t('changes:wizard.doneNoOrg')}
            </span>
          }
          extra={[
            <Button key="list" type="primary" onClick={() => void navigate('/changes?tab=in')} data-testid="transfer-to-list">
              {t('changes:wizard.toList')}
            </Button>,
            <Button key="again" onClick={restart}>
              {t('changes:wizard.again')}
            </Button>,
          ]}
        />
      </Card>
    );
  }

  return (
    <Card title={t('changes:wizard.title')}>
      <Typography.Paragraph type="secondary">{t('changes:wizard.hint')}</Typography.Paragraph>
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 24 }}
        items={[
          { title: t('changes:wizard.steps.lookup') },
          { title: t('changes:wizard.steps.details') },
          { title: t('changes:wizard.steps.confirm') },
        ]}
        data-testid="transfer-steps"
      />
      {summary.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={summary[0]}
          description={summary.length > 1 ? summary.slice(1).join('；') : undefined}
          data-testid="transfer-errors"
        />
      )}
      {step === 0 && (
        <>
          <LookupStep value={lookup} onFound={setLookup} />
          <Flex justify="flex-end" style={{ marginTop: 24 }}>
            <Button type="primary" disabled={!usable} onClick={() => setStep(1)} data-testid="transfer-next">
              {t('changes:wizard.next')}
            </Button>
          </Flex>
        </>
      )}
      {step === 1 && lookup && (
        <Form<DetailValues>
          form={form}
          layout="vertical"
          initialValues={details}
          style={{ maxWidth: 560 }}
          onFinish={(values) => {
            setDetails(atSchool ? { ...values, to_school: user.organisation.code } : values);
            setStep(2);
          }}
        >
          {atSchool ? (
            <Form.Item label={t('changes:wizard.toSchool')} required data-testid="transfer-to-school">
              <Typography.Text strong>{user.organisation.name}</Typography.Text>
            </Form.Item>
          ) : (
            <Form.Item
              name="to_school"
              label={t('changes:wizard.toSchool')}
              rules={[{ required: true, message: t('changes:wizard.toSchoolRequired') }]}
              data-testid="transfer-to-school"
            >
              <SchoolField onName={setSchoolName} />
            </Form.Item>
          )}
          <Form.Item
            name="effective_date"
            label={t('changes:wizard.effectiveDate')}
            rules={[{ required: true, message: t('changes:wizard.effectiveDateRequired') }]}
            data-testid="transfer-effective-date"
          >
            <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} onKeyDown={keepEnterInPicker} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('changes:wizard.reason')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('changes:wizard.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="transfer-reason" />
          </Form.Item>
          <Flex justify="space-between">
            <Button onClick={() => setStep(0)}>{t('changes:wizard.prev')}</Button>
            <Button type="primary" htmlType="submit" data-testid="transfer-next">
              {t('changes:wizard.next')}
            </Button>
          </Flex>
        </Form>
      )}
      {step === 2 && lookup && (
        <>
          <LookupCard found={lookup.found} />
          <Descriptions
            bordered
            size="small"
            column={1}
            style={{ marginTop: 16 }}
            data-testid="transfer-confirm"
            items={[
              { key: 'kind', label: t('changes:columns.kind'), children: t(`changes:kinds.${kind}`) },
              { key: 'to', label: t('changes:wizard.toSchool'), children: schoolName || details.to_school },
              { key: 'date', label: t('changes:wizard.effectiveDate'), children: details.effective_date?.format('YYYY-MM-DD') },
              { key: 'reason', label: t('changes:wizard.reason'), children: details.reason },
            ]}
          />
          <Flex justify="space-between" style={{ marginTop: 24 }}>
            <Button onClick={() => setStep(1)}>{t('changes:wizard.prev')}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => void submit()} data-testid="transfer-submit">
              {t('changes:wizard.submit')}
            </Button>
          </Flex>
        </>
      )}
    </Card>
  );
}
