import { toApiError } from '@/lib/api-error';

/**
 * The file name a `Content-Disposition` header gives: RFC 5987 `filename*=UTF-8''…` first (Django sends it for
 * non-ASCII names), then a plain `filename="…"`, else the fallback.
 */
export function fileNameFrom(contentDisposition: string | null, fallback: string): string {
  if (!contentDisposition) return fallback;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(contentDisposition);
  if (extended?.[2]) {
    try {
      const name = decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
      if (name) return name;
    } catch {
      // a malformed escape: try the plain parameter
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(contentDisposition);
  const name = (plain?.[2] ?? plain?.[1] ?? '').trim();
  return name || fallback;
}

/** Hands a blob to the browser as a download (an object URL clicked through a temporary link). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked a little later: some browsers read the URL after the click returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

interface BlobResult {
  data?: Blob;
  error?: unknown;
  response: Response;
}

/**
 * Saves a file the typed client fetched with `parseAs: 'blob'` (the API needs the bearer token, so a plain link
 * cannot download it). Throws ApiError for an error answer; returns the saved file's name.
 */
export async function saveDownload(request: Promise<BlobResult>, fallbackName: string): Promise<string> {
  const { data, error, response } = await request;
  if (error !== undefined || !response.ok || !data) throw toApiError(error, response);
  const name = fileNameFrom(response.headers.get('Content-Disposition'), fallbackName);
  saveBlob(data, name);
  return name;
}
