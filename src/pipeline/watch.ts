import { watch as chokidar } from 'chokidar';
import { basename, dirname, resolve } from 'node:path';
import { FONTS_DIR, TEMPLATES_DIR } from '../core/paths.js';
import { Failure, hasErrors, problemKey, type Problem } from '../core/problem.js';
import { RACY_MS } from '../core/stamp.js';
import { toolDigest } from '../core/version.js';
import { build, buildMemo, reportProblems, resourcesCurrent, type BuildReport, type DocumentResult } from './build.js';
import { internalProblem } from './pool.js';
import { loadResources, type Resources } from '../check/resources.js';

// Build once, then again after every save under the plans, templates or fonts. What happened is
// handed to the caller (the command line prints it; the preview server shows it); the last good
// outputs stay in place when a build fails, and watching goes on.

export interface WatchEvents {
  /** Files saved since the last build, before it starts. */
  onChange?: (files: string[]) => void;
  /** After each build: its report, or the problems that stopped it before any document. */
  onBuilt: (result: { report: BuildReport; ms: number } | { problems: Problem[]; ms: number }) => void;
  /** Watching has started (the first build is done). */
  onReady?: () => void;
  /** Each document as soon as it is written (or found unchanged, or failed), before the build ends. */
  onDocument?: (d: DocumentResult) => void;
}

export interface WatchOptions extends WatchEvents {
  planDir: string;
  outDir: string;
  fixedTime?: Date;
  /** Asked before each build: stems to make before the others. */
  first?: () => readonly string[];
}

/** Quiet time after a save before building: editors write a file in several steps. */
const SETTLE_MS = 50;
/**
 * Quiet time after a build that left no record of its inputs before the one that leaves it. A build
 * right after a save is too close to it for the files' stamps to be trusted (core/stamp.ts), so it
 * leaves none; without this one, validate and build would check everything again after a session.
 */
const RECORD_AFTER_MS = RACY_MS + 500;

export async function watch(opts: WatchOptions): Promise<{ close(): Promise<void> }> {
  const plansRoot = dirname(resolve(opts.planDir));
  // The code's digest is part of every record: taken now, before a `git pull` during the session
  // could change the sources it is taken from (run from them, not compiled: core/version.ts).
  toolDigest();
  let resources: Resources | undefined;
  let running = false;
  let again = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let recordTimer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();
  const memo = buildMemo();
  /** The problems last shown, as their keys. */
  let shown: string | undefined;
  const keysOf = (problems: readonly Problem[]) => problems.map(problemKey).sort().join('\n');

  /**
   * `quiet`: the build that leaves the record once the saves have stopped (RECORD_AFTER_MS after a
   * build that left none and found no error). It finds nothing to do unless a file changed unseen,
   * and is shown only then (a document made or failed, other problems): the page and the terminal
   * stay as the last save's build left them.
   */
  const rebuild = async (quiet = false) => {
    if (closed) return;
    if (running) {
      again ||= !quiet;
      return;
    }
    running = true;
    clearTimeout(recordTimer);
    const started = performance.now();
    const files = [...changed];
    changed.clear();
    // Templates, theme and fonts are loaded once: a change to them needs them loaded again. The quiet
    // build also loads them again unless they are what the files hold now (loaded right after a save,
    // they are not vouched for; changed unseen since, they are not current), or it could leave no record.
    if (files.some((f) => f.startsWith(TEMPLATES_DIR) || f.startsWith(FONTS_DIR)) || (quiet && resources && !resourcesCurrent(resources))) resources = undefined;
    if (files.length) opts.onChange?.(files);
    const eventful = (d: DocumentResult) => d.files.length > 0 || hasErrors(d.problems);
    try {
      const report = await build(
        {
          planDir: opts.planDir, outDir: opts.outDir, workers: 1, fixedTime: opts.fixedTime, first: opts.first?.(), changed: files,
          onDocument: quiet ? (d) => eventful(d) && opts.onDocument?.(d) : opts.onDocument, memo,
        },
        () => (resources ??= loadResources()),
      );
      const problems = reportProblems(report);
      if (!quiet || !report.documents.length || report.documents.some(eventful) || keysOf(problems) !== shown) {
        shown = keysOf(problems);
        opts.onBuilt({ report, ms: performance.now() - started });
      }
      if (!quiet && !closed && !report.recorded && !hasErrors(problems)) recordTimer = setTimeout(() => void rebuild(true), RECORD_AFTER_MS);
    } catch (e) {
      resources = undefined;
      const problems = e instanceof Failure ? e.problems : [internalProblem('watch', (e as Error).stack ?? String(e))];
      shown = keysOf(problems);
      opts.onBuilt({ problems, ms: performance.now() - started });
    }
    running = false;
    if (again) {
      again = false;
      void rebuild();
    }
  };

  // Watching starts before the first build: a save made while it runs is seen, and builds again after it.
  const watcher = chokidar([plansRoot, TEMPLATES_DIR, FONTS_DIR], { ignoreInitial: true, ignored: (p) => /^\.|\.tmp$/.test(basename(p)) });
  watcher.on('all', (_event, path) => {
    changed.add(resolve(path));
    clearTimeout(timer);
    clearTimeout(recordTimer);
    timer = setTimeout(() => void rebuild(), SETTLE_MS);
  });
  await new Promise<void>((r) => watcher.on('ready', () => r()));
  await rebuild();
  opts.onReady?.();
  return {
    // No build starts after this. One under way is not waited for: each of its files is written
    // whole (write.ts), and the manifest last.
    close: async () => {
      closed = true;
      clearTimeout(timer);
      clearTimeout(recordTimer);
      await watcher.close();
    },
  };
}
