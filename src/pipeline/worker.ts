import { FontRegistry } from '../fonts/registry.js';
import { runJob, type Job, type WorkerSetting } from './pool.js';
import type { RenderSetting } from './render.js';

// One worker process: the fonts are loaded once here and serve every job it is given. It knows
// nothing of plans or templates: a job is a document model and the formats to write.

const data = JSON.parse(process.env.SHIEN_WORKER ?? '{}') as WorkerSetting;
const setting: RenderSetting = {
  theme: data.theme,
  fonts: FontRegistry.load(data.fontsDir),
  ...(data.fixedTime !== undefined ? { fixedTime: new Date(data.fixedTime) } : {}),
};

process.on('message', async (msg: { id: number; job: Job }) => {
  const started = performance.now();
  const rendered = await runJob(msg.job, setting);
  process.send!({ id: msg.id, rendered, ms: performance.now() - started });
});
// The parent closing the channel is the end of the work.
process.on('disconnect', () => process.exit(0));
// For `npm run bench`, as the command itself reports (src/cli/main.ts): this process's share.
if (process.env.SHIEN_STATS) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    process.stderr.write(`SHIEN_STATS ${JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })}\n`);
  });
}
process.send!({ ready: true });
