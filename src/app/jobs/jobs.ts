/**
 * Heavy work as jobs (issue 14, item 6; docs/PERSISTENCE.md, "Jobs"). Starting a job cuts its work into
 * chunks, stores them (src/app/ports/job-queue.ts), records who started what (a `job` record, audited
 * `job.start`) and hands the chunks to the queue. Workers (`htt worker`, or the server's in-process runner on
 * SQLite) run `runChunk`: lease the chunk, compute its result, write it in the transaction that marks the
 * chunk done. Progress and results are read by organisation: a job is visible to its organisation only.
 */
import { HttError } from '../../core/errors.js';
import type { Screener } from '../../core/screening/types.js';
import type { ChunkRef, JobInfo, JobType } from '../ports/job-queue.js';
import type { RescreenItem } from '../records/transactions.js';
import {
  SYSTEM,
  audit,
  newId,
  requireRole,
  type Actor,
  type CaseServices,
  type JobServices,
} from '../records/context.js';

/** Names per chunk of a batch screen (a chunk is a few hundred milliseconds of screening). */
export const SCREEN_CHUNK = 500;

const jobsOf = (s: CaseServices): JobServices => {
  if (!s.jobs)
    throw new HttError({ code: 'DB.UNAVAILABLE', message: 'no job store is configured in this process' });
  return s.jobs;
};

const chunked = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export interface JobView extends JobInfo {
  /** Share of items done, 0..1. */
  progress: number;
  /** For jobs of one chunk (case file, audit verification) and re-screening totals, once done. */
  result?: unknown;
}

/** Start a job of `type` with its chunks' items; the acting user's organisation owns it. */
export async function startJob(
  s: CaseServices,
  actor: Actor,
  type: JobType,
  params: Record<string, unknown>,
  chunks: unknown[][],
): Promise<JobView> {
  const jobs = jobsOf(s);
  const id = newId('job');
  const at = s.now();
  // the audited record of who started what; progress and results live in the job tables
  await s.store.transaction((tx) =>
    tx.insert(
      {
        kind: 'job',
        id,
        orgIds: [actor.orgId],
        state: 'started',
        data: { type, params, chunks: chunks.length, items: chunks.reduce((n, c) => n + c.length, 0) },
        retainUntil: null,
      },
      audit(actor, 'job.start', at, type),
    ),
  );
  const info = await jobs.store.create({
    id,
    orgId: actor.orgId,
    type,
    createdBy: actor.userId,
    at,
    params,
    chunks,
  });
  await enqueueJob(s, id);
  return view(info);
}

/** How long one process holds a job's hand-over to the queue before another may do it. */
const ENQUEUE_LEASE_MS = 30_000;

/**
 * Hand a stored job's pending chunks to the queue, once: the hand-over is claimed in the job store (one
 * claimer wins), then the chunks are enqueued and the job marked enqueued. False if another process holds or
 * did the hand-over. A process that dies after the claim and before the mark leaves the job to the recovery
 * sweep once the claim's lease runs out; the chunks' conditional completion keeps each result once even then.
 */
export async function enqueueJob(s: CaseServices, jobId: string): Promise<boolean> {
  const jobs = jobsOf(s);
  if (!(await jobs.store.claimEnqueue(jobId, ENQUEUE_LEASE_MS))) return false;
  await jobs.queue.enqueue(await jobs.store.pendingChunks(jobId));
  await jobs.store.markEnqueued(jobId);
  return true;
}

/**
 * The recovery sweep (worker start and every HTT_JOB_SWEEP_SECONDS): jobs stored but never handed to the
 * queue — their starter crashed between the insert and the enqueue — are enqueued, each once. Returns how
 * many jobs this call enqueued.
 */
export async function recoverUnqueued(s: CaseServices, limit = 100): Promise<number> {
  const jobs = jobsOf(s);
  let n = 0;
  for (const id of await jobs.store.unqueued(limit)) if (await enqueueJob(s, id)) n++;
  return n;
}

