// npm run bench: how long the commands take and how much memory they use, as a user runs them, and
// how they compare with baselines measured in the same run (`node -e 0`, Typst setting the same
// handouts). Whole processes; the command and its baseline alternate, run after run, so that a
// machine that slows down slows both; medians. It asserts nothing: machines here are shared and noisy.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { stringify } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** BENCH_ONLY=watch (a word of the rows' names, or several separated by commas): only those rows, while working on them. */
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean);
const wanted = (name: string) => !ONLY || ONLY.some((w) => name.includes(w));
const SHIEN = join(ROOT, 'bin', 'shien.mjs');

interface Run {
  /** The whole process, from start to exit. */
  ms: number;
  cpuMs: number;
  rssMiB: number;
}

function run(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Run {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, SHIEN_STATS: '1', CI: '1', ...opts.env } });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  // One line from the command and one from each worker process it started: their peaks add up to
  // at most what the set of processes held at once, their CPU times to what the build cost.
  const stats = [...r.stderr.matchAll(/SHIEN_STATS (\{.*\})/g)].map((m) => JSON.parse(m[1]) as { maxRssKiB: number; cpuMs: number });
  if (!stats.length) return { ms, cpuMs: NaN, rssMiB: NaN };
  return { ms, cpuMs: stats.reduce((a, s) => a + s.cpuMs, 0), rssMiB: stats.reduce((a, s) => a + s.maxRssKiB, 0) / 1024 };
}

const median = (xs: number[]) => {
  const s = [...xs].filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function outputs(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || e.name.startsWith('.')) continue;
    files++;
    bytes += statSync(join(e.parentPath, e.name)).size;
  }
  return { files, bytes };
}

const rows: string[][] = [['measure', 'median wall', 'CPU', 'peak RSS (sum)', 'baseline', 'ratio (target)', 'files', 'bytes']];
const ms = (x: number) => (Number.isNaN(x) ? '—' : `${x.toFixed(0)} ms`);

/**
 * A command, RUNS times after one warm-up, alternating with its baseline when there is one: each
 * run of the command is paired with the baseline's run beside it, and the ratio is the median of
 * the pairs' ratios.
 */
function measure(name: string, command: () => { args: string[]; before?: () => void; out?: string; cwd?: string }, baseline?: { name: string; args: () => string[]; target: string }) {
  if (!wanted(name)) return { wall: NaN };
  const a: Run[] = [];
  const b: Run[] = [];
  let out: string | undefined;
  for (let i = 0; i <= RUNS; i++) {
    const c = command();
    c.before?.();
    const r = run(c.args, { cwd: c.cwd });
    out = c.out;
    const base = baseline ? run(baseline.args()) : undefined;
    if (i === 0) continue; // the warm-up: caches of the file system and of the command's own
    a.push(r);
    if (base) b.push(base);
  }
  const o = out ? outputs(out) : undefined;
  const ratio = b.length ? median(a.map((r, i) => r.ms / b[i].ms)) : NaN;
  rows.push([
    name,
    ms(median(a.map((r) => r.ms))),
    ms(median(a.map((r) => r.cpuMs))),
    Number.isNaN(median(a.map((r) => r.rssMiB))) ? '—' : `${median(a.map((r) => r.rssMiB)).toFixed(0)} MiB`,
    baseline ? `${baseline.name} ${ms(median(b.map((r) => r.ms)))}` : '—',
    baseline ? `${ratio.toFixed(2)} (${baseline.target})` : '—',
    o ? String(o.files) : '—',
    o ? o.bytes.toLocaleString('en-US') : '—',
  ]);
  process.stderr.write(`${name}: ${a.map((r) => r.ms.toFixed(0)).join(', ')} ms${b.length ? ` | baseline ${b.map((r) => r.ms.toFixed(0)).join(', ')} ms` : ''}\n`);
  return { wall: median(a.map((r) => r.ms)) };
}

const work = mkdtempSync(join(tmpdir(), 'shien-bench-'));
const fresh = (name: string) => {
  const out = join(work, name);
  rmSync(out, { recursive: true, force: true });
  return out;
};
const nodeNothing = { name: 'node -e 0', args: () => ['-e', '0'] };

