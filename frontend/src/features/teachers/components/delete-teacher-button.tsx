import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';

import { useQueryClient } from '@tanstack/react-query';

import { teacherKeys, useDeleteTeacher, type Teacher } from '@/features/teachers/api/teachers-api';
import { isStale } from '@/lib/api-error';

interface DeleteTeacherButtonProps {
  teacher: Teacher;
  onDeleted: () => void;
}

/** Deletes a draft archive after a confirmation; a refusal (409 `not_deletable`) is shown as a message. */
export function DeleteTeacherButton({ teacher, onDeleted }: DeleteTeacherButtonProps) {
  const { t } = useTranslation(['teachers', 'common']);
  const { message } = App.useApp();
  const deleteTeacher = useDeleteTeacher();
  const queryClient = useQueryClient();

  const onConfirm = async () => {
    try {
      await deleteTeacher.mutateAsync({ id: teacher.id, etag: teacher.etag });
      void message.success(t('teachers:remove.done'));
      onDeleted();
    } catch (error) {
      if (isStale(error)) {
        // Someone changed the archive meanwhile: show the current version before anything is deleted.
        void message.warning(t('common:stale.message'));
        await queryClient.invalidateQueries({ queryKey: teacherKeys.detail(teacher.id) });
        return;
      }
      void message.error(error instanceof Error ? error.message : t('common:errors.generic'));
    }
  };

  return (
    <Popconfirm
      title={t('teachers:remove.confirm')}
      description={t('teachers:remove.hint')}
      okText={t('teachers:remove.ok')}
      okButtonProps={{ danger: true }}
      cancelText={t('common:actions.cancel')}
      onConfirm={onConfirm}
    >
      <Button danger icon={<DeleteOutlined />} loading={deleteTeacher.isPending}>
        {t('teachers:remove.button')}
      </Button>
    </Popconfirm>
  );
}
