import { Alert } from 'antd';

/** The error summary at the top of a form (UX.md: errors at the field and in a summary on top). */
export function FormErrorSummary({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={messages[0]}
      description={messages.length > 1 ? messages.slice(1).join('；') : undefined}
    />
  );
}