// Make sure the compiled command is current before anything is timed (it compiles itself if not).
run([SHIEN, '--help']);

// ── Start-up ────────────────────────────────────────────────────────────────────────────────────
measure('shien --help', () => ({ args: [SHIEN, '--help'] }), { ...nodeNothing, target: '≤ 3' });
// validate reads the record of the plan's default output folder (output/r5 where it runs): a copy of
// the plans, built once, is validated as a user does between edits; then without any build, when
// every document is laid out (as build lays them out) to find what does not fit its page.
const validating = join(work, 'validating');
cpSync(join(ROOT, 'plans'), join(validating, 'plans'), { recursive: true });
// Files saved within two seconds of a build leave no record (unchanged.ts): the copy is older than that.
const past = new Date(Date.now() - 60_000);
for (const e of readdirSync(join(validating, 'plans'), { recursive: true, withFileTypes: true })) utimesSync(join(e.parentPath, e.name), past, past);
if (wanted('shien validate')) run([SHIEN, 'build', 'plans/r5'], { cwd: validating });
measure('shien validate, plan unchanged since its build', () => ({ args: [SHIEN, 'validate', 'plans/r5'], cwd: validating }), { ...nodeNothing, target: '≤ 4' });
measure('shien validate, no build before', () => ({ args: [SHIEN, 'validate', 'plans/r5'], cwd: validating, before: () => rmSync(join(validating, 'output'), { recursive: true, force: true }) }), { ...nodeNothing, target: '—' });
const noop = join(work, 'noop');
run([SHIEN, 'build', 'plans/r5', '--out', noop]);
measure('build with nothing to do', () => ({ args: [SHIEN, 'build', 'plans/r5', '--out', noop], out: noop }), { ...nodeNothing, target: '≤ 3' });
measure('build --only summary --force, cold', () => ({ args: [SHIEN, 'build', 'plans/r5', '--only', 'summary', '--force', '--out', fresh('summary')], out: join(work, 'summary') }), { ...nodeNothing, target: '≤ 6' });

// ── The yearly set against Typst ────────────────────────────────────────────────────────────────
// Typst sets the same 67 handouts (their document models, from our own check) with bench/typst/.
const typstInput = join(work, 'typst-input.json');
if (wanted('handout PDFs')) {
  const { checkPlanSet } = await import('../src/check/plan-set.js');
  const { loadResources } = await import('../src/check/resources.js');
  const set = checkPlanSet(join(ROOT, 'plans', 'r5'), loadResources).set!;
  const documents = set.documents.filter((d) => d.instance.kind === 'handout').map((d) => ({ stem: d.instance.stem, doc: d.doc }));
  writeFileSync(typstInput, JSON.stringify({ theme: set.resources.theme, documents }));
}
const typst = { name: 'Typst 67 handouts', args: () => [join(ROOT, 'bench', 'typst', 'handouts.mjs'), typstInput, fresh('typst')] };
measure(
  '67 handout PDFs (--format pdf --only handouts --workers 1)',
  () => ({ args: [SHIEN, 'build', 'plans/r5', '--force', '--format', 'pdf', '--only', 'handouts', '--workers', '1', '--out', fresh('pdf')], out: join(work, 'pdf') }),
  { ...typst, target: '≤ 3' },
);
const full = measure(
  'full set, cold, default workers (every format)',
  () => ({ args: [SHIEN, 'build', 'plans/r5', '--force', '--out', fresh('full')], out: join(work, 'full') }),
  { name: '--workers 1', args: () => [SHIEN, 'build', 'plans/r5', '--force', '--workers', '1', '--out', fresh('one')], target: '≤ 1.0' },
);

// ── The loop the staff sit in: save, look ───────────────────────────────────────────────────────
// `shien watch` runs on a copy of the plans; a file is saved and the clock runs until every file of
// the document that shows the change has been rewritten (polled every 5 ms).
if (wanted('watch')) await watchRows();
if (wanted('preview')) await previewRow();

