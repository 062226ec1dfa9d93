import { watch as chokidar } from 'chokidar';
import { basename, dirname, relative, resolve } from 'node:path';
import { formatProblem, summarize } from '../diagnostics/print.js';
import { Failure, hasErrors } from '../diagnostics/problem.js';
import { FONTS_DIR, TEMPLATES_DIR } from '../paths.js';
import { build } from './build.js';
import { createContext, type BuildContext } from './context.js';

export interface WatchOptions {
  planDir: string;
  outDir: string;
  log: (s: string) => void;
  logError: (s: string) => void;
  /** Resolves when watching has started (for tests); watching goes on until the process ends. */
  onReady?: () => void;
  /** Called after each rebuild (for tests). */
  onBuilt?: () => void;
}

/** Quiet time after a save before building: editors write a file in several steps. */
const SETTLE_MS = 120;

/**
 * Build once, then again after every save under the plans, templates or fonts. Errors are shown
 * as `validate` shows them and the last good outputs stay in place; the command keeps watching.
 */
export async function watch(opts: WatchOptions): Promise<void> {
  const plansRoot = dirname(resolve(opts.planDir));
  let ctx: BuildContext | undefined;
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();

  const rebuild = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const started = performance.now();
    const files = [...changed];
    changed.clear();
    // Templates, theme and fonts are loaded once per context: a change to them needs a new one.
    if (files.some((f) => f.startsWith(TEMPLATES_DIR) || f.startsWith(FONTS_DIR))) ctx = undefined;
    if (files.length) opts.log(`変更: ${files.map((f) => relative(process.cwd(), f)).join('、')}`);
    try {
      const report = await build({ planDir: opts.planDir, outDir: opts.outDir, workers: 1 }, () => (ctx ??= createContext()));
      report.problems.forEach((p) => opts.logError(formatProblem(p)));
      const failed = report.documents.filter((d) => hasErrors(d.problems));
      for (const d of failed) d.problems.forEach((p) => opts.logError(formatProblem(p)));
      const made = report.documents.filter((d) => d.files.length);
      for (const d of made) opts.log(`再作成: ${d.name}（${Math.round(d.ms)} ms）`);
      const ms = Math.round(performance.now() - started);
      if (hasErrors(report.problems) && !report.documents.length) {
        opts.logError(`${summarize(report.problems)}。作り直していません（前回の出力はそのまま）。`);
      } else {
        opts.log(`${made.length}件 作り直し、${failed.length}件 失敗、${report.documents.length - made.length - failed.length}件 変更なし（${ms} ms）`);
      }
    } catch (e) {
      if (e instanceof Failure) e.problems.forEach((p) => opts.logError(formatProblem(p)));
      else opts.logError(`error[internal] ${(e as Error).message}`);
      ctx = undefined;
    }
    opts.log('保存を待っています…（Ctrl+C で終了）');
    opts.onBuilt?.();
    running = false;
    if (again) {
      again = false;
      void rebuild();
    }
  };

  await rebuild();
  // Hidden files and our own temporaries are not edits.
  const watcher = chokidar([plansRoot, TEMPLATES_DIR, FONTS_DIR], { ignoreInitial: true, ignored: (p) => /^\.|\.tmp$/.test(basename(p)) });
  watcher.on('all', (_event, path) => {
    changed.add(resolve(path));
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(), SETTLE_MS);
  });
  await new Promise<void>((r) => watcher.on('ready', () => r()));
  opts.onReady?.();
}
