/**
 * Batch screening of a customer file: one name a line, sent in chunks (the API takes at most 10,000 names a
 * call), with progress, and the results as a CSV file to download.
 */
import type { ScreenResult } from '../types';

export const API_BATCH_LIMIT = 10_000;

/** The names of a customer file: one a line, trimmed, blank lines and a UTF-8 BOM dropped. */
export function parseNames(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

export function chunk<T>(xs: readonly T[], size: number): T[][] {
  if (size < 1 || size > API_BATCH_LIMIT) throw new RangeError(`chunk size must be 1..${API_BATCH_LIMIT}`);
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** A chunk size that shows progress on small files and stays well under the API's limit on large ones. */
export function chunkSizeFor(total: number): number {
  return Math.min(2_000, Math.max(1, Math.ceil(total / 20)));
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per input name, in input order: the best hit (if any) and how many hits there were. */
export function resultsToCsv(results: readonly ScreenResult[], lists: string): string {
  const header = [
    'line',
    'name',
    'hits',
    'best_list',
    'best_name',
    'matched_name',
    'score',
    'explanation',
    'lists',
  ];
  const rows = results.map((r, i) => {
    const best = r.hits[0];
    return [
      i + 1,
      r.query,
      r.hits.length,
      best?.list ?? '',
      best?.name ?? '',
      best?.matchedName ?? '',
      best ? best.score.toFixed(2) : '',
      best?.explanation ?? '',
      lists,
    ];
  });
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export interface BatchProgress {
  done: number;
  total: number;
}

/** Screen every name, chunk by chunk, reporting progress after each chunk. */
export async function screenAll(
  names: readonly string[],
  send: (names: string[]) => Promise<{ lists: string; results: ScreenResult[] }>,
  onProgress: (p: BatchProgress) => void,
  size = chunkSizeFor(names.length),
): Promise<{ lists: string; results: ScreenResult[] }> {
  const results: ScreenResult[] = [];
  let lists = '';
  onProgress({ done: 0, total: names.length });
  for (const part of chunk(names, size)) {
    const answer = await send(part);
    lists = answer.lists;
    results.push(...answer.results);
    onProgress({ done: results.length, total: names.length });
  }
  return { lists, results };
}

interface JobState {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  items: number;
  itemsDone: number;
  error: string | null;
}

/**
 * Screen every name as a job on the server (POST /jobs/screen-batch): the workers do it in chunks, the
 * progress is the job's (GET /jobs/{id}), and the answers are read back in input order, page by page
 * (GET /jobs/{id}/results). A closed tab or a restarted server loses nothing: the job goes on.
 */
export async function screenAsJob(
  names: readonly string[],
  api: { post: <T>(path: string, body: unknown) => Promise<T>; get: <T>(path: string) => Promise<T> },
  onProgress: (p: BatchProgress) => void,
  pollMs = 500,
): Promise<{ lists: string; results: ScreenResult[] }> {
  let job = await api.post<JobState>('/jobs/screen-batch', { names });
  onProgress({ done: 0, total: names.length });
  while (job.state !== 'done') {
    if (job.state === 'failed') throw new Error(job.error ?? 'the batch screen failed');
    await new Promise((r) => setTimeout(r, pollMs));
    job = await api.get<JobState>(`/jobs/${encodeURIComponent(job.id)}`);
    onProgress({ done: job.itemsDone, total: job.items });
  }
  const results: ScreenResult[] = [];
  let lists = '';
  for (let from: number | null = 0; from !== null;) {
    const page: {
      chunks: { result: { lists: string; results: ScreenResult[] } }[];
      next: number | null;
    } = await api.get(`/jobs/${encodeURIComponent(job.id)}/results?from=${from}&limit=50`);
    for (const c of page.chunks) {
      lists = c.result.lists;
      results.push(...c.result.results);
    }
    from = page.next;
  }
  return { lists, results };
}
