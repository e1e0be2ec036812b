import { ArrowLeftOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Avatar, Button, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import type { Teacher } from '@/features/teachers/api/teachers-api';
import { ArchiveDownloadButton } from '@/features/teachers/components/archive-download-button';
import { DeleteTeacherButton } from '@/features/teachers/components/delete-teacher-button';
import { IdNumber } from '@/features/teachers/components/id-number';
import { RecordStateTag } from '@/features/teachers/components/record-state-tag';
import { codeItemsQueryOptions } from '@/lib/catalogue-api';
import { localName } from '@/lib/catalogue-names';

interface TeacherHeaderProps {
  teacher: Teacher;
  /** Shows the delete action (a draft that was never approved, and the user may change archives). */
  deletable: boolean;
  onDeleted: () => void;
  /** Review actions (送审, 撤回) shown before the others. */
  actions?: ReactNode;
}

/** A code value by its name: 人员状态 (`personnel-status`), 教职工当前状态 (`staff-current-status`). */
function CodeName({ table, code }: { table: string; code: string }) {
  const { i18n } = useTranslation();
  const items = useQuery(codeItemsQueryOptions(table));
  if (!code) return <>—</>;
  const item = items.data?.find((candidate) => candidate.code === code);
  // Until the table is in, nothing rather than the bare code (UX.md: names, never codes).
  return <>{item ? localName(i18n.language, item.name, item.name_en) : ''}</>;
}

/** The archive's header card: photo placeholder, name and states, national number, school, ID number. */
export function TeacherHeader({ teacher, deletable, onDeleted, actions }: TeacherHeaderProps) {
  const { t } = useTranslation(['teachers', 'common', 'changes']);
  const navigate = useNavigate();
  return (
    <Card data-testid="teacher-header">
      {/* On a phone the text moves below the photo rather than being squeezed beside it. */}
      <Flex gap={20} align="flex-start" wrap>
        <Avatar
          shape="square"
          size={72}
          icon={<UserOutlined />}
          alt={t('teachers:header.photo')}
          aria-label={t('teachers:header.photo')}
          style={{ flex: 'none', width: 60, height: 76, lineHeight: '76px' }}
          data-testid="teacher-photo"
        />
        <div style={{ flex: '1 1 260px', minWidth: 0 }}>
          <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
            <Space size={12} wrap>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="teacher-name">
                {teacher.name}
              </Typography.Title>
              <RecordStateTag state={teacher.record_state} />
              {teacher.pending_change && (
                <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="pending-change">
                  {t('teachers:review.pendingTag')}
                </Tag>
              )}
            </Space>
            <Space wrap>
              {actions}
              <ArchiveDownloadButton teacherId={teacher.id} />
              {deletable && <DeleteTeacherButton teacher={teacher} onDeleted={onDeleted} />}
              <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/teachers')}>
                {t('teachers:back')}
              </Button>
            </Space>
          </Flex>
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 4 }}>
            <Descriptions.Item label={t('teachers:header.teacherNo')}>
              <Typography.Text data-testid="teacher-no" strong style={{ whiteSpace: 'nowrap' }}>
                {teacher.teacher_no || t('teachers:header.noNumber')}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('teachers:header.school')}>{teacher.school_name}</Descriptions.Item>
            <Descriptions.Item label={t('teachers:header.personnelStatus')}>
              <span data-testid="personnel-status">
                <CodeName table="personnel-status" code={teacher.personnel_status} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('changes:archive.employmentStatus')}>
              <span data-testid="employment-status">
                <CodeName table="staff-current-status" code={teacher.employment_status} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('teachers:header.idNumber')}>
              <IdNumber key={teacher.id} teacher={teacher} />
            </Descriptions.Item>
          </Descriptions>
        </div>
      </Flex>
    </Card>
  );
}
