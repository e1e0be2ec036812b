import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Popconfirm, Select, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormModal } from '@/components/form-modal';
import { PasswordResetButton } from '@/features/users/components/password-reset';
import { OrgTreeSelect } from '@/components/org-tree-select';
import { StaleAlert } from '@/components/stale-alert';
import {
  getUser,
  useAssignUserRoles,
  useCreateUser,
  useResetUserTotp,
  useUpdateUser,
  userKeys,
  type User,
} from '@/features/users/api/users-api';
import { ApiError, isStale } from '@/lib/api-error';
import { useCapability } from '@/lib/auth/session';
import { applyApiErrors } from '@/lib/form-errors';
import { ROLES, type Role } from '@/lib/roles';

export type UserFormTarget = { mode: 'create'; organisation?: string } | { mode: 'edit'; user: User };

interface UserFormValues {
  username: string;
  display_name: string;
  password?: string;
  roles: Role[];
  organisation: string;
  is_active: boolean;
}

const FIELDS = ['username', 'display_name', 'password', 'roles', 'organisation', 'is_active'];

interface UserFormModalProps {
  target: UserFormTarget;
  onClose: () => void;
}

export function UserFormModal({ target, onClose }: UserFormModalProps) {
  const { t } = useTranslation(['users', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const [summary, setSummary] = useState<string[]>([]);
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const assignRoles = useAssignUserRoles();
  // 三员分立: the system administrator opens accounts (without roles), the security administrator assigns roles
  // (and edits nothing else); a business administrator does both inside its subtree.
  const canManage = useCapability('users.manage');
  const canAssign = useCapability('roles.assign');
  const canUnlock = useCapability('users.unlock');
  const resetTotp = useResetUserTotp();
  const queryClient = useQueryClient();
  const isCreate = target.mode === 'create';
  // The version being edited: the list's row at first, the current one after a reload (412).
  const [base, setBase] = useState<User | null>(target.mode === 'edit' ? target.user : null);
  const [stale, setStale] = useState(false);

  const valuesOf = (user: User): Partial<UserFormValues> => ({
    username: user.username,
    display_name: user.display_name,
    roles: user.roles,
    organisation: user.organisation.code,
    is_active: user.is_active,
  });
  const initialValues: Partial<UserFormValues> =
    target.mode === 'create'
      ? { roles: canAssign ? ['filler'] : [], is_active: true, organisation: target.organisation }
      : valuesOf(target.user);

  const reload = async () => {
    if (!base) return;
    const current = await getUser(base.id);
    setBase(current);
    form.setFieldsValue({ ...valuesOf(current), password: undefined });
    setStale(false);
    setSummary([]);
    await queryClient.invalidateQueries({ queryKey: userKeys.all });
  };

  const onFinish = async (values: UserFormValues) => {
    setSummary([]);
    try {
      if (target.mode === 'create') {
        await createUser.mutateAsync({
          username: values.username.trim(),
          display_name: values.display_name.trim(),
          password: values.password ?? '',
          roles: canAssign ? values.roles : [],
          organisation: values.organisation,
        });
        void message.success(t('users:created'));
      } else if (base && !canManage) {
        await assignRoles.mutateAsync({ id: base.id, etag: base.etag, roles: values.roles });
        void message.success(t('users:saved'));
      } else if (base) {
        await updateUser.mutateAsync({
          id: base.id,
          etag: base.etag,
          body: {
            display_name: values.display_name.trim(),
            ...(canAssign ? { roles: values.roles } : {}),
            is_active: values.is_active,
          },
        });
        void message.success(t('users:saved'));
      }
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
    <FormModal<UserFormValues>
      title={isCreate ? t('users:createTitle') : t('users:editTitle', { username: target.user.username })}
      form={form}
      initialValues={initialValues}
      onFinish={onFinish}
      saving={createUser.isPending || updateUser.isPending || assignRoles.isPending}
      summary={summary}
      notice={stale && <StaleAlert onReload={reload} />}
      onClose={onClose}
      width={560}
      autoComplete="off"
    >
      <Form.Item
        name="username"
        label={t('users:fields.username')}
        rules={isCreate ? [{ required: true, whitespace: true, message: t('users:validation.usernameRequired') }] : []}
      >
        <Input disabled={!isCreate || !canManage} maxLength={64} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="display_name"
        label={t('users:fields.displayName')}
        rules={[{ required: true, whitespace: true, message: t('users:validation.displayNameRequired') }]}
      >
        <Input maxLength={100} disabled={!canManage} />
      </Form.Item>
      {isCreate ? (
        <Form.Item
          name="password"
          label={t('users:fields.password')}
          extra={t('users:passwordChangedAtFirstLogin')}
          rules={[{ required: true, message: t('users:validation.passwordRequired') }]}
        >
          <Input.Password autoComplete="new-password" disabled={!canManage} />
        </Form.Item>
      ) : (
        canUnlock && (
          <Form.Item label={t('users:fields.passwordReset')}>
            <PasswordResetButton user={target.user} />
          </Form.Item>
        )
      )}
      {canAssign ? (
        <Form.Item
          name="roles"
          label={t('users:fields.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('users:validation.rolesRequired') }]}
        >
          <Select
            mode="multiple"
            options={ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))}
          />
        </Form.Item>
      ) : (
        <Form.Item label={t('users:fields.roles')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {!isCreate && target.user.roles.length > 0 && (
              <Space wrap>
                {target.user.roles.map((role) => (
                  <Tag key={role}>{t(`common:roles.${role}`)}</Tag>
                ))}
              </Space>
            )}
            <Alert type="info" showIcon title={t('users:rolesBySecadmin')} data-testid="roles-by-secadmin" />
          </Space>
        </Form.Item>
      )}
      <Form.Item
        name="organisation"
        label={t('users:fields.organisation')}
        rules={isCreate ? [{ required: true, message: t('users:validation.organisationRequired') }] : []}
      >
        {isCreate ? (
          <OrgTreeSelect placeholder={t('users:filterOrgPlaceholder')} />
        ) : (
          <Input disabled value={`${target.user.organisation.name}（${target.user.organisation.code}）`} />
        )}
      </Form.Item>
      {!isCreate && (
        <Form.Item name="is_active" label={t('users:fields.active')} valuePropName="checked">
          <Switch disabled={!canManage} />
        </Form.Item>
      )}
      {!isCreate && (
        <Form.Item label={t('users:fields.totp')}>
          <Space>
            <Tag color={target.user.totp_enabled ? 'green' : 'default'}>
              {target.user.totp_enabled ? t('users:totpOn') : t('users:totpOff')}
            </Tag>
            {target.user.totp_enabled && (
              <Popconfirm
                title={t('users:totpResetConfirm')}
                onConfirm={() =>
                  resetTotp.mutate(target.user.id, {
                    onSuccess: () => {
                      void message.success(t('users:totpResetDone'));
                      onClose();
                    },
                    onError: (error) => void message.error(error instanceof ApiError ? error.message : String(error)),
                  })
                }
              >
                <Button size="small" danger loading={resetTotp.isPending}>
                  {t('users:totpReset')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Form.Item>
      )}
    </FormModal>
  );
}
