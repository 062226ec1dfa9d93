import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../core/problem.js';
import type { Document } from '../document/ir.js';
import { renderDocument, type Rendered, type RenderSetting } from './render.js';

// Rendering in parallel: this process and, for a large batch, worker processes. A job is plain data
// (a document model, the formats to write) so that it can go to a worker as it is. Processes, not
// threads: threads share one process's memory and garbage collection, and on two cores two rendering
// threads were slower than one (3.3 s against 3.0 s for the full set).

export interface Job {
  /** The document's stem, for messages. */
  stem: string;
  doc: Document;
  formats: string[];
  /** The file a problem of the whole document is reported against. */
  source: string;
  /** validate: laid out on its pages (where an overflow is found) with no format written. */
  fitOnly?: boolean;
}

export interface JobResult {
  job: Job;
  rendered: Rendered;
  ms: number;
}

/** What a worker process is given first, over its channel: the setting without the fonts, which it loads itself. */
export interface WorkerSetting {
  theme: RenderSetting['theme'];
  fontsDir: string;
  fixedTime?: number;
  stats?: boolean;
}

export interface PoolOptions {
  /** Processes that render, this one included; 1 renders in this process only. Default: see defaultWorkers. */
  workers?: number;
  /** Called as each job ends, in the order they end, so outputs are written while others render. */
  onResult: (r: JobResult) => void;
}

const WORKER_ENTRY = fileURLToPath(new URL('./worker-entry.mjs', import.meta.url));

/**
 * Documents per extra worker process. A worker spends about 0.4 s of CPU starting (loading the
 * renderers, parsing the fonts, warming up) and this process already keeps more than one core busy
 * (its garbage collector and zlib run beside it): on two cores the 68 documents of the yearly set
 * took as long with a worker as without (3.2 s, and 25 % more CPU), while 501 jurisdictions were
 * 16 % faster with one (13.4 s against 16.0 s).
 */
const JOBS_PER_WORKER = 100;

/** Processes that render by default: this one, and one more per core beyond the first when there is enough work, at most 8. */
export function defaultWorkers(jobs: number): number {
  return 1 + Math.max(0, Math.min(availableParallelism() - 1, 7, Math.floor(jobs / JOBS_PER_WORKER)));
}

export const internalProblem = (stem: string, detail: string): Problem => ({
  severity: 'error',
  code: 'internal/render',
  message: `${stem} を作る途中で内部エラーが起きました（${detail.split('\n')[0]}）。--debug を付けて実行し、表示を開発者に伝えてください。`,
  trace: detail,
});

/** Render one job, turning a fault of this tool into a problem of that document alone. */
export async function runJob(job: Job, setting: RenderSetting): Promise<Rendered> {
  try {
    return await renderDocument(job.doc, job.formats, job.source, setting, job.fitOnly);
  } catch (e) {
    return { outputs: [], problems: [internalProblem(job.stem, (e as Error).stack ?? String(e))] };
  }
}

export async function runJobs(jobs: readonly Job[], setting: RenderSetting, opts: PoolOptions): Promise<void> {
  const n = opts.workers ?? defaultWorkers(jobs.length);
  let next = 0;
  const take = (): { id: number; job: Job } | undefined => (next < jobs.length ? { id: next, job: jobs[next++] } : undefined);

  // This thread renders too: it is already warm, while each worker spends ~0.4 s starting up.
  const here = async () => {
    for (let t = take(); t; t = take()) {
      const started = performance.now();
      const rendered = await runJob(t.job, setting);
      opts.onResult({ job: t.job, rendered, ms: performance.now() - started });
      // Let finished workers hand in their results and take the next job.
      await new Promise((r) => setImmediate(r));
    }
  };

  const workerSetting: WorkerSetting = { theme: setting.theme, fontsDir: setting.fonts.dir, fixedTime: setting.fixedTime?.getTime(), stats: setting.stats };
  const worker = () =>
    new Promise<void>((resolve) => {
      // 'advanced' serialization carries the output bytes as they are (structured clone), not as JSON.
      const w = fork(WORKER_ENTRY, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      w.send({ setting: workerSetting });
      let current: { id: number; job: Job } | undefined;
      const give = () => {
        current = take();
        if (current) w.send(current);
        else w.disconnect();
      };
      w.on('message', (msg: { ready?: true; id?: number; rendered?: Rendered; ms?: number }) => {
        if (msg.ready) return give();
        const job = jobs[msg.id!];
        const rendered = msg.rendered!;
        rendered.outputs = rendered.outputs.map((o) => ({ extension: o.extension, bytes: Buffer.from(o.bytes.buffer, o.bytes.byteOffset, o.bytes.byteLength) }));
        current = undefined;
        opts.onResult({ job, rendered, ms: msg.ms ?? 0 });
        give();
      });
      const lost = (why: string) => {
        // A worker that fails takes its job down with it; the queue goes on without it.
        if (current) opts.onResult({ job: current.job, rendered: { outputs: [], problems: [internalProblem(current.job.stem, why)] }, ms: 0 });
        current = undefined;
      };
      w.on('error', (e) => lost(e.stack ?? String(e)));
      w.on('exit', (code, signal) => {
        if (current) lost(`worker process ended (${signal ?? code})`);
        resolve();
      });
    });

  await Promise.all([here(), ...Array.from({ length: Math.max(0, n - 1) }, worker)]);
}
