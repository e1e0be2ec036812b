import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Skeleton, Space, Statistic, Tag } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';

import { codeLabel, useOrg, useOrgCounts, useSchoolCodes, type Organisation } from '@/features/orgs/api/get-orgs';
import { ApiError } from '@/lib/api-error';
import { useCurrentUser } from '@/lib/auth/session';
import { levelsBelow } from '@/lib/org-levels';

interface OrgDetailProps {
  code: string | null;
  canManage: boolean;
  onAddChild: (parent: Organisation) => void;
  onEdit: (org: Organisation) => void;
}

function ParentName({ code }: { code: string }) {
  const user = useCurrentUser();
  // The parent of the user's own organisation is outside their scope: its name comes with the user's path (the
  // Ministry above a province is not in it), and the API is asked only about organisations the user may see.
  const ancestors = user.organisation_path.filter((org) => org.code !== user.organisation.code);
  const known = ancestors.find((org) => org.code === code);
  const outside = known !== undefined || code === user.organisation.parent_code;
  const parent = useOrg(outside ? null : code);
  const name = known?.name ?? parent.data?.name;
  return <span>{name ? `${name}（${code}）` : outside ? '—' : code}</span>;
}

export function OrgDetail({ code, canManage, onAddChild, onEdit }: OrgDetailProps) {
  const { t } = useTranslation(['orgs', 'common']);
  const org = useOrg(code);
  const counts = useOrgCounts(code);
  const schoolCodes = useSchoolCodes();

  if (!code) {
    return (
      <Card title={t('orgs:detailTitle')}>
        <Empty description={t('orgs:selectHint')} />
      </Card>
    );
  }
  if (org.isError) {
    const notFound = org.error instanceof ApiError && (org.error.status === 404 || org.error.status === 403);
    return (
      <Card title={t('orgs:detailTitle')}>
        <Alert type={notFound ? 'warning' : 'error'} showIcon title={notFound ? t('orgs:notInScope') : org.error.message} />
      </Card>
    );
  }
  if (!org.data) {
    return (
      <Card title={t('orgs:detailTitle')}>
        <Skeleton active />
      </Card>
    );
  }

  const data = org.data;
  const isSchool = data.level === 'school';
  const dash = '—';
  const stage = data.school_stage;
  const named = (field: 'school_type' | 'sponsor' | 'urban_rural' | 'affiliation') =>
    codeLabel(schoolCodes.data, field, data[field]) || dash;
  const items: DescriptionsProps['items'] = [
    { key: 'code', label: t('orgs:fields.code'), children: data.code },
    { key: 'name', label: t('orgs:fields.name'), children: data.name },
    { key: 'name_en', label: t('orgs:fields.nameEn'), children: data.name_en || dash },
    { key: 'level', label: t('orgs:fields.level'), children: <Tag color="blue">{t(`common:levels.${data.level}`)}</Tag> },
    {
      key: 'parent',
      label: t('orgs:fields.parent'),
      children: data.parent_code ? <ParentName code={data.parent_code} /> : dash,
    },
  ];
  if (isSchool) {
    items.push(
      { key: 'school_type', label: t('orgs:fields.schoolType'), children: named('school_type') },
      {
        key: 'school_stage',
        label: t('orgs:fields.schoolStage'),
        children: stage ? t(`orgs:stages.${stage}`, { defaultValue: stage }) : dash,
      },
      { key: 'sponsor', label: t('orgs:fields.sponsor'), children: named('sponsor') },
      { key: 'urban_rural', label: t('orgs:fields.urbanRural'), children: named('urban_rural') },
      { key: 'affiliation', label: t('orgs:fields.affiliation'), children: named('affiliation') },
    );
  }
  const below = levelsBelow(data.level);

  return (
    <Card
      title={t('orgs:detailTitle')}
      data-testid="org-detail"
      extra={
        canManage && (
          <Space wrap>
            {!isSchool && (
              <Button icon={<PlusOutlined />} onClick={() => onAddChild(data)}>
                {t('orgs:addChild')}
              </Button>
            )}
            <Button icon={<EditOutlined />} onClick={() => onEdit(data)}>
              {t('orgs:edit')}
            </Button>
          </Space>
        )
      }
    >
      <Descriptions bordered size="small" column={1} items={items} styles={{ label: { width: 140 } }} />
      {below.length > 0 && (
        <Card type="inner" size="small" title={t('orgs:fields.counts')} style={{ marginTop: 16 }}>
          <Space size={32} wrap>
            {below.map((level) => (
              <Statistic
                key={level}
                title={t(`common:levelCounts.${level}`)}
                value={counts.data ? counts.data[level] : undefined}
                loading={!counts.data}
                groupSeparator=","
              />
            ))}
          </Space>
        </Card>
      )}
    </Card>
  );
}
