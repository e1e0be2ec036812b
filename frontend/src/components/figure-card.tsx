import { Card, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';

/** One headline figure of a report, with a small note under it. */
export function FigureCard({ title, value, note, testId }: { title: string; value: string | number; note?: ReactNode; testId: string }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic title={title} value={value} groupSeparator="," data-testid={testId} />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </Card>
  );
}
