import { parentPort, workerData } from 'node:worker_threads';
import { createContext } from './context.js';
import { renderJob, type Inputs, type Job } from './jobs.js';

// One worker: fonts, theme and templates are loaded once here and serve every job it is given.

const { inputs, outDir } = workerData as { inputs: Inputs; outDir: string };
const ctx = createContext();

parentPort!.on('message', async (msg: { id: number; job: Job }) => {
  const started = performance.now();
  try {
    const r = await renderJob(msg.job, inputs, outDir, ctx);
    const buffers = r.outputs.map((o) => o.bytes.buffer as ArrayBuffer);
    parentPort!.postMessage({ id: msg.id, rendered: r, ms: performance.now() - started }, [...new Set(buffers)]);
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: (e as Error).stack ?? String(e), ms: performance.now() - started });
  }
});
parentPort!.postMessage({ ready: true });
