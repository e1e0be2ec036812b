import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';

import { UploadStep } from '@/features/import-export/components/upload-step';
import { MAX_UPLOAD_BYTES } from '@/features/import-export/utils/jobs';
import { renderWithProviders } from '@/testing/render';
import { server } from '@/testing/server';

/** A File whose size is reported as `size` without allocating it. */
function fileOf(name: string, size: number): File {
  const file = new File(['学校代码,姓名\n'], name, { type: 'text/csv' });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

const fileInput = () => {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('no file input');
  return input;
};

describe('the upload step', () => {
  it('refuses a file over 50 MB before uploading, saying what to do', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const onStarted = vi.fn();
    renderWithProviders(<UploadStep onStarted={onStarted} />);
    await user.upload(fileInput(), fileOf('全校教师.xlsx', MAX_UPLOAD_BYTES + 1));
    expect(await screen.findByTestId('import-file-problem')).toHaveTextContent('超过 50 MB 的上限。请拆分为几个较小的文件');
    expect(screen.getByRole('button', { name: /开始导入/ })).toBeDisabled();
    expect(onStarted).not.toHaveBeenCalled();
  });

  it('refuses an old .xls workbook', async () => {
    const user = userEvent.setup({ applyAccept: false });
    renderWithProviders(<UploadStep onStarted={() => undefined} />);
    await user.upload(fileInput(), fileOf('教师.xls', 2048));
    expect(await screen.findByTestId('import-file-problem')).toHaveTextContent('另存为 .xlsx');
  });

  it('uploads the chosen file with the options and reports the started job', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const onStarted = vi.fn();
    let sent: FormData | null = null;
    server.use(
      http.post('*/api/v1/imports/', async ({ request }) => {
        sent = await request.formData();
        return HttpResponse.json({ id: 42, state: 'queued' }, { status: 202 });
      }),
    );
    renderWithProviders(<UploadStep onStarted={onStarted} />);
    await user.upload(fileInput(), fileOf('教师.csv', 2048));
    expect(await screen.findByText(/已选择：教师\.csv（2 KB）/)).toBeInTheDocument();
    await user.click(screen.getByRole('switch', { name: '仅校验（不写入）' }));
    await user.click(screen.getByRole('button', { name: /开始校验/ }));
    await waitFor(() => expect(onStarted).toHaveBeenCalledWith({ id: 42, state: 'queued' }));
    const form = sent as FormData | null;
    expect(form?.get('dry_run')).toBe('true');
    expect(form?.get('strict')).toBe('false');
    expect(form?.get('mode')).toBe('create');
    // The file part itself (its name does not survive jsdom's File in Node's FormData; the browser test sees it).
    expect(form?.get('file')).toBeTruthy();
  });
});
