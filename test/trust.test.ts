import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { exitCodeOf, Failure } from '../src/core/problem.js';
import { formatProblem } from '../src/core/print.js';
import { loadYaml } from '../src/core/yaml.js';
import { lintPath } from '../src/cli/lint.js';
import { build, reportProblems } from '../src/pipeline/build.js';
import { checkPlanSet } from '../src/check/plan-set.js';
import { loadResources } from '../src/check/resources.js';
import { writeAtomically, writeProblem } from '../src/pipeline/write.js';
import { Plan } from '../src/plan/schema.js';
import { checkPlan, context, libreOfficeConvert, pdfPlaced, pdfText, problemLine, shienIn, squash, tempDir } from './helpers.js';

// Careless and hostile input: nothing published wrong, nothing read that should not be, no crash,
// no slow path. Each case failed before the change that made it pass.

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'shien.mjs');
const VALID = join(import.meta.dirname, 'fixtures', 'sets', 'valid');
const shien = (args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: opts.cwd, env: { ...process.env, ...opts.env } });
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

/** A copy of the small valid plan set (a plan with two jurisdictions, Tokyo with its own file). */
function planSet(): { root: string; plan: string; edit: (file: string, f: (s: string) => string) => void } {
  const root = tempDir();
  cpSync(VALID, root, { recursive: true });
  const plan = join(root, 'plan');
  return { root, plan, edit: (file, f) => writeFileSync(join(root, file), f(readFileSync(join(root, file), 'utf8'))) };
}

describe('text is never cut off', () => {
  // 120 characters with no break opportunity: an ID, a number, a URL without slashes.
  const RUN = 'X9'.repeat(60);
  const longEverywhere = () => {
    const s = planSet();
    s.edit('plan/plan.yaml', (t) =>
      t
        .replace('- 位置づけの一文。', `- 位置づけ${RUN}の一文。`)
        .replace('heading: 基本方針', `heading: 基本方針${RUN}`)
        .replace('- 方針の一文。', `- ${RUN}`)
        .replace('- 国の一文。', `- 国の${RUN}`)
        .replace('items: [甲事業, 乙事業]', `items: [甲事業${RUN}, 乙事業]`)
        .replace('- 都道府県等の一文。', `- 都道府県等の${RUN}`));
    s.edit('plan/jurisdictions/13-tokyo.yaml', (t) =>
      t.replace('name: 見本センター', `name: 見本センター${RUN}`).replace('items: [見本事業]', `items: [見本事業${RUN}]`)
        .replace('url: https://example.jp/center', `url: https://example.jp/${RUN.toLowerCase()}`));
    return s;
  };

  it('in every block kind of the summary and a handout, PDF and Word (as LibreOffice lays it out)', async () => {
    const s = longEverywhere();
    const out = tempDir();
    const r = await build({ planDir: s.plan, outDir: out, jurisdictions: ['13'], only: undefined, workers: 1 }, context);
    const r2 = await build({ planDir: s.plan, outDir: out, only: 'summary', workers: 1 }, context);
    expect([...reportProblems(r), ...reportProblems(r2)]).toEqual([]);
    const names = ['summary', 'handouts/13-tokyo'];
    const word = libreOfficeConvert(Object.fromEntries(names.map((n) => [n.replace('/', '--'), readFileSync(join(out, `${n}.docx`))])), 'pdf');
    for (const name of names) {
      const pdf = readFileSync(join(out, `${name}.pdf`));
      for (const bytes of [pdf, readFileSync(word[name.replace('/', '--')])]) {
        const { text, outside: overflow } = await pdfPlaced(bytes);
        expect(overflow, name).toEqual([]);
        // Every run is there, whole, wherever the lines broke it.
        expect(squash(text).split(RUN).length - 1, name).toBeGreaterThanOrEqual(name === 'summary' ? 6 : 4);
      }
    }
  });
});

