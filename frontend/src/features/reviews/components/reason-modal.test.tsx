import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';

import { returnReview } from '@/features/reviews/api/reviews-api';
import { ReasonModal } from '@/features/reviews/components/reason-modal';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';

describe('the return reason modal', () => {
  it('asks for five characters before anything is sent', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(() => Promise.resolve());
    renderWithProviders(<ReasonModal title="退回“张伟”" onSubmit={onSubmit} onClose={() => undefined} saving={false} />);
    await user.type(screen.getByRole('textbox'), '  太短  ');
    await user.click(screen.getByRole('button', { name: '退 回' }));
    expect(await screen.findByText('退回原因至少 5 个字')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows the API’s field error at the reason and sends the trimmed text', async () => {
    const user = userEvent.setup();
    let sent: unknown = null;
    server.use(
      http.post('*/api/v1/reviews/7/return/', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(
          {
            status: 400,
            code: 'invalid',
            message: '提交的数据无效。',
            errors: { reason: [{ code: 'min_length', message: '请写明至少 5 个字的原因。' }] },
          },
          { status: 400 },
        );
      }),
    );
    renderWithProviders(
      <ReasonModal
        title="退回“张伟”"
        onSubmit={async (reason) => {
          await returnReview(7, reason);
        }}
        onClose={() => undefined}
        saving={false}
      />,
    );
    await user.type(screen.getByRole('textbox'), ' 请核对民族 ');
    await user.click(screen.getByRole('button', { name: '退 回' }));
    expect(await screen.findByText('请写明至少 5 个字的原因。')).toBeInTheDocument();
    expect(screen.getByText('提交的数据无效。')).toBeInTheDocument();
    expect(sent).toEqual({ reason: '请核对民族' });
  });
});
