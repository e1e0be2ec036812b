import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ChangeKind } from '@/api/generated/enums';
import { useCreateChange } from '@/features/changes/api/changes-api';
import { PERSONNEL_STATUS, useCodeName } from '@/features/changes/components/use-code-name';
import { END_DATE_REQUIRED, LEAVING_KINDS, TEMPORARY_KINDS, type TemporaryKind } from '@/features/changes/utils/changes';
import { applyApiErrors } from '@/lib/form-errors';
import { keepEnterInPicker } from '@/lib/keep-enter';

/** Which of the archive's own-side changes the dialog applies for. */
export type StatusChangeMode = 'temporary' | 'leaving' | 'return';

interface Values {
  kind?: ChangeKind;
  personnel_status?: string;
  effective_date?: Dayjs;
  end_date?: Dayjs | null;
  reason?: string;
}

const FIELDS = ['kind', 'personnel_status', 'effective_date', 'end_date', 'reason'] as const;

const TITLES = { temporary: 'dialog.leaveTitle', leaving: 'dialog.leavingTitle', return: 'dialog.returnTitle' } as const;
const DATE_LABELS = { temporary: 'dialog.effectiveDate', leaving: 'dialog.leavingDate', return: 'dialog.returnDate' } as const;

interface StatusChangeModalProps {
  teacherId: number;
  mode: StatusChangeMode;
  onClose: () => void;
}

/**
 * One dialog for the archive's own-side changes: 借出/离岗 (the kind, the 人员状态 it sets — the allowed codes by
 * name — and the dates), 离退/离职 (the leaving kind by name and its date), 返岗/返聘. Submitting starts the review.
 */
export function StatusChangeModal({ teacherId, mode, onClose }: StatusChangeModalProps) {
  const { t } = useTranslation(['changes', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<string[]>([]);
  const create = useCreateChange();
  const personnel = useCodeName(PERSONNEL_STATUS, mode === 'temporary');
  const kind = Form.useWatch('kind', form);
  const temporaryKind: TemporaryKind | undefined = kind === 'secondment' || kind === 'leave' ? kind : undefined;
  const allowed: readonly string[] = temporaryKind ? TEMPORARY_KINDS[temporaryKind] : [];

  const submit = async (values: Values) => {
    setSummary([]);
    const chosen: ChangeKind = mode === 'return' ? 'return' : (values.kind ?? 'leave');
    try {
      const change = await create.mutateAsync({
        kind: chosen,
        teacher: teacherId,
        effective_date: values.effective_date?.format('YYYY-MM-DD') ?? '',
        reason: (values.reason ?? '').trim(),
        ...(mode === 'temporary'
          ? { personnel_status: values.personnel_status ?? '', end_date: values.end_date ? values.end_date.format('YYYY-MM-DD') : null }
          : {}),
      });
      void message.success(
        change.current_org_name ? t('changes:dialog.submitted', { org: change.current_org_name }) : t('changes:dialog.submittedNoOrg'),
      );
      onClose();
    } catch (error) {
      setSummary(applyApiErrors(form, error, FIELDS, t('changes:dialog.failed')));
    }
  };

  return (
    <Modal
      open
      title={t(`changes:${TITLES[mode]}`)}
      okText={t('changes:dialog.submit')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'change-dialog-submit' }}
    >
      <div data-testid="change-dialog">
        {summary.length > 0 && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} title={summary[0]} description={summary.slice(1).join('；') || undefined} />
        )}
        {mode === 'leaving' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('changes:dialog.leavingWarning')} />}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={mode === 'temporary' ? { kind: 'secondment' } : {}}
          onFinish={(values) => void submit(values)}
          onValuesChange={(changed: Values) => {
            if ('kind' in changed) form.setFieldsValue({ personnel_status: undefined, end_date: null });
          }}
        >
          {mode !== 'return' && (
            <Form.Item
              name="kind"
              label={t('changes:dialog.kind')}
              rules={[{ required: true, message: t('changes:dialog.kindRequired') }]}
              data-testid="change-kind-field"
            >
              <Select
                options={(mode === 'temporary' ? (['secondment', 'leave'] as const) : LEAVING_KINDS).map((value) => ({
                  value,
                  label: t(`changes:kinds.${value}`),
                }))}
              />
            </Form.Item>
          )}
          {mode === 'temporary' && (
            <Form.Item
              name="personnel_status"
              label={t('changes:dialog.personnelStatus')}
              rules={[{ required: true, message: t('changes:dialog.personnelStatusRequired') }]}
              data-testid="change-personnel-status"
            >
              <Select
                loading={personnel.loading}
                showSearch={{ optionFilterProp: 'label' }}
                options={allowed.map((code) => ({ value: code, label: personnel.name(code) || '…' }))}
              />
            </Form.Item>
          )}
          <Form.Item
            name="effective_date"
            label={t(`changes:${DATE_LABELS[mode]}`)}
            rules={[{ required: true, message: t('changes:dialog.effectiveDateRequired') }]}
            data-testid="change-effective-date"
          >
            <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} onKeyDown={keepEnterInPicker} />
          </Form.Item>
          {mode === 'temporary' && (
            <Form.Item
              name="end_date"
              label={t('changes:dialog.endDate')}
              dependencies={['effective_date', 'kind']}
              data-testid="change-end-date"
              rules={[
                { required: temporaryKind ? END_DATE_REQUIRED[temporaryKind] : false, message: t('changes:dialog.endDateRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | null | undefined) => {
                    const start = getFieldValue('effective_date') as Dayjs | undefined;
                    return value && start && value.isBefore(start, 'day')
                      ? Promise.reject(new Error(t('changes:dialog.endBeforeStart')))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} onKeyDown={keepEnterInPicker} />
            </Form.Item>
          )}
          <Form.Item
            name="reason"
            label={t('changes:dialog.reason')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('changes:dialog.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="change-reason" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