describe('a plan reads only files inside its plan root', () => {
  it('refuses a registry outside, without opening it or showing its lines', async () => {
    // Each path checked in process, its problems printed as validate prints them; the command run once,
    // printing exactly those lines with exit code 1.
    const printed = (plan: string) => {
      const problems = checkPlan(plan).problems;
      return { code: exitCodeOf(problems), text: problems.map((p) => formatProblem(p, process.cwd())).join('\n') + '\n' };
    };
    for (const path of ['../../secret.env', '/etc/passwd', '../../../../../../etc/hostname']) {
      const s = planSet();
      writeFileSync(join(s.root, '..', 'secret.env'), 'API_TOKEN=s3cr3t-value\n');
      s.edit('plan/plan.yaml', (t) => t.replace(/^jurisdictions: .*$/m, `jurisdictions: ${path}`));
      const p = printed(s.plan);
      const stderrs = [p.text];
      if (path === '/etc/passwd') {
        const r = await shienIn(process.cwd(), ['validate', s.plan]);
        expect(r.status, path).toBe(1);
        expect(r.stderr.startsWith(p.text), r.stderr).toBe(true);
        stderrs.push(r.stderr);
      }
      expect(p.code, path).toBe(1);
      for (const stderr of stderrs) {
        expect(stderr).toMatch(problemLine('error', 'plan/path-outside'));
        expect(stderr).toMatch(/plan\.yaml:\d+:16: error: /);
        expect(stderr).not.toContain('s3cr3t');
        expect(stderr).not.toContain('root:');
      }
    }
  });

  it('refuses a jurisdiction file that is a link to somewhere else', () => {
    const s = planSet();
    writeFileSync(join(s.root, '..', 'outside.yaml'), 'code: "27"\ncenter: {name: 外}\n');
    symlinkSync(join(s.root, '..', 'outside.yaml'), join(s.plan, 'jurisdictions', '27-osaka.yaml'));
    const r = checkPlan(s.plan);
    expect(r.problems.map((p) => p.code)).toEqual(['plan/path-outside']);
  });

  it('never quotes a file inside the root that is not the YAML it should be', async () => {
    const s = planSet();
    writeFileSync(join(s.root, 'notes.env'), 'PASSWORD=hunter2\nTOKEN=abc: def: [\n');
    s.edit('plan/plan.yaml', (t) => t.replace(/^jurisdictions: .*$/m, 'jurisdictions: ../notes.env'));
    // The command once, for the file that is not YAML at all; the same lines printed in process.
    const r = await shienIn(process.cwd(), ['validate', s.plan]);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('hunter2');
    expect(r.stderr).not.toContain('abc: def');
    const broken = checkPlan(s.plan).problems;
    expect(exitCodeOf(broken)).toBe(1);
    expect(r.stderr.startsWith(broken.map((p) => formatProblem(p, process.cwd())).join('\n') + '\n'), r.stderr).toBe(true);
    // YAML of the wrong type, in process, as validate prints it.
    writeFileSync(join(s.root, 'notes.env'), 'PASSWORD=hunter2\n');
    const again = checkPlan(s.plan).problems.map((p) => formatProblem(p, process.cwd())).join('\n');
    expect(again).toMatch(problemLine('error', 'plan/wrong-type'));
    expect(again).not.toContain('hunter2');
  });
});

