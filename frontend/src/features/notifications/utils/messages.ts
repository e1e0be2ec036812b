/**
 * The API words a notification once, in the language of whoever caused it (and its messages have no Chinese
 * translation yet). The review engine's two messages are recognised here and shown in the reader's language
 * from their parts; anything else is shown as sent.
 */
export type NotificationText =
  | { key: 'returned'; label: string; reason: string }
  | { key: 'waiting'; label: string };

const RETURNED = /^(.+?) was returned: ([\s\S]+)$/;
const WAITING = /^(.+?) is waiting for your review\.?$/;

export function notificationText(kind: string, message: string): NotificationText | null {
  if (kind === 'review_returned') {
    const match = RETURNED.exec(message);
    if (match?.[1] && match[2]) return { key: 'returned', label: match[1], reason: match[2] };
  }
  if (kind === 'review_waiting') {
    const match = WAITING.exec(message);
    if (match?.[1]) return { key: 'waiting', label: match[1] };
  }
  return null;
}
