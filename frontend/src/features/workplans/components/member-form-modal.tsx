import { App, Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { groupRoleValues } from '@/api/generated/enums';
import { FormModal } from '@/components/form-modal';
import { StaleAlert } from '@/components/stale-alert';
import {
  useCreateMember,
  useUpdateMember,
  type GroupMember,
  type GroupMemberInput,
} from '@/features/workplans/api/workplans-api';
import { isStale } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';

const FIELDS = ['name', 'unit', 'post', 'role', 'office_phone', 'mobile', 'email', 'sort_order'];
const TEXT_FIELDS = ['name', 'unit', 'post', 'office_phone', 'mobile', 'email'] as const;

interface MemberFormModalProps {
  member?: GroupMember;
  nextOrder: number;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}

export function MemberFormModal({ member, nextOrder, onClose, onReload }: MemberFormModalProps) {
  const { t } = useTranslation(['workplans', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<GroupMemberInput>();
  const [summary, setSummary] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const create = useCreateMember();
  const update = useUpdateMember();

  const onFinish = async (values: GroupMemberInput) => {
    setSummary([]);
    // antd leaves out the fields never touched: every one may be missing here.
    const entered: Partial<GroupMemberInput> = values;
    const body: GroupMemberInput = { ...values, sort_order: entered.sort_order ?? 0 };
    for (const name of TEXT_FIELDS) body[name] = (entered[name] ?? '').trim();
    try {
      if (member) await update.mutateAsync({ member, body });
      else await create.mutateAsync(body);
      void message.success(member ? t('workplans:saved') : t('workplans:created'));
      onClose();
    } catch (error) {
      if (isStale(error)) {
        setStale(true);
        return;
      }
      setSummary(applyApiErrors(form, error, FIELDS, t('common:errors.generic')));
    }
  };

  return (
    <FormModal<GroupMemberInput>
      title={member ? t('workplans:groups.editTitle') : t('workplans:groups.createTitle')}
      form={form}
      initialValues={member ? { ...member } : { role: 'member', sort_order: nextOrder }}
      onFinish={onFinish}
      saving={create.isPending || update.isPending}
      summary={summary}
      notice={stale && <StaleAlert onReload={() => onReload().then(onClose)} />}
      onClose={onClose}
      width={560}
      autoComplete="off"
    >
      <Form.Item
        name="name"
        label={t('workplans:groups.fields.name')}
        rules={[{ required: true, whitespace: true, message: t('workplans:validation.nameRequired') }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="unit" label={t('workplans:groups.fields.unit')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="post" label={t('workplans:groups.fields.post')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="role"
        label={t('workplans:groups.fields.role')}
        rules={[{ required: true, message: t('workplans:validation.roleRequired') }]}
      >
        <Select options={groupRoleValues.map((role) => ({ value: role, label: t(`workplans:groups.roles.${role}`) }))} />
      </Form.Item>
      <Form.Item name="office_phone" label={t('workplans:groups.fields.officePhone')}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item
        name="mobile"
        label={t('workplans:groups.fields.mobile')}
        rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('workplans:validation.mobile') }]}
      >
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Form.Item
        name="email"
        label={t('workplans:groups.fields.email')}
        rules={[{ type: 'email', message: t('workplans:validation.email') }]}
      >
        <Input maxLength={100} inputMode="email" />
      </Form.Item>
      <Form.Item name="sort_order" label={t('workplans:groups.fields.sortOrder')}>
        <InputNumber min={0} max={32767} precision={0} style={{ width: 120 }} />
      </Form.Item>
    </FormModal>
  );
}
