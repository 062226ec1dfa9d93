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
  /** Threads that render, this one included; 1 renders in this thread only. Default: see defaultWorkers. */
  workers?: number;
  /** Called as each job ends, in the order they end, so outputs are written while others render. */
  onResult: (r: JobResult) => void;
  /** The context of this thread, for in-thread rendering (made when missing). */
  ctx?: () => BuildContext;
}

const WORKER_ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/** Below this many jobs, starting workers (each loads fonts and templates) costs more than it saves. */
const MIN_JOBS_FOR_WORKERS = 6;

/**
 * Threads that render by default: one per two cores, at most 4. One rendering thread keeps about
 * 1.4 cores busy (V8 compiles and collects garbage on threads of its own: `time` shows 4.0 s of CPU
 * in 3.0 s), so on two cores a second one only fights the first: the full set took 3.3 s with two
 * threads against 3.0 s with one, and 390 MB against 260 MB (npx shien build --force --workers N).
 */
export function defaultWorkers(jobs: number): number {
  if (jobs < MIN_JOBS_FOR_WORKERS) return 1;
  return Math.max(1, Math.min(Math.floor(availableParallelism() / 2), 4, jobs));
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
  let next = 0;
  const take = (): { id: number; job: Job } | undefined => (next < jobs.length ? { id: next, job: jobs[next++] } : undefined);

  // This thread renders too: it is already warm, while each worker spends ~0.4 s starting up.
  const here = async () => {
    const ctx = opts.ctx!();
    for (let t = take(); t; t = take()) {
      const started = performance.now();
      let rendered: Rendered;
      try {
        rendered = await renderJob(t.job, inputs, outDir, ctx);
      } catch (e) {
        rendered = { outputs: [], problems: [internalProblem(t.job, (e as Error).stack ?? String(e))] };
      }
      opts.onResult({ job: t.job, rendered, ms: performance.now() - started });
      // Let finished workers hand in their results and take the next job.
      await new Promise((r) => setImmediate(r));
    }
  };

  const worker = () =>
    new Promise<void>((resolve) => {
      const w = new Worker(WORKER_ENTRY, { workerData: { inputs, outDir } });
      let current: { id: number; job: Job } | undefined;
      const give = () => {
        current = take();
        if (current) w.postMessage(current);
        else void w.terminate();
      };
      w.on('message', (msg: { ready?: true; id?: number; rendered?: Rendered; error?: string; ms?: number }) => {
        if (msg.ready) return give();
        const job = jobs[msg.id!];
        const rendered = msg.rendered ?? { outputs: [], problems: [internalProblem(job, msg.error ?? '')] };
        // Bytes arrive as transferred ArrayBuffers; give them a Buffer's face again.
        rendered.outputs = rendered.outputs.map((o) => ({ path: o.path, bytes: Buffer.from(o.bytes.buffer, o.bytes.byteOffset, o.bytes.byteLength) }));
        current = undefined;
        opts.onResult({ job, rendered, ms: msg.ms ?? 0 });
        give();
      });
      w.on('error', (e) => {
        // A worker that fails takes its job down with it; the queue goes on without it.
        if (current) opts.onResult({ job: current.job, rendered: { outputs: [], problems: [internalProblem(current.job, e.stack ?? String(e))] }, ms: 0 });
        current = undefined;
      });
      w.on('exit', () => resolve());
    });

  await Promise.all([here(), ...Array.from({ length: Math.max(0, n - 1) }, worker)]);
}
