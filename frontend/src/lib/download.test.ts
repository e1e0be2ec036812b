import { afterEach, describe, expect, it, vi } from 'vitest';

import { ApiError } from '@/lib/api-error';
import { fileNameFrom, saveDownload } from '@/lib/download';

describe('file names of downloads', () => {
  it('reads the RFC 5987 name Django sends for Chinese names', () => {
    expect(
      fileNameFrom("attachment; filename*=utf-8''%E5%AF%BC%E5%85%A5%E7%BB%93%E6%9E%9C-12.xlsx", 'x.xlsx'),
    ).toBe('导入结果-12.xlsx');
    expect(fileNameFrom("attachment; filename*=UTF-8''template-2162010201.xlsx", 'x.xlsx')).toBe('template-2162010201.xlsx');
  });

  it('reads a plain name, quoted or not', () => {
    expect(fileNameFrom('attachment; filename="report.csv"', 'x')).toBe('report.csv');
    expect(fileNameFrom('attachment; filename=report.csv', 'x')).toBe('report.csv');
  });

  it('prefers the extended name and falls back when there is none', () => {
    expect(fileNameFrom('attachment; filename="a.csv"; filename*=UTF-8\'\'%E6%95%99.csv', 'x')).toBe('教.csv');
    expect(fileNameFrom(null, 'fallback.xlsx')).toBe('fallback.xlsx');
    expect(fileNameFrom('attachment', 'fallback.xlsx')).toBe('fallback.xlsx');
    expect(fileNameFrom("attachment; filename*=UTF-8''%E0%A4%A", 'fallback.xlsx')).toBe('fallback.xlsx');
  });
});

describe('saving a download', () => {
  afterEach(() => vi.restoreAllMocks());

  it('saves the blob under the server’s name', async () => {
    const create = vi.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const response = new Response('a,b', { headers: { 'Content-Disposition': 'attachment; filename="t.csv"' } });
    const name = await saveDownload(Promise.resolve({ data: new Blob(['a,b']), response }), 'f.csv');
    expect(name).toBe('t.csv');
    expect(create).toHaveBeenCalledOnce();
    expect(click).toHaveBeenCalledOnce();
  });

  it('throws the API error of an error answer', async () => {
    const response = new Response(null, { status: 410 });
    const error = { status: 410, code: 'already_downloaded', message: '已下载过。' };
    await expect(saveDownload(Promise.resolve({ error, response }), 'f.csv')).rejects.toBeInstanceOf(ApiError);
    await expect(saveDownload(Promise.resolve({ error, response }), 'f.csv')).rejects.toMatchObject({
      code: 'already_downloaded',
    });
  });
});
