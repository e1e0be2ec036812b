import { Flex, theme } from 'antd';
import type { ReactNode } from 'react';

interface HeaderPanelProps {
  /** The panel's heading (left) and an action beside it (right). */
  title: ReactNode;
  extra?: ReactNode;
  width?: number;
  testId: string;
  children: ReactNode;
}

/** The drop-down panel of a header button (notifications, background jobs): a heading row over a scrolling list. */
export function HeaderPanel({ title, extra, width = 360, testId, children }: HeaderPanelProps) {
  const { token } = theme.useToken();
  return (
    <div
      data-testid={testId}
      style={{
        width,
        maxWidth: 'calc(100vw - 32px)',
        background: token.colorBgElevated,
        borderRadius: token.borderRadiusLG,
        boxShadow: token.boxShadowSecondary,
      }}
    >
      <Flex justify="space-between" align="center" style={{ padding: '10px 16px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
        {title}
        {extra}
      </Flex>
      <div style={{ maxHeight: 400, overflowY: 'auto' }}>{children}</div>
    </div>
  );
}
