import { FontRegistry } from '../fonts/registry.js';
import { runJob, type Job, type WorkerSetting } from './pool.js';
import type { RenderSetting } from './render.js';

// One worker process: the fonts are loaded once here and serve every job it is given. It knows
// nothing of plans or templates: its first message is its setting, each one after it a job (a
// document model and the formats to write). Nothing is read from its environment: the command line
// that started the pool has read it.

process.once('message', ({ setting: data }: { setting: WorkerSetting }) => {
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
  // For `npm run bench`, as the command itself reports (src/cli/main.ts): this process's share.
  if (data.stats) {
    process.on('exit', () => {
      const u = process.resourceUsage();
      process.stderr.write(`SHIEN_STATS ${JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })}\n`);
    });
  }
  process.send!({ ready: true });
});
// The parent closing the channel is the end of the work.
process.on('disconnect', () => process.exit(0));
