import { describe, expect, it } from 'vitest';

import { notificationText } from '@/features/notifications/utils/messages';

describe('notification texts', () => {
  it('recognises the review engine’s messages by their kind', () => {
    expect(notificationText('review_returned', '张伟 was returned: 民族填写有误: 请核对')).toEqual({
      key: 'returned',
      label: '张伟',
      reason: '民族填写有误: 请核对',
    });
    expect(notificationText('review_waiting', '张伟 is waiting for your review.')).toEqual({ key: 'waiting', label: '张伟' });
  });

  it('leaves other and already translated messages as they are', () => {
    expect(notificationText('review_returned', '张伟 已被退回：民族填写有误')).toBeNull();
    expect(notificationText('import_done', '张伟 is waiting for your review.')).toBeNull();
  });
});
