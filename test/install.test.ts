import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { tempDir } from './helpers.js';

// The project installed as a newcomer installs it: the tracked files alone (no dist/, no
// node_modules/, nothing a developer's tree happens to hold), `npm ci`, the README's build command,
// then every command line of the README's usage block, run with `npx` as the README writes it. A file
// the compiled command reads at run time (the preview's client script, templates, schemas) that the
// compile step or the package leaves out fails here.

const ROOT = join(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The README's first line of commands: `npm ci && npm run build   # …`. */
const buildLine = () => /^```sh\n(.*?)\s+#/m.exec(README)![1];

/** The command lines of the usage block (its option lines, indented, belong to the line above). */
function usageLines(): string[] {
  const block = /## 使い方\n\n```sh\n([\s\S]*?)```/.exec(README)![1];
  return block.split('\n').filter((l) => /^(npx|npm) /.test(l)).map((l) => l.replace(/\s+#.*$/, '').trim());
}

interface Step {
  /** Arguments after `npx shien` that fill the line's placeholders. */
  args: string[];
  /** Its exit code; `Ctrl+C` for a command that runs until stopped (it ends, by the signal or with 0). */
  status: number | 'Ctrl+C';
  /** For a command that runs until Ctrl+C: what it prints when it is ready, and a check while it runs. */
  until?: string;
  whileRunning?: (output: string) => Promise<void>;
  check?: (output: string, dir: string) => void;
}

/** A GET of the running preview: status and body. */
const fetchText = (url: string) =>
  new Promise<{ status: number; body: string }>((ok, fail) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode!, body }));
    }).on('error', fail);
  });

/**
 * What each command line of the usage block is run with. A line the README gains without a row here
 * fails the test, so that a new command is installed-and-run too.
 */
const STEPS: Record<string, Step | { skip: string }> = {
  'npx shien build [PLAN_DIR] [--out DIR]': { args: ['build', 'plans/r5', '--out', 'out/build', '--jurisdiction', '13'], status: 0 },
  // Into output/r5, which the README's build made: their first build finds nothing to make, and
  // the time goes to what is tested here, the installed command starting, watching and serving.
  'npx shien watch [PLAN_DIR]': {
    args: ['watch'],
    status: 'Ctrl+C',
    until: '保存を待っています',
    // A session that made nothing keeps the README build's record: the validate below answers from it.
    check: (_, dir) => expect((JSON.parse(readFileSync(join(dir, 'output', 'r5', '.shien-manifest.json'), 'utf8')) as { inputs?: unknown }).inputs).toBeDefined(),
  },
  'npx shien preview [PLAN_DIR] [--port N] [--open]': {
    args: ['preview', '--port', '0'],
    status: 'Ctrl+C',
    until: '保存を待っています',
    // The page, and the script every page of the preview asks for: read by the compiled command
    // from beside it, so a compile step that forgets to copy it fails here.
    whileRunning: async (output) => {
      const url = /プレビュー: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)![1];
      expect((await fetchText(url)).body).toContain('令和５年度中小企業支援計画の概要');
      const page = await fetchText(`${url}summary.html`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('<script src="/_preview/client.js"');
      const client = await fetchText(`${url}_preview/client.js`);
      expect(client.status).toBe(200);
      expect(client.body).toContain('EventSource');
    },
    check: (output) => expect(output).toContain('プレビューを終了しました。'),
  },
  'npx shien validate [PLAN_DIR]': { args: ['validate'], status: 0 },
  'npx shien publish [PLAN_DIR] [--out DIR]': {
    args: ['publish', '--out', 'out/site'],
    status: 0,
    check: (_, dir) => expect(existsSync(join(dir, 'out', 'site', 'index.html'))).toBe(true),
  },
  'npx shien diff OLD NEW [--out DIR]': { args: ['diff', 'test/fixtures/diff/base', 'test/fixtures/diff/all-edits', '--out', 'out/diff'], status: 0 },
  'npx shien lint [PLAN_DIR] [--strict]': { args: ['lint'], status: 0 },
  'npx shien init-jurisdiction CODE [PLAN_DIR]': { args: ['init-jurisdiction', '01'], status: 0 },
  'npx shien survey export [PLAN_DIR]': { args: ['survey', 'export', '--out', 'out/survey'], status: 0 },
  'npx shien survey import FILE|DIR… [PLAN_DIR]': { args: ['survey', 'import', 'out/survey', '--dry-run'], status: 0 },
  'npx shien survey status [PLAN_DIR]': { args: ['survey', 'status'], status: 0 },
  'npx shien schema [--out DIR]': { args: ['schema', '--out', 'out/schema'], status: 0, check: (_, dir) => expect(existsSync(join(dir, 'out', 'schema'))).toBe(true) },
  'npx shien completion bash|zsh': { args: ['completion', 'bash'], status: 0, check: (output) => expect(output).toContain('complete') },
  'npx shien --help': { args: ['--help'], status: 0 },
  'npx shien --version': { args: ['--version'], status: 0, check: (output) => expect(output).toMatch(/^shien \d+\.\d+\.\d+/) },
  // Last: it makes plans/r6, which the commands above would then take as the newest plan.
  'npx shien init-year [YEAR] [--from PLAN_DIR]': { args: ['init-year'], status: 0, check: (_, dir) => expect(existsSync(join(dir, 'plans', 'r6', 'plan.yaml'))).toBe(true) },
  'npm run bench': { skip: 'measures for minutes (every row, several runs); bench/ is type-checked by npm test' },
};

/**
 * `npx shien …` in the project's folder runs the bin that package.json names, with node. The commands
 * that run until Ctrl+C (the signal must reach the command under npx) and `--version` go through npx
 * itself; the rest run that bin as npx would, which spares each of them npm's own start (0.8 s of
 * CPU, a third of the test).
 */
function commandOf(cwd: string, step: Step): [string, string[]] {
  if (step.until || step.args[0] === '--version') return ['npx', ['shien', ...step.args]];
  const bin = (JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { bin: { shien: string } }).bin.shien;
  return [process.execPath, [join(cwd, bin), ...step.args]];
}

/** Runs `npx shien …` in the installed copy; a long-running command is ended with Ctrl+C once ready. */
async function runStep(cwd: string, step: Step): Promise<{ status: number | 'Ctrl+C' | null; output: string }> {
  const [command, args] = commandOf(cwd, step);
  if (!step.until) {
    const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    return { status: r.status, output: r.stdout + r.stderr };
  }
  // A group of its own, so that Ctrl+C reaches the command under npx as a terminal's does.
  const child = spawn(command, args, { cwd, env: { ...process.env, CI: '1' }, detached: true });
  let output = '';
  const ready = new Promise<void>((ok, fail) => {
    const read = (c: Buffer) => {
      output += c.toString('utf8');
      if (output.includes(step.until!)) ok();
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', () => fail(new Error(`${step.args.join(' ')} ended before it was ready:\n${output}`)));
  });
  // npx ends by the signal it was sent, as a shell's Ctrl+C does; the command itself may end with 0.
  const ended = new Promise<'Ctrl+C' | number | null>((ok) => child.on('exit', (code, signal) => ok(signal === 'SIGINT' || code === 0 ? 'Ctrl+C' : code)));
  try {
    await ready;
    await step.whileRunning?.(output);
  } finally {
    process.kill(-child.pid!, 'SIGINT');
  }
  return { status: await ended, output };
}

describe('a newcomer installs the project', () => {
  it('from the tracked files: npm ci, the README build command, then every command of the usage block with its exit code', async () => {
    const started = Date.now();
    const dir = tempDir('shien-install-');
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const f of files) {
      // A tracked file deleted in the working tree is not part of what a clone gets either.
      if (!existsSync(join(ROOT, f))) continue;
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      cpSync(join(ROOT, f), join(dir, f));
    }
    // Three 都道府県等 in the list (one of each kind of handout) keep the commands short; everything
    // else is the clone as it is.
    const registry = join(dir, 'plans', 'jurisdictions.yaml');
    const list = parse(readFileSync(registry, 'utf8')) as { jurisdictions: { code: string }[] };
    writeFileSync(registry, stringify({ jurisdictions: list.jurisdictions.filter((j) => ['01', '13', '011002'].includes(j.code)) }));

    const sh = (line: string) => spawnSync('sh', ['-c', line], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '1', npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' } });
    expect(buildLine()).toBe('npm ci && npm run build');
    const install = sh(buildLine());
    expect(install.status, install.stdout + install.stderr).toBe(0);
    expect(existsSync(join(dir, 'output', 'r5', 'summary.pdf'))).toBe(true);
    expect(existsSync(join(dir, 'output', 'r5', 'handouts', '13-tokyo.docx'))).toBe(true);
    const installed = Date.now() - started;

    const lines = usageLines();
    expect(lines.filter((l) => !(l in STEPS)), 'usage lines with no step here').toEqual([]);
    expect(Object.keys(STEPS).filter((l) => !lines.includes(l)), 'steps for lines the README no longer has').toEqual([]);
    for (const [line, step] of Object.entries(STEPS)) {
      if ('skip' in step) continue;
      const r = await runStep(dir, step);
      expect(r.status, `${line}\n→ npx shien ${step.args.join(' ')}\n${r.output}`).toBe(step.status);
      expect(r.output, line).not.toMatch(/\n\s+at [^\n]*:\d+:\d+\)?\n/);
      step.check?.(r.output, dir);
    }
    console.info(`install test: npm ci and build ${installed} ms, the commands ${Date.now() - started - installed} ms`);
    rmSync(dir, { recursive: true, force: true });
  }, 600_000);
});