export function startBatchScreen(
  s: CaseServices,
  actor: Actor,
  input: { names: string[]; country?: string | undefined },
): Promise<JobView> {
  if (!s.checks.screener())
    throw new HttError({ code: 'LISTS.NOT_LOADED', message: 'no list snapshot is loaded' });
  return startJob(
    s,
    actor,
    'screen.batch',
    input.country ? { country: input.country } : {},
    chunked(input.names, SCREEN_CHUNK),
  );
}

export async function startRescreen(s: CaseServices, actor: Actor): Promise<JobView> {
  if (actor.role === 'admin' && actor.orgType !== 'bis')
    throw new HttError({
      code: 'CASE.FORBIDDEN',
      message: 'only BIS officers and the operator re-screen every counterparty',
    });
  requireRole(actor, ['bis_officer', 'admin'], 're-screen every counterparty');
  if (!s.checks.screener())
    throw new HttError({ code: 'LISTS.NOT_LOADED', message: 'no list snapshot is loaded' });
  const { rescreenTargets, rescreenChunks } = await import('../records/transactions.js');
  const { markMissingEntries } = await import('../records/screening-decisions.js');
  // decisions on entries this snapshot no longer lists are marked first, as rescreenAll does
  await markMissingEntries(s, s.checks.screener()!);
  // the chunks rescreenAll works through, in its order
  const chunks = rescreenChunks(await rescreenTargets(s));
  return startJob(s, actor, 'lists.rescreen', {}, chunks.length ? chunks : [[]]);
}

/** Build a transaction's case file as a job, in the reader's language (English unless `lang` says zh). */
export async function startCaseFile(
  s: CaseServices,
  actor: Actor,
  transactionId: string,
  lang: 'en' | 'zh' = 'en',
): Promise<JobView> {
  const { getVisible } = await import('../records/context.js');
  await getVisible(s, actor, 'transaction', transactionId); // not visible: not found, now
  return startJob(s, actor, 'case_file.build', { transactionId, lang }, [[transactionId]]);
}

export function startAuditVerify(s: CaseServices, actor: Actor, records: boolean): Promise<JobView> {
  requireRole(actor, ['auditor', 'admin', 'bis_officer'], 'verify the audit log');
  return startJob(s, actor, 'audit.verify', { records }, [[{ records }]]);
}

async function visibleJob(s: CaseServices, actor: Actor, id: string): Promise<JobInfo> {
  const job = await jobsOf(s).store.get(id);
  // another organisation's job is reported as absent
  if (!job || (actor !== SYSTEM && job.orgId !== actor.orgId))
    throw new HttError({ code: 'CASE.NOT_FOUND', message: `no job ${id}` });
  return job;
}

export async function getJob(s: CaseServices, actor: Actor, id: string): Promise<JobView> {
  const job = await visibleJob(s, actor, id);
  const v = view(job);
  if (job.state !== 'done') return v;
  if (job.chunks === 1) return { ...v, result: (await jobsOf(s).store.results(id, 0, 1))[0]?.result };
  if (job.type === 'lists.rescreen') {
    const total = { screened: 0, newHits: 0, holdsOpened: 0 };
    for (let from = 0; from < job.chunks; from += 200)
      for (const r of await jobsOf(s).store.results(id, from, 200)) {
        const x = r.result as typeof total;
        total.screened += x.screened;
        total.newHits += x.newHits;
        total.holdsOpened += x.holdsOpened;
      }
    return { ...v, result: total };
  }
  return v;
}

export async function listJobs(s: CaseServices, actor: Actor, limit = 50): Promise<JobView[]> {
  return (await jobsOf(s).store.list(actor.orgId, limit)).map(view);
}

/** Results of done chunks in chunk order: a batch screen's answers in input order, page by page. */
export async function jobResults(
  s: CaseServices,
  actor: Actor,
  id: string,
  fromChunk = 0,
  limit = 10,
): Promise<{ job: JobView; chunks: { chunk: number; result: unknown }[]; next: number | null }> {
  const job = await visibleJob(s, actor, id);
  const chunks = await jobsOf(s).store.results(id, fromChunk, limit);
  const last = chunks[chunks.length - 1]?.chunk;
  return {
    job: view(job),
    chunks,
    next: chunks.length === limit && last !== undefined && last + 1 < job.chunks ? last + 1 : null,
  };
}