// ── Rebuilds after an edit, on a copy of the plans so that the repository is never touched ──────
const plans = join(work, 'plans');
cpSync(join(ROOT, 'plans'), plans, { recursive: true });
const planDir = join(plans, 'r5');
const incremental = join(work, 'incremental');
run([SHIEN, 'build', planDir, '--out', incremental]);
let n = 0;
/** Change one line: the line that holds `anchor` becomes `line(n)`, a new text each time. */
const edit = (file: string, anchor: string, line: (n: number) => string) => () => {
  n += 1;
  const lines = readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(anchor));
  if (i < 0) throw new Error(`${anchor} not in ${file}`);
  lines[i] = line(n);
  writeFileSync(file, lines.join('\n'));
};
const tokyo = edit(join(planDir, 'jurisdictions', '13-tokyo.yaml'), '見本経営者研修事業', (k) => `    items: [見本経営者研修事業その${k}]`);
const one = measure('rebuild after editing one jurisdiction file', () => ({ args: [SHIEN, 'build', planDir, '--out', incremental], before: tokyo, out: incremental }));
// The basic policy prints in the summary and in every handout.
const policy = edit(join(planDir, 'plan.yaml'), '「自己変革力」を', (k) => `    - 企業自らが自社を変革させていく「自己変革力」を高める必要がある（${k}）。`);
measure('rebuild after editing the basic policy', () => ({ args: [SHIEN, 'build', planDir, '--out', incremental], before: policy, out: incremental }));

// ── 500 都道府県等: how it scales ──────────────────────────────────────────────────────────────────
const large = join(work, 'large');
cpSync(join(ROOT, 'plans'), large, { recursive: true });
if (wanted('501')) {
  const checkDigit = (first5: string) => (11 - ([...first5].reduce((a, d, i) => a + Number(d) * (6 - i), 0) % 11)) % 10;
  const kana = 'あいうえおかきくけこさしすせそたちつてとなにぬねの';
  const jurisdictions = Array.from({ length: 500 }, (_, i) => {
    const first5 = String(10000 + i * 7).padStart(5, '0');
    const word = String(i).padStart(3, '0').split('').map((d) => kana[Number(d)]).join('');
    return { code: `${first5}${checkDigit(first5)}`, kind: 'city', name: `試験${i}市`, kana: `しけん${word}し`, slug: `city-${i}`, prefecture: '13' };
  });
  const prefecture = { code: '13', kind: 'prefecture', name: '東京都', kana: 'とうきょうと', slug: 'tokyo' };
  writeFileSync(join(large, 'jurisdictions.yaml'), stringify({ jurisdictions: [prefecture, ...jurisdictions] }));
  rmSync(join(large, 'r5', 'jurisdictions'), { recursive: true, force: true });
}
measure('full set of 501 jurisdictions', () => ({ args: [SHIEN, 'build', join(large, 'r5'), '--force', '--out', fresh('large-out')], out: join(work, 'large-out') }));

// ── The page fitter, in this process: what choosing costs beyond laying out the page written ────
// fitDocument lays a document out to choose its weights, size and leading, then lays it out once
// more to write it; layoutPdf alone is that last layout. The difference is the fitter's own time.
if (wanted('page fitter')) {
  const { checkPlanSet } = await import('../src/check/plan-set.js');
  const { loadResources } = await import('../src/check/resources.js');
  const { writerOptions } = await import('../src/pipeline/render.js');
  const { fitDocument } = await import('../src/layout/fit.js');
  const { layoutPdf, pdfEngine } = await import('../src/render/pdf/index.js');
  const resources = loadResources();
  const set = checkPlanSet(join(ROOT, 'plans', 'r5'), () => resources).set!;
  const groups = { summary: set.documents.filter((d) => d.instance.kind === 'summary'), '67 handouts': set.documents.filter((d) => d.instance.kind === 'handout') };
  for (const [name, docs] of Object.entries(groups)) {
    const fit: number[] = [];
    const write: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      let f = 0;
      let w = 0;
      for (const d of docs) {
        const options = writerOptions(d.doc!, { theme: resources.theme, fonts: resources.fonts });
        let t = performance.now();
        const fitted = (await fitDocument(d.doc!, options.theme, pdfEngine(options, true))).fit!;
        f += performance.now() - t;
        t = performance.now();
        await layoutPdf(d.doc!, fitted, options);
        w += performance.now() - t;
      }
      if (i === 0) continue; // the warm-up: fonts parsed, code compiled
      fit.push(f);
      write.push(w);
    }
    rows.push([`page fitter, ${name} (beyond writing)`, ms(median(fit.map((f, k) => f - write[k]))), '—', '—', `writing alone ${ms(median(write))}`, '—', '—', '—']);
    process.stderr.write(`page fitter, ${name}: fit ${fit.map((x) => x.toFixed(0)).join(', ')} ms | write ${write.map((x) => x.toFixed(0)).join(', ')} ms\n`);
  }
}

