import { Card, Col, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import type { ImportJob } from '@/features/import-export/api/imports-api';
import { ImportHistory } from '@/features/import-export/components/import-history';
import { ImportJobPanel } from '@/features/import-export/components/import-job-panel';
import { TemplateStep } from '@/features/import-export/components/template-step';
import { UploadStep } from '@/features/import-export/components/upload-step';

function jobFrom(value: string | null): number | null {
  const id = Number(value);
  return value && Number.isInteger(id) && id > 0 ? id : null;
}

/**
 * 批量导入: download the template, upload a filled-in file, follow the job's progress and read its result. The
 * job shown is in the address (`?job=`), so a reload or a visit elsewhere and back finds it again.
 */
export function ImportPage() {
  const { t } = useTranslation('importExport');
  const [params, setParams] = useSearchParams();
  const jobId = jobFrom(params.get('job'));

  const show = (id: number | null) => {
    setParams(id === null ? {} : { job: String(id) });
    if (id !== null) {
      window.requestAnimationFrame(() => document.getElementById('import-job')?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
    }
  };

  return (
    <Flex vertical gap={16}>
      <Card title={t('import.title')}>
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {t('import.intro')}
        </Typography.Paragraph>
        <Row gutter={[32, 24]}>
          <Col xs={24} lg={9}>
            <TemplateStep />
          </Col>
          <Col xs={24} lg={15}>
            <UploadStep onStarted={(job: ImportJob) => show(job.id)} />
          </Col>
        </Row>
      </Card>
      {jobId !== null && <ImportJobPanel key={jobId} id={jobId} onClose={() => show(null)} onRerun={(job: ImportJob) => show(job.id)} />}
      <ImportHistory current={jobId} onSelect={show} />
    </Flex>
  );
}
