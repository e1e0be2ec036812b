import { App, Button, DatePicker, Drawer, Form, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormErrorSummary } from '@/components/form-error-summary';
import { TYPE_TABLE, useAddAssignment, type JudgedTeacher, type PlanDetail } from '@/features/rotation/api/rotation-api';
import { CodeSelect } from '@/components/code-select';
import { CountySchoolSelect, EligibleTeacherSelect } from '@/features/rotation/components/pickers';
import { localiseError } from '@/features/rotation/utils/rotation';
import { applyApiErrors } from '@/lib/form-errors';
import { keepEnterInPicker } from '@/lib/keep-enter';

interface Values {
  teacher?: number;
  to_school?: string;
  rotation_type?: string;
  transfers_relation: boolean;
  start_date?: Dayjs;
  end_date?: Dayjs;
}

const FIELDS = ['teacher', 'to_school', 'rotation_type', 'transfers_relation', 'start_date', 'end_date'] as const;

/** The request's errors that belong to a field although the API sends them for the whole request (409). */
const FIELD_OF_CODE = { already_in_plan: 'teacher', already_assigned: 'teacher', not_eligible: 'teacher' };

/**
 * Adds one teacher to a plan: an eligible teacher of the county, the receiving school (another school of the
 * county), the rotation type (by name), whether the employment relation moves, and the dates (the school year by
 * default). The API's refusals appear at their fields.
 */
export function AssignmentFormDrawer({ plan, onClose }: { plan: PlanDetail; onClose: () => void }) {
  const { t } = useTranslation(['rotation', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const add = useAddAssignment();
  const [teacher, setTeacher] = useState<JudgedTeacher | undefined>();
  const [summary, setSummary] = useState<string[]>([]);

  const onFinish = async (values: Values) => {
    setSummary([]);
    try {
      const created = await add.mutateAsync({
        plan: plan.id,
        body: {
          teacher: values.teacher ?? 0,
          to_school: values.to_school ?? '',
          rotation_type: values.rotation_type ?? '',
          transfers_relation: values.transfers_relation,
          start_date: values.start_date?.format('YYYY-MM-DD') ?? '',
          end_date: values.end_date?.format('YYYY-MM-DD') ?? '',
        },
      });
      void message.success(t('rotation:form.added', { name: created.teacher_name }));
      onClose();
    } catch (error) {
      setSummary(applyApiErrors(form, localiseError(error, t, FIELD_OF_CODE), FIELDS, t('common:errors.generic')));
    }
  };

  return (
    <Drawer
      open
      title={t('rotation:form.title')}
      size={560}
      onClose={onClose}
      destroyOnHidden
      data-testid="assignment-form"
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="primary" loading={add.isPending} onClick={() => form.submit()} data-testid="assignment-save">
            {t('rotation:form.save')}
          </Button>
        </Space>
      }
    >
      <FormErrorSummary messages={summary} />
      <Form<Values>
        form={form}
        layout="vertical"
        scrollToFirstError
        onFinish={(values) => void onFinish(values)}
        initialValues={{
          transfers_relation: false,
          start_date: dayjs(`${String(plan.year)}-09-01`),
          end_date: dayjs(`${String(plan.year + 1)}-08-31`),
        }}
      >
        <Form.Item
          name="teacher"
          label={t('rotation:form.teacher')}
          rules={[{ required: true, message: t('rotation:form.validation.teacher') }]}
          data-testid="assignment-teacher"
        >
          <EligibleTeacherSelect
            county={plan.county.code}
            year={plan.year}
            onChange={(_, chosen) => {
              setTeacher(chosen);
              if (chosen && form.getFieldValue('to_school') === chosen.school_code) form.setFieldValue('to_school', undefined);
            }}
          />
        </Form.Item>
        <Form.Item
          name="to_school"
          label={t('rotation:form.toSchool')}
          rules={[{ required: true, message: t('rotation:form.validation.toSchool') }]}
          data-testid="assignment-school"
        >
          <CountySchoolSelect county={plan.county.code} exclude={teacher?.school_code} />
        </Form.Item>
        <Form.Item
          name="rotation_type"
          label={t('rotation:form.type')}
          rules={[{ required: true, message: t('rotation:form.validation.type') }]}
          data-testid="assignment-type"
        >
          <CodeSelect table={TYPE_TABLE} exclude={['0']} />
        </Form.Item>
        <Form.Item name="transfers_relation" label={t('rotation:form.transfers')} extra={t('rotation:form.transfersHint')} data-testid="assignment-transfers">
          <Radio.Group
            optionType="button"
            options={[
              { value: false, label: t('common:status.no') },
              { value: true, label: t('common:status.yes') },
            ]}
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="start_date"
            label={t('rotation:form.startDate')}
            rules={[{ required: true, message: t('rotation:form.validation.startDate') }]}
            style={{ flex: 1, marginInlineEnd: 12 }}
            data-testid="assignment-start"
          >
            <DatePicker style={{ width: '100%' }} onKeyDown={keepEnterInPicker} />
          </Form.Item>
          <Form.Item
            name="end_date"
            label={t('rotation:form.endDate')}
            rules={[{ required: true, message: t('rotation:form.validation.endDate') }]}
            style={{ flex: 1 }}
            data-testid="assignment-end"
          >
            <DatePicker style={{ width: '100%' }} onKeyDown={keepEnterInPicker} />
          </Form.Item>
        </Space.Compact>
      </Form>
    </Drawer>
  );
}