// ── The test suite, once: the figure a developer waits for ───────────────────────────────────────
if (process.env.BENCH_SKIP_TESTS !== '1' && wanted('npm test')) {
  const started = performance.now();
  const t = spawnSync('npm', ['test'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  const wall = performance.now() - started;
  // As text in the table: vitest colours its summary line.
  const summary = /Tests\s+(.*)/.exec(stripVTControlCharacters(t.stdout))?.[1]?.trim() ?? `exit ${t.status}`;
  rows.push(['npm test (whole, one run)', ms(wall), '—', '—', '—', `${(wall / 1000).toFixed(0)} s (≤ 120 s)`, '—', summary]);
  process.stderr.write(`npm test: ${wall.toFixed(0)} ms, ${summary}\n`);
}

rmSync(work, { recursive: true, force: true });
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
if (!Number.isNaN(one.wall / full.wall)) console.log(`\none edited jurisdiction file, cold, against the full set: ${((one.wall / full.wall) * 100).toFixed(0)} % (target ≤ 10 %)`);
console.log(`node ${process.version}, ${cpus().length} cores, ${RUNS} runs each after a warm-up; medians. Whole processes: start, load, work, exit.`);

/**
 * Save a file under a running `shien watch` and time until the files that show the change are all
 * rewritten. Each save waits for the build before it to end (its closing line), so rounds do not
 * overlap; the yardstick, `node -e 0`, runs between rounds.
 */
async function watchRows(): Promise<void> {
  const root = join(work, 'watched');
  cpSync(join(ROOT, 'plans'), join(root, 'plans'), { recursive: true });
  const planDir = join(root, 'plans', 'r5');
  const out = join(root, 'out');
  const child = spawn(process.execPath, [SHIEN, 'watch', planDir, '--out', out], { cwd: ROOT, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let buffer = '';
  let waiting: (() => void) | undefined;
  // Each build ends with this line: the watcher is idle again.
  child.stdout.on('data', (c: Buffer) => {
    buffer += c.toString();
    if (buffer.includes('保存を待っています')) {
      buffer = '';
      waiting?.();
    }
  });
  child.stderr.on('data', () => {});
  const idle = () => new Promise<void>((r) => (waiting = r));
  await idle();
  const mtimes = (files: string[]) => files.map((f) => statSync(f).mtimeMs);
  let k = 0;
  const round = async (file: string, anchor: string, line: (n: number) => string, outputs: string[]) => {
    const before = mtimes(outputs);
    const lines = readFileSync(file, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes(anchor));
    if (i < 0) throw new Error(`${anchor} not in ${file}`);
    lines[i] = line(++k);
    const done = idle();
    const started = performance.now();
    writeFileSync(file, lines.join('\n'));
    for (;;) {
      const now = mtimes(outputs);
      if (now.every((t, j) => t !== before[j])) break;
      if (performance.now() - started > 60_000) throw new Error(`watch did not rewrite ${outputs.join(', ')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const wall = performance.now() - started;
    await done;
    return wall;
  };
  const row = async (name: string, target: string, save: () => Promise<number>) => {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const w = await save();
      const base = run(['-e', '0']).ms;
      if (i === 0) continue;
      a.push(w);
      b.push(base);
    }
    rows.push([name, ms(median(a)), '—', '—', `node -e 0 ${ms(median(b))}`, `${(median(a)).toFixed(0)} ms (${target})`, '—', '—']);
    process.stderr.write(`${name}: ${a.map((x) => x.toFixed(0)).join(', ')} ms\n`);
  };
  const formats = (stem: string) => ['pdf', 'docx', 'html'].map((f) => join(out, `${stem}.${f}`));
  const tokyo = join(planDir, 'jurisdictions', '13-tokyo.yaml');
  await row('watch: save a jurisdiction file → its handout rewritten', '≤ 300 ms', () =>
    round(tokyo, '見本経営者研修事業', (n) => `    items: [見本経営者研修事業その${n}]`, formats('handouts/13-tokyo')));
  // The positioning box prints in the summary only.
  await row('watch: save plan.yaml (summary only) → summary rewritten', '≤ 500 ms', () =>
    round(join(planDir, 'plan.yaml'), '令和５年度計画において', (n) => `    - 令和５年度計画において、国、都道府県等及び（独）中小企業基盤整備機構は、各中小企業支援機関とも連携しながら、適切な支援体制を構築し、中小企業等が持続的な発展・成長を目指すことができるよう、万全を期していく（${n}）。`, formats('summary')));
  child.kill('SIGINT');
  await new Promise((r) => child.on('exit', r));
}

/**
 * `shien preview` with a browser's stream open on the last handout of the table (Okinawa), and a
 * save of plan.yaml that every handout prints: the time until that page's document is written, against
 * the time until the whole build after the save ends. First means a small fraction of the whole.
 */
async function previewRow(): Promise<void> {
  const root = join(work, 'previewed');
  cpSync(join(ROOT, 'plans'), join(root, 'plans'), { recursive: true });
  const planDir = join(root, 'plans', 'r5');
  const page = 'handouts/47-okinawa';
  const child = spawn(process.execPath, [SHIEN, 'preview', planDir, '--port', '0', '--out', join(root, 'out')], { cwd: ROOT, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.on('data', () => {});
  let stdout = '';
  let onIdle: (() => void) | undefined;
  const url = await new Promise<string>((ok) =>
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = /プレビュー: (http:\/\/\S+)（/.exec(stdout);
      if (m) ok(m[1]);
      if (stdout.includes('保存を待っています')) {
        stdout = stdout.replace(/保存を待っています/g, '');
        onIdle?.();
      }
    }),
  );
  // The page is served once the first build has ended; then a stream as the page's script opens it.
  await new Promise<void>((r) => (onIdle = r));
  const events = await fetch(`${url}_preview/events?page=${encodeURIComponent(page)}`);
  const reader = events.body!.getReader();
  let onPage: (() => void) | undefined;
  void (async () => {
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      text += Buffer.from(value).toString();
      const messages = text.split('\n\n');
      text = messages.pop()!;
      // The page's own message (the state after each build names every document, this one too).
      if (messages.some((m) => m.startsWith('event: document\n') && m.includes(`"name":"${page}"`))) onPage?.();
    }
  })();
  const planFile = join(planDir, 'plan.yaml');
  const pageMs: number[] = [];
  const wholeMs: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const lines = readFileSync(planFile, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('「自己変革力」を'));
    lines[at] = `    - 企業自らが自社を変革させていく「自己変革力」を高める必要がある（${i}）。`;
    const shown = new Promise<number>((r) => (onPage = () => r(performance.now())));
    const idle = new Promise<number>((r) => (onIdle = () => r(performance.now())));
    const started = performance.now();
    writeFileSync(planFile, lines.join('\n'));
    const [p, w] = await Promise.all([shown, idle]);
    // An editor's save may be seen twice: the build it starts again ends before the next round.
    await new Promise((r) => setTimeout(r, 1500));
    if (i === 0) continue;
    pageMs.push(p - started);
    wholeMs.push(w - started);
  }
  await reader.cancel();
  child.kill('SIGINT');
  await new Promise((r) => child.on('exit', r));
  const ratio = median(pageMs.map((x, k) => x / wholeMs[k]));
  rows.push([`preview: the page looked at (${page}) after a save every handout shows`, ms(median(pageMs)), '—', '—', `whole rebuild ${ms(median(wholeMs))}`, `${ratio.toFixed(2)} (first, before the rest)`, '—', '—']);
  process.stderr.write(`preview page: ${pageMs.map((x) => x.toFixed(0)).join(', ')} ms | whole ${wholeMs.map((x) => x.toFixed(0)).join(', ')} ms\n`);
}

