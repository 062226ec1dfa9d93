// npm run bench: how long the documents take and how much memory, as a user runs the command.
// Prints medians over several runs; it asserts nothing (machines here are shared and noisy).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Run {
  /** The whole command, as a user waits for it: Node's start, loading the code, the build. */
  ms: number;
  /** The build itself, as the command's closing line reports it (without starting the process). */
  buildMs: number;
  rssMiB: number;
}

function shien(args: string[]): Run {
  const started = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'shien.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SHIEN_STATS: '1', CI: '1' },
  });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`shien ${args.join(' ')} failed:\n${r.stderr}`);
  const stats = /SHIEN_STATS (\{.*\})/.exec(r.stderr);
  const closing = /^\d+文書.*（(\d+) ms）/m.exec(r.stdout);
  return { ms, buildMs: closing ? Number(closing[1]) : NaN, rssMiB: stats ? JSON.parse(stats[1]).maxRssKiB / 1024 : NaN };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function outputs(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.(pdf|docx)$/.test(e.name)) {
        files++;
        bytes += statSync(join(d, e.name)).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

const rows: string[][] = [['scenario', 'median wall', 'in the build', 'per document', 'peak RSS (max)', 'files', 'output bytes', 'runs']];

function scenario(name: string, docs: number, setup: () => { args: string[]; out: string; before?: () => void }) {
  const runs: Run[] = [];
  let out = '';
  for (let i = 0; i < RUNS; i++) {
    const s = setup();
    out = s.out;
    s.before?.();
    runs.push(shien(s.args));
  }
  const o = outputs(out);
  const wall = median(runs.map((r) => r.ms));
  rows.push([
    name,
    `${wall.toFixed(0)} ms`,
    `${median(runs.map((r) => r.buildMs)).toFixed(0)} ms`,
    docs ? `${(wall / docs).toFixed(1)} ms` : '—',
    `${median(runs.map((r) => r.rssMiB)).toFixed(0)} MiB (${Math.max(...runs.map((r) => r.rssMiB)).toFixed(0)})`,
    String(o.files),
    o.bytes.toLocaleString('en-US'),
    String(runs.length),
  ]);
  process.stderr.write(`${name}: ${runs.map((r) => r.ms.toFixed(0)).join(', ')} ms\n`);
}

const work = mkdtempSync(join(tmpdir(), 'shien-bench-'));
const fresh = () => {
  const out = join(work, 'out');
  rmSync(out, { recursive: true, force: true });
  return out;
};

scenario('summary alone (PDF + Word)', 2, () => {
  const out = fresh();
  return { args: ['build', 'plans/r5', '--only', 'summary', '--out', out], out };
});
scenario('full set: summary + 67 handouts (136 files)', 136, () => {
  const out = fresh();
  return { args: ['build', 'plans/r5', '--out', out], out };
});
scenario('full set, two rendering threads (--workers 2)', 136, () => {
  const out = fresh();
  return { args: ['build', 'plans/r5', '--out', out, '--workers', '2'], out };
});

// Rebuilds after an edit, on a copy of the plans so that the repository is never touched.
const plans = join(work, 'plans');
cpSync(join(ROOT, 'plans'), plans, { recursive: true });
const planDir = join(plans, 'r5');
const incrementalOut = join(work, 'incremental');
shien(['build', planDir, '--out', incrementalOut]);
let n = 0;
/** Change one sentence: the line that holds `anchor` gets a numbered sentence of its own. */
const edit = (file: string, anchor: string, line: (n: number) => string) => {
  n += 1;
  const lines = readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(anchor));
  if (i < 0) throw new Error(`${anchor} not in ${file}`);
  lines[i] = line(n);
  writeFileSync(file, lines.join('\n'));
};
/** The first sentence of the basic policy, numbered: printed in the summary and every handout. */
const policy = (k: number) => `    - 企業自らが自社を変革させていく「自己変革力」を高める必要がある（${k}）。`;
scenario('rebuild after editing one jurisdiction file', 2, () => ({
  args: ['build', planDir, '--out', incrementalOut],
  out: incrementalOut,
  before: () => edit(join(planDir, 'jurisdictions', '13-tokyo.yaml'), '見本経営者研修事業', (k) => `    items: [見本経営者研修事業その${k}]`),
}));
scenario('rebuild after editing the national plan (basic policy)', 136, () => ({
  args: ['build', planDir, '--out', incrementalOut],
  out: incrementalOut,
  before: () => edit(join(planDir, 'plan.yaml'), '「自己変革力」を高める必要がある', (k) => policy(k)),
}));
scenario('rebuild with nothing changed', 0, () => ({ args: ['build', planDir, '--out', incrementalOut], out: incrementalOut }));

// The same edits in one warm process, as `shien watch` rebuilds after each save: no start-up.
const { build } = await import('../src/pipeline/build.js');
const { loadResources } = await import('../src/pipeline/resources.js');
let ctx: ReturnType<typeof loadResources> | undefined;
const warmOut = join(work, 'warm');
const warmBuild = () => build({ planDir, outDir: warmOut, workers: 1 }, () => (ctx ??= loadResources()));
await warmBuild();
async function warm(name: string, before: () => void) {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    before();
    const started = performance.now();
    const report = await warmBuild();
    ms.push(performance.now() - started);
    if (report.problems.length || report.documents.some((d) => d.problems.length)) throw new Error(`${name}: the build failed`);
  }
  const o = outputs(warmOut);
  rows.push([name, '—', `${median(ms).toFixed(0)} ms`, '—', '—', String(o.files), o.bytes.toLocaleString('en-US'), String(ms.length)]);
  process.stderr.write(`${name}: ${ms.map((x) => x.toFixed(0)).join(', ')} ms\n`);
}
await warm('watch: rebuild after editing one jurisdiction file', () =>
  edit(join(planDir, 'jurisdictions', '13-tokyo.yaml'), '見本経営者研修事業', (k) => `    items: [見本経営者研修事業その${k}]`));
await warm('watch: rebuild after editing the national plan (basic policy)', () =>
  edit(join(planDir, 'plan.yaml'), '「自己変革力」を', (k) => policy(k)));

rmSync(work, { recursive: true, force: true });
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
console.log(`\nnode ${process.version}, ${(await import('node:os')).cpus().length} cores, ${RUNS} runs each; medians.`);
console.log('median wall: the command from start to exit (about 0.4 s of it is starting Node and loading the code).');
console.log('in the build: what the command reports in its closing line; for watch, one rebuild in a warm process.');
