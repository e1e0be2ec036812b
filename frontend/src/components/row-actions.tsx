import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';

interface RowActionsProps {
  onEdit: () => void;
  /** May return a promise: the confirmation's button spins until it settles. */
  onRemove: () => unknown;
  /** The question asked before removing, e.g. "删除扩展指标 ext_x？". */
  removeConfirm: string;
  removeLabel: string;
}

/** Edit and remove (with confirmation) links for a row of a table. */
export function RowActions({ onEdit, onRemove, removeConfirm, removeLabel }: RowActionsProps) {
  const { t } = useTranslation(['common']);
  return (
    <Space size={0}>
      <Button type="link" size="small" icon={<EditOutlined />} onClick={onEdit}>
        {t('common:actions.edit')}
      </Button>
      <Popconfirm
        title={removeConfirm}
        onConfirm={onRemove}
        okText={removeLabel}
        okButtonProps={{ danger: true }}
        cancelText={t('common:actions.cancel')}
      >
        <Button type="link" size="small" danger icon={<DeleteOutlined />}>
          {removeLabel}
        </Button>
      </Popconfirm>
    </Space>
  );
}
