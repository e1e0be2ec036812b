import { LogoutOutlined, RollbackOutlined, SwapOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { components } from '@/api/generated/schema';
import { StatusChangeModal, type StatusChangeMode } from '@/features/changes/components/status-change-modal';
import { archiveChangeActions } from '@/features/changes/utils/changes';
import { useCapability } from '@/lib/auth/session';

type Teacher = components['schemas']['Teacher'];

/**
 * The archive header's change actions: 借出/离岗 and 离退/离职 for a serving teacher of an approved archive with no
 * change open, 返岗/返聘 for one who is away or has left. Hidden without `teachers.change`.
 */
export function ArchiveChangeActions({ teacher }: { teacher: Teacher }) {
  const { t } = useTranslation('changes');
  const canChange = useCapability('teachers.change');
  const [mode, setMode] = useState<StatusChangeMode | null>(null);
  const actions = archiveChangeActions(teacher, canChange);
  return (
    <>
      {actions.temporary && (
        <Button icon={<SwapOutlined />} onClick={() => setMode('temporary')} data-testid="change-leave">
          {t('archive.leave')}
        </Button>
      )}
      {actions.leaving && (
        <Button icon={<LogoutOutlined />} onClick={() => setMode('leaving')} data-testid="change-leaving">
          {t('archive.leaving')}
        </Button>
      )}
      {actions.return && (
        <Button icon={<RollbackOutlined />} onClick={() => setMode('return')} data-testid="change-return">
          {t('archive.return')}
        </Button>
      )}
      {mode && <StatusChangeModal teacherId={teacher.id} mode={mode} onClose={() => setMode(null)} />}
    </>
  );
}
