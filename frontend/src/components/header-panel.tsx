import { Badge, Button, Dropdown, Flex, theme } from 'antd';
import type { ReactNode } from 'react';

interface HeaderPanelProps {
  /** The panel's heading (left) and an action beside it (right). */
  title: ReactNode;
  extra?: ReactNode;
  width?: number;
  testId: string;
  children: ReactNode;
}

/** The drop-down panel of a header button (see {@link HeaderButton}) (notifications, background jobs): a heading row over a scrolling list. */
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

interface HeaderButtonProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  panel: ReactNode;
  /** What a screen reader says (the count included). */
  label: string;
  /** Shown as a badge over the icon; 0 shows none. */
  count: number;
  icon: ReactNode;
  testId: string;
  countTestId: string;
}

/** A header button with a count badge that opens its {@link HeaderPanel} (notifications, background jobs). */
export function HeaderButton({ open, onOpenChange, panel, label, count, icon, testId, countTestId }: HeaderButtonProps) {
  return (
    <Dropdown trigger={['click']} open={open} onOpenChange={onOpenChange} popupRender={() => panel} placement="bottomRight">
      <Button type="text" aria-label={label} data-testid={testId} style={{ display: 'inline-flex', alignItems: 'center' }}>
        <Badge count={count} size="small" overflowCount={99} data-testid={countTestId}>
          {icon}
        </Badge>
      </Button>
    </Dropdown>
  );
}
