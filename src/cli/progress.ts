import type { SingleBar as Bar } from 'cli-progress';
import { createRequire } from 'node:module';
import type { DocumentResult } from '../pipeline/build.js';
import { join } from 'node:path';
import { out, printing, shownPath } from './io.js';

// On a terminal, a progress bar; anywhere else (CI, pipes, files), one plain line per document made
// or failed. Unchanged documents get no line of their own: the closing line counts them.

export interface Progress {
  start(total: number): void;
  document(d: DocumentResult, done: number, total: number): void;
  stop(): void;
}

/**
 * cli-progress, loaded only for a bar on a terminal: bundled, it was evaluated at every start of
 * every command (about 10 ms, with the string-width and emoji tables under it).
 */
const SingleBar = (): typeof Bar => (createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress')).SingleBar;

const NONE: Progress = { start: () => {}, document: () => {}, stop: () => {} };

/** `outDir`: the folder the documents' files are written to, which they are named under. */
export function createProgress(outDir: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (printing.quiet) return NONE;
  const written = (d: DocumentResult) => d.files.map((f) => shownPath(join(outDir, f))).join('、');
  if (stream.isTTY && !process.env.CI) {
    const bar = new (SingleBar())({
      format: '作成中 [{bar}] {value}/{total} {name}',
      barCompleteChar: '#',
      barIncompleteChar: '-',
      hideCursor: true,
      clearOnComplete: true,
      stream,
    });
    let started = false;
    return {
      start: (total) => {
        if (total > 1) {
          bar.start(total, 0, { name: '' });
          started = true;
        }
      },
      document: (d, done) => {
        if (started) bar.update(done, { name: d.name });
        else if (d.files.length) out(`作成: ${written(d)}（${Math.round(d.ms)} ms）`);
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  return {
    start: () => {},
    document: (d, done, total) => {
      if (d.skipped) return;
      out(`[${done}/${total}] ${d.files.length ? `作成: ${written(d)}` : `失敗: ${d.name}`}（${Math.round(d.ms)} ms）`);
    },
    stop: () => {},
  };
}
