import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Input, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { OrgDetail } from '@/features/orgs/components/org-detail';
import { OrgFormModal, type OrgFormTarget } from '@/features/orgs/components/org-form-modal';
import { OrgSearchResults } from '@/features/orgs/components/org-search-results';
import { OrgTree } from '@/features/orgs/components/org-tree';
import { useOrgTree } from '@/features/orgs/hooks/use-org-tree';
import { useCapability } from '@/lib/auth/session';

export function OrgsPage() {
  const { t } = useTranslation(['orgs', 'common']);
  const tree = useOrgTree();
  const canManage = useCapability('orgs.manage');
  const [searchParams, setSearchParams] = useSearchParams();
  const [searchInput, setSearchInput] = useState(searchParams.get('q') ?? '');
  const query = (searchParams.get('q') ?? '').trim();
  const selected = searchParams.get('org') ?? tree.rootCodes[0] ?? null;
  const [formTarget, setFormTarget] = useState<OrgFormTarget | null>(null);

  const updateParams = (changes: Record<string, string | null>) => {
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  };

  return (
    <Row gutter={[16, 16]} wrap>
      <Col xs={24} lg={10} xl={9}>
        <Card
          title={query ? t('orgs:searchResults') : t('orgs:treeTitle')}
          extra={
            query ? (
              <Button
                type="link"
                size="small"
                icon={<ArrowLeftOutlined />}
                onClick={() => {
                  setSearchInput('');
                  updateParams({ q: null });
                }}
              >
                {t('orgs:backToTree')}
              </Button>
            ) : undefined
          }
          styles={{ body: { maxHeight: 'calc(100vh - 240px)', minHeight: 240, overflow: 'auto' } }}
        >
          <Input.Search
            allowClear
            placeholder={t('orgs:searchPlaceholder')}
            aria-label={t('orgs:searchPlaceholder')}
            value={searchInput}
            onChange={(event) => {
              setSearchInput(event.target.value);
              if (!event.target.value) updateParams({ q: null });
            }}
            onSearch={(value) => updateParams({ q: value.trim() || null })}
            enterButton={t('common:actions.search')}
            style={{ marginBottom: 12 }}
          />
          {query ? (
            <OrgSearchResults query={query} selectedCode={selected} onSelect={(code) => updateParams({ org: code })} />
          ) : (
            <OrgTree tree={tree} selectedCode={selected} onSelect={(code) => updateParams({ org: code })} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14} xl={15}>
        <OrgDetail
          code={selected}
          canManage={canManage}
          onAddChild={(parent) => setFormTarget({ mode: 'create', parent })}
          onEdit={(org) => setFormTarget({ mode: 'edit', org })}
        />
      </Col>
      {formTarget && (
        <OrgFormModal
          target={formTarget}
          onClose={() => setFormTarget(null)}
          onSaved={(org, target) => {
            setFormTarget(null);
            if (target.mode === 'create') {
              void tree.reloadChildren(target.parent.code);
              updateParams({ org: org.code });
            } else {
              tree.updateOrg(org);
            }
          }}
        />
      )}
    </Row>
  );
}