describe('a broken installation or a place that cannot be written is said, never a stack trace', () => {
  const fontsWith = (cut: number) => {
    const dir = tempDir();
    cpSync(join(ROOT, 'fonts'), dir, { recursive: true, filter: (f) => !f.endsWith('ipamjm.ttf') });
    writeFileSync(join(dir, 'ipamjm.ttf'), '');
    writeFileSync(join(dir, 'BIZUDPGothic-Regular.ttf'), readFileSync(join(ROOT, 'fonts', 'BIZUDPGothic-Regular.ttf')).subarray(0, cut));
    return dir;
  };

  for (const [what, cut] of [['1 KB', 1024], ['2 MB', 2_000_000]] as const) {
    it(`a font file cut to ${what}: font/unreadable, exit 2, for validate and build alike`, async () => {
      const resources = () => loadResources({ fontsDir: fontsWith(cut) });
      const validated = checkPlanSet(VALID + '/plan', resources).problems;
      expect(validated.map((p) => p.code)).toEqual(['font/unreadable']);
      expect(validated[0].message).toContain('途中で切れています');
      expect(exitCodeOf(validated)).toBe(2);
      const built = reportProblems(await build({ planDir: join(VALID, 'plan'), outDir: tempDir(), workers: 1 }, resources));
      expect(built.map((p) => p.code)).toEqual(['font/unreadable']);
    });
  }

  it('--out naming a file, /proc, a filesystem root or the plan root: refused before anything is rendered', async () => {
    const s = planSet();
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    const cases = [[file, 'env/write'], ['/proc/shien-x', 'env/write'], ['/', 'usage/out-is-root'], [s.root, 'usage/out-is-plan'], [s.plan, 'usage/out-is-plan']];
    // Every case in process: its one problem, exit code 2, no document made.
    for (const [out, code] of cases) {
      const r = await build({ planDir: s.plan, outDir: out, workers: 1 }, context);
      expect(reportProblems(r).map((p) => [p.severity, p.code]), out).toEqual([['error', code]]);
      expect(exitCodeOf(reportProblems(r)), out).toBe(2);
      expect(r.documents.filter((d) => !d.skipped), out).toEqual([]);
    }
    // The command's side, once for a folder it cannot write and once for a place it refuses, both at once:
    // exit code 2, the problem's line, nothing said made, no stack trace.
    const ran = await Promise.all([cases[0], cases[3]].map(([out]) => shienIn(ROOT, ['build', s.plan, '--out', out])));
    ran.forEach((r, i) => {
      const [out, code] = [cases[0], cases[3]][i];
      expect(r.status, out).toBe(2);
      expect(r.stderr, out).toMatch(problemLine('error', code));
      expect(r.stdout, out).not.toContain('作成:');
      noStack(r.stderr);
    });
    expect(readdirSync(s.root).sort()).toEqual(['expected.txt', 'jurisdictions.yaml', 'plan']);
  });

  it('a write that fails names the output, never the temporary file, and leaves no temporary behind', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'blocker'), 'x');
    let failure: Failure | undefined;
    try {
      writeAtomically([{ path: join(dir, 'ok.pdf'), bytes: Buffer.from('a') }, { path: join(dir, 'blocker', 'b.pdf'), bytes: Buffer.from('b') }]);
    } catch (e) {
      failure = e as Failure;
    }
    expect(failure).toBeInstanceOf(Failure);
    expect(failure!.problems[0]).toMatchObject({ code: 'env/write' });
    expect(failure!.problems[0].message).toContain('blocker/b.pdf');
    expect(failure!.problems[0].message).not.toContain('.tmp');
    expect(readdirSync(dir)).toEqual(['blocker']);
    // Each way a disk refuses, in Japanese, with the output's name.
    for (const [code, words] of [['ENOSPC', 'ディスクがいっぱい'], ['EROFS', '読み取り専用'], ['EPERM', '権限'], ['EACCES', '権限']]) {
      const p = writeProblem(Object.assign(new Error(code), { code }), join(dir, 'summary.pdf'));
      expect(p.message).toContain(words);
      expect(p.message).toContain('summary.pdf');
      expect(exitCodeOf([p])).toBe(2);
    }
  });

  it('a manifest of the wrong shape is ignored with a warning, and written again', async () => {
    const s = planSet();
    const out = tempDir();
    writeFileSync(join(out, '.shien-manifest.json'), JSON.stringify({ format: 2, entries: {}, digests: 5 }));
    const r = await build({ planDir: s.plan, outDir: out, only: 'summary', workers: 1 }, context);
    expect(reportProblems(r).map((p) => [p.severity, p.code])).toEqual([['warning', 'build/manifest-ignored']]);
    expect(JSON.parse(readFileSync(join(out, '.shien-manifest.json'), 'utf8')).entries.summary).toBeDefined();
    const again = await build({ planDir: s.plan, outDir: out, only: 'summary', workers: 1 }, context);
    expect(reportProblems(again)).toEqual([]);
    expect(again.documents.map((d) => d.skipped)).toEqual([true]);
  });

  it('a reader that closes the pipe ends the command quietly', async () => {
    const s = planSet();
    const out = tempDir();
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      // The open data only: nothing to lay out, and still a line on stdout after the plan's check.
      const child = spawn(process.execPath, [CLI, 'build', s.plan, '--out', out, '--only', 'data'], { env: { ...process.env, CI: '1' } });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('bounded work', () => {
  it('finds a bad byte at the end of a large file in one pass', () => {
    const dir = tempDir();
    const file = join(dir, 'plan.yaml');
    const line = `# ${'あ'.repeat(100)}\n`;
    writeFileSync(file, Buffer.concat([Buffer.from(line.repeat(3000)), Buffer.from([0x93, 0xfa])]));
    const r = loadYaml(file, Plan);
    expect(r.problems).toMatchObject([{ code: 'file/encoding', place: { line: 3001, column: 1 } }]);
  });

  it('refuses an over-long text and an over-long list at their lines, naming the limit', () => {
    const dir = tempDir();
    const src = readFileSync(join(import.meta.dirname, 'fixtures', 'plans', 'minimal', 'plan.yaml'), 'utf8')
      .replace('    - 方針の一文。', `    - ${'中小企業を支援する。'.repeat(4800)}`)
      .replace('      - 国の一文。', Array.from({ length: 40 }, () => '      - 国の一文。').join('\n'));
    writeFileSync(join(dir, 'plan.yaml'), src);
    const r = checkPlan(dir);
    expect(r.problems.map((p) => `${p.place?.line}:${p.place?.column} ${p.code}`)).toEqual(['14:7 plan/too-long', '28:7 plan/too-many']);
    expect(r.problems[0].message).toContain('48000 文字、上限 500 文字');
    expect(r.problems[1].message).toContain('40 個、上限 12 個');
  });
});

describe('stale and leftover files', () => {
  it('outputs of a jurisdiction removed from the registry are removed, and temporaries of a killed build', async () => {
    const s = planSet();
    const out = tempDir();
    expect(reportProblems(await build({ planDir: s.plan, outDir: out, workers: 1 }, context))).toEqual([]);
    expect(readdirSync(join(out, 'handouts')).sort()).toEqual(['13-tokyo.docx', '13-tokyo.html', '13-tokyo.pdf', '27-osaka.docx', '27-osaka.html', '27-osaka.pdf']);
    writeFileSync(join(out, 'handouts', '.13-tokyo.pdf.999999999.tmp'), 'half');
    writeFileSync(join(out, 'handouts', 'mine.txt'), 'not ours');
    s.edit('jurisdictions.yaml', (t) => t.slice(0, t.indexOf('  - code: "27"')));
    const r = await build({ planDir: s.plan, outDir: out, workers: 1 }, context);
    expect(reportProblems(r)).toEqual([]);
    expect(r.removed.map((f) => f.slice(out.length + 1)).sort()).toEqual(['handouts/.13-tokyo.pdf.999999999.tmp', 'handouts/27-osaka.docx', 'handouts/27-osaka.html', 'handouts/27-osaka.pdf']);
    expect(readdirSync(join(out, 'handouts')).sort()).toEqual(['13-tokyo.docx', '13-tokyo.html', '13-tokyo.pdf', 'mine.txt']);
  });

  it('a build narrowed to some documents removes nothing', async () => {
    const s = planSet();
    const out = tempDir();
    await build({ planDir: s.plan, outDir: out, workers: 1 }, context);
    const r = await build({ planDir: s.plan, outDir: out, jurisdictions: ['13'], workers: 1 }, context);
    expect(r.removed).toEqual([]);
    expect(existsSync(join(out, 'summary.pdf'))).toBe(true);
  });
});

describe('smaller mistakes, said plainly', () => {
  const plan = (text: string | Buffer) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), text);
    return checkPlan(dir).problems;
  };
  const minimal = () => readFileSync(join(import.meta.dirname, 'fixtures', 'plans', 'minimal', 'plan.yaml'), 'utf8');

  it('a UTF-16 file is named as UTF-16, with how to save it as UTF-8', () => {
    const [p] = plan(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(minimal(), 'utf16le')]));
    expect(p.code).toBe('file/utf16');
    expect(p.hint).toContain('UTF-8');
  });

  it('a full-width space or colon used as YAML syntax is named', () => {
    expect(plan(minimal().replace('  heading: 位置づけ', '\u3000heading: 位置づけ')).map((p) => `${p.place?.line}:${p.place?.column} ${p.code}`)).toEqual(['8:1 yaml/fullwidth-space']);
    const [colon] = plan(minimal().replace('title: 試験計画の概要', 'title：試験計画の概要'));
    expect(colon).toMatchObject({ code: 'yaml/fullwidth-colon', place: { line: 6, column: 6 } });
    expect(colon.message).toContain('U+FF1A');
  });

  it('!!binary and !!timestamp values are described as what they are', () => {
    const [binary] = plan(minimal().replace('title: 試験計画の概要', 'title: !!binary aGVsbG8='));
    const [stamp] = plan(minimal().replace('published: 2024-04-01', 'published: !!timestamp 2024-04-01'));
    expect(binary.found ?? binary.message).toMatch(/バイナリ|binary/);
    expect(stamp.found ?? stamp.message).toMatch(/日時|timestamp/);
  });

  it('a date of the right form that does not exist is said so', () => {
    const [p] = plan(minimal().replace('published: 2024-04-01', 'published: 2023-02-30'));
    expect(p).toMatchObject({ code: 'plan/no-such-day', message: '2023年2月30日という日はありません。' });
  });

  it('text in NFD is read as NFC (searchable in the PDF), and lint says where', async () => {
    const s = planSet();
    const nfd = 'が'.normalize('NFD');
    s.edit('plan/plan.yaml', (t) => t.replace('- 方針の一文。', `- 方針${nfd}一文。`));
    const out = tempDir();
    expect(reportProblems(await build({ planDir: s.plan, outDir: out, only: 'summary', workers: 1 }, context))).toEqual([]);
    expect((await pdfText(readFileSync(join(out, 'summary.pdf')))).text).toContain('方針が一文。');
    // lint in this process, printed as the command prints it (lint.test.ts runs the command on a plan folder).
    const lint = (await lintPath(s.plan)).problems.map((p) => formatProblem(p, process.cwd())).join('\n');
    expect(lint).toMatch(/plan\.yaml:\d+:\d+: warning: .+ \[lint\/nfd\]$/m);
  });

  it('a missing PLAN_DIR is a usage error (exit 2)', () => {
    const r = shien(['validate', join(tempDir(), 'no-such-plan')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('plan/no-directory');
  });

  it('SOURCE_DATE_EPOCH outside the zip range: a warning, and zip dates kept within 1980–2107', async () => {
    const s = planSet();
    const out = tempDir();
    // Word's file alone: the zip dates are the point.
    const r = shien(['build', s.plan, '--only', 'summary', '--format', 'docx', '--out', out], { env: { SOURCE_DATE_EPOCH: '0' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(problemLine('warning', 'env/source-date-epoch-range'));
    const zip = await JSZip.loadAsync(readFileSync(join(out, 'summary.docx')));
    for (const f of Object.values(zip.files)) expect(f.date.getUTCFullYear()).toBe(1980);
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain('1970-01-01T00:00:00Z');
  });

  it('a flood of warnings is counted, not listed', () => {
    const dir = tempDir();
    const line = (i: number) => `  - 日本語 と 英語 の 間 ${i}`;
    writeFileSync(join(dir, 'many.yaml'), `items:\n${Array.from({ length: 400 }, (_, i) => line(i)).join('\n')}\n`);
    const r = shien(['lint', join(dir, 'many.yaml')]);
    expect(r.stderr.match(/: warning: .+ \[lint\/ascii-space\]$/gm)!.length).toBe(200);
    expect(r.stderr).toMatch(/ほか \d+ 件は省略しました/);
    expect(r.stderr).toMatch(/警告 \d{4} 件/);
  });
});

