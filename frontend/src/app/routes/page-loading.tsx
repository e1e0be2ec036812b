import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** What shows while a page's code or the signed-in user loads: a spinner in the middle of the space it takes. */
export function PageLoading({ fullPage = false }: { fullPage?: boolean }) {
  const { t } = useTranslation();
  return (
    <div
      data-testid="page-loading"
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        height: fullPage ? '100vh' : undefined,
        minHeight: fullPage ? undefined : 240,
      }}
    >
      <Spin size="large" description={t('status.loading')}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}
