import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Problem } from '../diagnostics/problem.js';
import type { BuildContext } from './context.js';
import { renderJob, type Inputs, type Job } from './jobs.js';
import type { Rendered } from './render.js';

export interface JobResult {
  job: Job;
  rendered: Rendered;
  ms: number;
}

export interface PoolOptions {
  /** Worker threads; 1 renders in this thread. Default: one per core, at most 4. */
  workers?: number;
  /** Called as each job ends, in the order they end, so outputs are written while others render. */
  onResult: (r: JobResult) => void;
  /** The context of this thread, for in-thread rendering (made when missing). */
  ctx?: () => BuildContext;
}

const WORKER_ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/** Below this many jobs, starting workers (each loads fonts and templates) costs more than it saves. */
const MIN_JOBS_FOR_WORKERS = 6;

export function defaultWorkers(jobs: number): number {
  if (jobs < MIN_JOBS_FOR_WORKERS) return 1;
  return Math.max(1, Math.min(availableParallelism(), 4, jobs));
}

const internalProblem = (job: Job, detail: string): Problem => ({
  severity: 'error',
  code: 'internal/render',
  message: `${job.kind === 'summary' ? '概要' : `都道府県等版 ${job.code}`} を作る途中で内部エラーが起きました。--debug で詳細を表示できます。`,
  hint: detail.split('\n')[0],
  found: detail,
});

export async function runJobs(jobs: readonly Job[], inputs: Inputs, outDir: string, opts: PoolOptions): Promise<void> {
  const n = opts.workers ?? defaultWorkers(jobs.length);
  if (n <= 1) {
    const ctx = opts.ctx!();
    for (const job of jobs) {
      const started = performance.now();
      let rendered: Rendered;
      try {
        rendered = await renderJob(job, inputs, outDir, ctx);
      } catch (e) {
        rendered = { outputs: [], problems: [internalProblem(job, (e as Error).stack ?? String(e))] };
      }
      opts.onResult({ job, rendered, ms: performance.now() - started });
    }
    return;
  }

  let next = 0;
  await new Promise<void>((resolve) => {
    let alive = n;
    const finishOne = () => {
      alive -= 1;
      if (alive === 0) resolve();
    };
    for (let w = 0; w < n; w++) {
      const worker = new Worker(WORKER_ENTRY, { workerData: { inputs, outDir } });
      let current: { id: number; job: Job } | undefined;
      const give = () => {
        if (next >= jobs.length) {
          current = undefined;
          void worker.terminate();
          return;
        }
        current = { id: next, job: jobs[next] };
        next += 1;
        worker.postMessage(current);
      };
      worker.on('message', (msg: { ready?: true; id?: number; rendered?: Rendered; error?: string; ms?: number }) => {
        if (msg.ready) return give();
        const job = jobs[msg.id!];
        const rendered = msg.rendered ?? { outputs: [], problems: [internalProblem(job, msg.error ?? '')] };
        // Bytes arrive as transferred ArrayBuffers; give them a Buffer's face again.
        rendered.outputs = rendered.outputs.map((o) => ({ path: o.path, bytes: Buffer.from(o.bytes.buffer, o.bytes.byteOffset, o.bytes.byteLength) }));
        opts.onResult({ job, rendered, ms: msg.ms ?? 0 });
        give();
      });
      worker.on('error', (e) => {
        if (current) opts.onResult({ job: current.job, rendered: { outputs: [], problems: [internalProblem(current.job, e.stack ?? String(e))] }, ms: 0 });
        current = undefined;
      });
      worker.on('exit', () => {
        // A worker that died takes no more jobs; the others carry on with the queue.
        finishOne();
        if (alive === 0 && next < jobs.length) {
          for (; next < jobs.length; next++) {
            opts.onResult({ job: jobs[next], rendered: { outputs: [], problems: [internalProblem(jobs[next], 'no worker left')] }, ms: 0 });
          }
        }
      });
    }
  });
}
