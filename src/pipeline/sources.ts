import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix, relative, resolve, sep } from 'node:path';
import { Failure, type Problem } from '../core/problem.js';
import { PLAN_FILE } from '../plan/files.js';
import { defaultPlanDir } from '../plan/years.js';

// Where `shien diff` reads each of its two plans from. The rule, as `--help` states it:
//   1. an existing folder is that plan, as it is on disk;
//   2. `REV:DIR` is the plan in DIR at git revision REV (HEAD~1:plans/r5, v1:plans/r5);
//   3. anything else is a git revision of the folder the other argument names, or of plans/r5
//      when the other argument names none (`diff HEAD~1 plans/r6`, `diff v1 v2`).
// A revision is read with `git show` into a temporary folder, removed again by `cleanup`: the plan's
// whole root (the folder that holds the plan folder), so that its registry and jurisdiction files
// come from the same revision.

export interface PlanSource {
  /** How the terminal and messages name it: `plans/r5` or `HEAD~1:plans/r5`. */
  label: string;
  /** The folder to load: the plan's own, or a temporary copy of it at a revision. */
  dir: string;
  /** The plan's folder name (`r5`), for the default output folder. */
  name: string;
  /** The revision it was read at; absent for a folder on disk. */
  revision?: string;
}

export interface PlanSources {
  old: PlanSource;
  new: PlanSource;
  /** Removes the temporary folders of revisions; safe to call more than once. */
  cleanup(): void;
}

type Spec = { dir: string; revision?: string };

/** What to give instead, with the default plan (the newest) as the example folder. */
const hint = () => {
  const dir = defaultPlanDir();
  return `計画のフォルダ（例: ${dir}）か、git のリビジョン（例: HEAD~1、v1、HEAD~1:${dir}）を指定してください。`;
};

const usage = (p: Omit<Problem, 'severity'>): Failure => new Failure([{ severity: 'error', ...p }]);

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

function parse(arg: string, cwd: string): { dir?: string; revision?: string } {
  if (arg === '') throw usage({ code: 'usage/empty-argument', message: '空の引数です。', hint: hint() });
  if (isDir(resolve(cwd, arg))) return { dir: arg };
  const m = /^([^:]+):(.*)$/.exec(arg);
  if (m) return { revision: m[1], dir: m[2] || undefined };
  return { revision: arg };
}

/** Resolve OLD and NEW. Throws a Failure (exit 2) when an argument names neither a folder nor a revision. */
/** `cwd`: where the command was run (the command line says), which the arguments are relative to. */
export function resolvePlanSources(oldArg: string, newArg: string, opts: { cwd: string; defaultDir: string }): PlanSources {
  const { cwd } = opts;
  const a = parse(oldArg, cwd);
  const b = parse(newArg, cwd);
  const specs: [Spec, Spec] = [
    { dir: a.dir ?? b.dir ?? opts.defaultDir, revision: a.revision },
    { dir: b.dir ?? a.dir ?? opts.defaultDir, revision: b.revision },
  ];
  const temps: string[] = [];
  const cleanup = () => {
    for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
  };
  try {
    const [o, n] = specs.map((s, i) => source(s, [oldArg, newArg][i], cwd, temps));
    return { old: o, new: n, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

function source(spec: Spec, arg: string, cwd: string, temps: string[]): PlanSource {
  const name = basename(resolve(cwd, spec.dir));
  if (spec.revision === undefined) return { label: spec.dir, dir: spec.dir, name };
  const rev = spec.revision;
  const label = `${rev}:${spec.dir}`;
  if (rev.startsWith('-')) {
    throw usage({ code: 'usage/unknown-revision', message: `「${arg}」は計画のフォルダでも git のリビジョンでもありません。`, hint: hint() });
  }
  const commit = revParse(rev, arg, cwd);
  const planDir = resolve(realpathSync(cwd), spec.dir);
  // Paths as git names them, from the top of the repository.
  const top = git(['rev-parse', '--show-toplevel'], cwd).toString('utf8').trim();
  const inRepo = (p: string) => relative(top, p).split(sep).join('/');
  const planPath = inRepo(planDir);
  const rootPath = inRepo(dirname(planDir));
  const outside = (p: string) => p === '..' || p.startsWith('../');
  if (outside(planPath) || outside(rootPath) || !planPath) {
    throw usage({ code: 'usage/not-in-revision', message: `${spec.dir} は git のリポジトリの外にあります。`, hint: hint() });
  }
  const listed = git(['ls-tree', '-r', '-z', '--name-only', commit, ...(rootPath ? ['--', rootPath] : [])], top)
    .toString('utf8').split('\0').filter(Boolean);
  const under = (root: string, path: string) => (root ? path.startsWith(`${root}/`) : true);
  if (!listed.includes(`${planPath}/${PLAN_FILE}`)) {
    throw usage({
      code: 'usage/not-in-revision',
      message: `リビジョン「${rev}」に ${join(spec.dir, PLAN_FILE)} がありません。`,
      hint: `そのリビジョンの計画のフォルダを REV:DIR の形で指定できます（例: ${rev}:${defaultPlanDir()}）。`,
    });
  }
  const root = mkdtempSync(join(tmpdir(), 'shien-diff-'));
  temps.push(root);
  for (const path of listed.filter((p) => under(rootPath, p) && /\.ya?ml$/i.test(p))) {
    const to = join(root, ...(rootPath ? path.slice(rootPath.length + 1) : path).split('/'));
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, git(['show', `${commit}:${path}`], top));
  }
  return { label, dir: join(root, basename(planDir)), name, revision: rev };
}

function revParse(rev: string, arg: string, cwd: string): string {
  try {
    git(['rev-parse', '--show-toplevel'], cwd);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw usage({ code: 'env/no-git', message: `「${arg}」はフォルダではないため git のリビジョンとして読もうとしましたが、git が見つかりません。`, hint: hint() });
    }
    throw usage({
      code: 'usage/not-a-repository',
      message: `「${arg}」は計画のフォルダではなく、ここは git のリポジトリでもないため、リビジョンとしても読めません。`,
      hint: hint(),
    });
  }
  try {
    return git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], cwd).toString('utf8').trim();
  } catch {
    throw usage({ code: 'usage/unknown-revision', message: `「${arg}」は計画のフォルダでも git のリビジョンでもありません。`, hint: hint() });
  }
}

function git(args: string[], cwd: string): Buffer {
  return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024 });
}

/** Problems found in a revision's temporary copy name the file as the user knows it: `HEAD~1:plans/r5/plan.yaml`. */
export function relabel(problems: readonly Problem[], src: PlanSource): Problem[] {
  if (src.revision === undefined) return [...problems];
  const root = dirname(src.dir);
  const labelRoot = posix.dirname(src.label.slice(src.revision.length + 1).replace(/\/$/, '') || '.');
  return problems.map((p) => {
    if (!p.file || !p.file.startsWith(root + sep)) return p;
    const rel = relative(root, p.file).split(sep).join('/');
    return { ...p, file: `${src.revision}:${labelRoot === '.' ? '' : `${labelRoot}/`}${rel}` };
  });
}