function view(job: JobInfo): JobView {
  return {
    ...job,
    progress: job.items ? job.itemsDone / job.items : job.chunksDone / Math.max(1, job.chunks),
  };
}

// ------------------------------------------------------------------------------------------- workers

function screenChunk(screener: Screener, names: string[], country: string | undefined) {
  return names.map((name) => {
    try {
      return { query: name, hits: screener.screen({ name, ...(country ? { country } : {}) }) };
    } catch (e) {
      if (e instanceof HttError) return { query: name, hits: [], error: e.problem.code, message: e.message };
      throw e;
    }
  });
}

/**
 * Run one chunk as worker `worker`: lease it (nothing to do if it is done or another worker holds it),
 * compute, and write the result in the transaction that marks it done. A failure the input causes (an
 * HttError: the transaction was deleted, the lists are not loaded) fails the job; anything else (the
 * database went away) is thrown, and the chunk is taken again when its lease runs out.
 */
export async function runChunk(
  s: CaseServices,
  ref: ChunkRef,
  worker: string,
): Promise<'done' | 'skipped' | 'failed'> {
  const jobs = jobsOf(s);
  const claimed = await jobs.store.claim(ref, worker, jobs.leaseMs);
  if (!claimed) return 'skipped';
  let result: unknown;
  try {
    if (claimed.type === 'lists.rescreen') {
      // the chunk's holds and counterparty updates commit in the transaction that marks it done: a worker
      // killed before the commit leaves nothing of the chunk; one that loses the race to another writes nothing
      const screener = s.checks.screener();
      if (!screener) throw new HttError({ code: 'LISTS.NOT_LOADED', message: 'no list snapshot is loaded' });
      const { rescreenChunk } = await import('../records/transactions.js');
      const run = await rescreenChunk(s, screener, claimed.input as RescreenItem[]);
      await jobs.store.completeWith(ref, worker, () => s.now(), run);
      return 'done';
    }
    result = await computeChunk(s, claimed.type, claimed.params, claimed.input, claimed.createdBy);
  } catch (e) {
    if (!(e instanceof HttError) || e.code === 'DB.UNAVAILABLE') throw e;
    await jobs.store.fail(ref, `${e.code}: ${e.message}`, s.now());
    return 'failed';
  }
  await jobs.store.complete(ref, worker, result, s.now());
  return 'done';
}

async function computeChunk(
  s: CaseServices,
  type: JobType,
  params: Record<string, unknown>,
  input: unknown[],
  createdBy: string,
): Promise<unknown> {
  switch (type) {
    case 'screen.batch': {
      const screener = s.checks.screener();
      if (!screener) throw new HttError({ code: 'LISTS.NOT_LOADED', message: 'no list snapshot is loaded' });
      const country = typeof params.country === 'string' ? params.country : undefined;
      return { lists: screener.snapshot, results: screenChunk(screener, input as string[], country) };
    }
    case 'lists.rescreen':
      throw new Error('a re-screening chunk is done by runChunk, with its records, in one transaction');
    case 'case_file.build': {
      const [{ actorFor }, { buildCaseFile }] = await Promise.all([
        import('../records/organisations.js'),
        import('../records/case-file.js'),
      ]);
      // built as the user who asked for it, with that user's visibility
      // in the language it was asked in (a job started before jobs took `lang`: English)
      const lang = params.lang === 'zh' ? 'zh' : 'en';
      return buildCaseFile(s, await actorFor(s, createdBy), String(input[0]), lang);
    }
    case 'audit.verify': {
      const { verifyAudit, reconcileRecords } = await import('../records/audit.js');
      const report = await verifyAudit(s.store);
      const records = params.records && report.ok ? await reconcileRecords(s.store) : undefined;
      return records ? { ...report, records } : report;
    }
  }
}
