import { accessSync, constants, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, parse, relative, resolve } from 'node:path';
import { Failure, type Problem } from '../core/problem.js';

// Writing outputs: each file complete or not at all, and every way the disk can refuse said in
// Japanese with the output's own name (never the temporary file's).

const REASONS: Record<string, string> = {
  ENOSPC: 'ディスクがいっぱいです',
  EDQUOT: 'ディスクの割り当てを超えました',
  EACCES: '書き込む権限がありません',
  EPERM: '書き込む権限がありません',
  EROFS: '読み取り専用の場所です',
  EISDIR: '同じ名前のフォルダがあります',
  ENOTDIR: '途中に同じ名前のファイルがあります',
  EEXIST: '途中に同じ名前のファイルがあります',
  ENOENT: 'フォルダを作れません',
  ENAMETOOLONG: '名前が長すぎます',
};

/**
 * An error of the file system as a problem naming the file the user asked for, as the caller has
 * it (a path given relative stays relative: where it is relative to is the command line's to know).
 */
export function writeProblem(e: unknown, target: string): Problem {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  return {
    severity: 'error', code: 'env/write', file: target,
    message: `出力を書き込めません（${REASONS[code] ?? (e as Error).message}${code ? `、${code}` : ''}）: ${target}`,
  };
}

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdir loops forever on some file systems
 * (`/proc/x`), and a file standing where a folder should be is named.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    const st = statSync(at, { throwIfNoEntry: false });
    if (st) {
      if (!st.isDirectory()) throw Object.assign(new Error(`not a directory: ${at}`), { code: 'ENOTDIR', path: at });
      break;
    }
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const d of missing) mkdirSync(d);
}

/**
 * Write a set of files so that each appears complete or not at all: every file goes to a temporary
 * name beside its target first, and only when all are written are they renamed into place.
 * A failure removes the temporaries, leaves whatever was there before untouched, and throws a
 * Failure naming the output it could not write.
 */
export function writeAtomically(files: readonly { path: string; bytes: Uint8Array }[]): void {
  const temps: { tmp: string; path: string }[] = [];
  let current = files[0]?.path ?? '';
  try {
    for (const f of files) {
      current = f.path;
      ensureDir(dirname(f.path));
      const tmp = join(dirname(f.path), tempName(basename(f.path)));
      temps.push({ tmp, path: f.path });
      writeFileSync(tmp, f.bytes);
    }
    for (const t of temps) {
      current = t.path;
      renameSync(t.tmp, t.path);
    }
  } catch (e) {
    for (const t of temps) rmSync(t.tmp, { force: true });
    throw new Failure([writeProblem(e, current)]);
  }
}

const tempName = (name: string) => `.${name}.${process.pid}.tmp`;
const TEMP = /^\..+\.(\d+)\.tmp$/;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Temporary files of ours that a killed build left behind (their process is gone): removed. */
export function removeStaleTemps(dir: string): string[] {
  const removed: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(d, e.name);
      if (e.isDirectory()) walk(path);
      const m = TEMP.exec(e.name);
      if (e.isFile() && m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) {
        rmSync(path, { force: true });
        removed.push(path);
      }
    }
  };
  walk(dir);
  return removed;
}

/** What a run reads from, which outputs must never be written into: the plan, the templates, the fonts. */
export interface Sources {
  planDir?: string;
  templatesDir?: string;
  fontsDir?: string;
}

/**
 * Before anything is rendered: the output folder can be made and written, and it is not a place
 * where outputs would mix with what they are made from (a filesystem root, the plan root, the
 * plan's folder or any folder in it, templates/, fonts/).
 */
export function prepareOutDir(outDir: string, sources: Sources = {}): Problem[] {
  const out = resolve(outDir);
  const usage = (code: string, message: string): Problem[] => [{ severity: 'error', code, message, hint: '--out で別のフォルダを指定してください（既定は output/<計画の名前>）。' }];
  if (parse(out).root === out) return usage('usage/out-is-root', `出力先にファイルシステムの最上位（${out}）は使えません。`);
  const within = (dir: string) => {
    const rel = relative(resolve(dir), out);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  if (sources.planDir) {
    const plan = resolve(sources.planDir);
    if (out === dirname(plan) || within(plan)) return usage('usage/out-is-plan', `出力先 ${outDir} は計画のフォルダ（かその中）です。計画のファイルと文書が混ざるため使えません。`);
  }
  for (const [dir, what] of [[sources.templatesDir, 'テンプレート'], [sources.fontsDir, '書体']] as const) {
    if (dir && within(dir)) return usage('usage/out-is-source', `出力先 ${outDir} は${what}のフォルダ（かその中）です。${what}のファイルと文書が混ざるため使えません。`);
  }
  try {
    ensureDir(out);
    accessSync(out, constants.W_OK);
  } catch (e) {
    return [writeProblem(e, outDir)];
  }
  return [];
}
