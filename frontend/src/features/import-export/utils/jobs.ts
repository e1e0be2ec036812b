/** Pure helpers of the import page and the export dialog: file checks, job states, counts and times. */

/** The API's upload limit (ImportStartRequest: ≤ 50 MB); checked before the upload starts. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const ACCEPTED_EXTENSIONS = ['.xlsx', '.csv'] as const;

export type FileProblem = 'type' | 'size' | 'empty';

/** Why a chosen file cannot be uploaded (null: it can). */
export function checkUploadFile(file: { name: string; size: number }): FileProblem | null {
  const name = file.name.toLowerCase();
  if (!ACCEPTED_EXTENSIONS.some((extension) => name.endsWith(extension))) return 'type';
  if (file.size > MAX_UPLOAD_BYTES) return 'size';
  if (file.size === 0) return 'empty';
  return null;
}

/** `830 KB`, `12.3 MB` (one decimal from a megabyte on, as officials read file sizes in Explorer). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} B`;
  if (bytes < 1024 * 1024) return `${String(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A count with thousands separators (UX.md); an unknown count is a dash. */
export function formatCount(value: number | null | undefined, language = 'zh-CN'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(language).format(value);
}

/** A percentage with one decimal (UX.md). */
export function formatPercent(value: number): string {
  return `${clampPercent(value).toFixed(1)}%`;
}

export function clampPercent(value: number | null | undefined): number {
  if (value === null || value === undefined || !Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, value));
}

/** A duration as `mm:ss`, or `h:mm:ss` from an hour on (negative durations are 0). */
export function formatDuration(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${String(hours)}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

interface Timed {
  created_at: string;
  finished_at: string | null;
}

/** Time since the upload (or the export request): until it finished, or until `now` while it runs. */
export function elapsedMs(job: Timed, now: number): number {
  const start = Date.parse(job.created_at);
  const end = job.finished_at ? Date.parse(job.finished_at) : now;
  return Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, end - start) : 0;
}

/**
 * The time still needed at the pace so far, or null when there is nothing to extrapolate from (no progress yet,
 * or done).
 */
export function remainingMs(percent: number, elapsed: number): number | null {
  const done = clampPercent(percent);
  if (done <= 0 || done >= 100 || elapsed <= 0) return null;
  return Math.round((elapsed * (100 - done)) / done);
}

/** How often the header asks for jobs when none is running (jobs started elsewhere, e.g. in another tab). */
export const IDLE_POLL_MS = 60_000;
/** Jobs (of every kind) the header's indicator shows. */
export const RECENT_JOBS = 8;

/** Jobs the server is still working on (polled). */
export function isActive(state: string): boolean {
  return state === 'queued' || state === 'running';
}

/** How many of the jobs are still being worked on (the indicator's badge). */
export function activeCount(jobs: readonly { state: string }[]): number {
  return jobs.filter((job) => isActive(job.state)).length;
}

/** Whether the owner may still cancel a job: it is being worked on and no cancel was asked yet. */
export function canCancel(job: { state: string; cancel_requested: boolean }): boolean {
  return isActive(job.state) && !job.cancel_requested;
}

interface ImportCounts {
  state: string;
  dry_run: boolean;
  rows_failed: number;
  rows_warned: number;
  layout?: { needs_mapping?: boolean };
}

export type ImportOutcome = 'running' | 'failed' | 'cancelled' | 'mapping' | 'checked' | 'success' | 'partial';

/**
 * What a finished import means for the user: the file could not be read (`failed`), stopped by its owner
 * (`cancelled`: the rows saved before stay), a key column to map before any row is read (`mapping`), a dry run (`checked`), every row saved (`success`) or some rows left out
 * (`partial`).
 */
export function importOutcome(job: ImportCounts): ImportOutcome {
  if (isActive(job.state)) return 'running';
  if (job.state === 'failed') return 'failed';
  if (job.state === 'cancelled') return 'cancelled';
  if (job.layout?.needs_mapping) return 'mapping';
  if (job.dry_run) return 'checked';
  return job.rows_failed > 0 ? 'partial' : 'success';
}

/** The filters of an export: the list's applied filters as the strings the API takes, empty ones left out. */
export function exportFilters(filters: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const text = String(value).trim();
    if (text) out[key] = text;
  }
  return out;
}

/** The chosen columns in the API's order (the checkbox group reports them in click order). */
export function orderedFields(all: readonly { code: string }[], chosen: readonly string[]): string[] {
  const picked = new Set(chosen);
  return all.filter((column) => picked.has(column.code)).map((column) => column.code);
}

/**
 * The column to show for a problem: the file's header; for a problem of an indicator the file has no column for
 * (the API then repeats the indicator code), the indicator's name; '' for a problem of the whole row.
 */
export function problemColumn(problem: { column: string; field: string }, labels: ReadonlyMap<string, string>): string {
  if (problem.column && problem.column !== problem.field) return problem.column;
  if (problem.field) return labels.get(problem.field) ?? problem.field;
  return problem.column;
}
