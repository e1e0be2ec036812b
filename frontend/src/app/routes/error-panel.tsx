import { CloseCircleFilled } from '@ant-design/icons';
import { theme } from 'antd';
import type { ReactNode } from 'react';

/**
 * What went wrong and what to do, for the errors that can strike before any page has loaded (antd's `Result` carries
 * its illustrations, which the login page should not download).
 */
export function ErrorPanel({ title, detail, actions }: { title: string; detail?: ReactNode; actions: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div role="alert" style={{ padding: '48px 32px', textAlign: 'center' }}>
      <CloseCircleFilled style={{ fontSize: 72, color: token.colorError }} />
      <h2 style={{ margin: '24px 0 8px', fontSize: 24, fontWeight: 400, color: token.colorTextHeading }}>{title}</h2>
      {detail ? <p style={{ margin: 0, color: token.colorTextSecondary }}>{detail}</p> : null}
      <div style={{ marginTop: 24, display: 'inline-flex', gap: 8, flexWrap: 'wrap', justifyContent: 'center' }}>
        {actions}
      </div>
    </div>
  );
}
