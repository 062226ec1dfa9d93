import { parentPort, workerData } from 'node:worker_threads';
import { FontRegistry } from '../fonts/registry.js';
import { runJob, type Job, type WorkerSetting } from './pool.js';
import type { RenderSetting } from './render.js';

// One worker: the fonts are loaded once here and serve every job it is given. It knows nothing of
// plans or templates: a job is a document model and the formats to write.

const data = workerData as WorkerSetting;
const setting: RenderSetting = {
  theme: data.theme,
  fonts: FontRegistry.load(data.fontsDir),
  ...(data.fixedTime !== undefined ? { fixedTime: new Date(data.fixedTime) } : {}),
};

parentPort!.on('message', async (msg: { id: number; job: Job }) => {
  const started = performance.now();
  const rendered = await runJob(msg.job, setting);
  const buffers = rendered.outputs.map((o) => o.bytes.buffer as ArrayBuffer);
  parentPort!.postMessage({ id: msg.id, rendered, ms: performance.now() - started }, [...new Set(buffers)]);
});
parentPort!.postMessage({ ready: true });
