import { copyFileSync, readdirSync, readFileSync, writeFileSync, mkdirSync, cpSync, statSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../src/core/print.js';
import { exitCodeOf } from '../src/core/problem.js';
import { build, reportProblems } from '../src/pipeline/build.js';
import { loadYaml } from '../src/core/yaml.js';
import { didYouMean } from '../src/core/suggest.js';
import { Plan } from '../src/plan/schema.js';
import { writeSchemas } from '../src/check/json-schema.js';
import { buildSummary, checkPlan, context, problemLine, shienIn, tempDir } from './helpers.js';

const INVALID = join(import.meta.dirname, 'fixtures', 'invalid');

/** A fixture as the plan.yaml of a plan folder of its own, checked as `validate` checks it. */
function checkPlanFile(fixture: string) {
  const dir = join(tempDir(), basename(fixture, '.yaml'));
  mkdirSync(dir);
  const file = join(dir, 'plan.yaml');
  copyFileSync(fixture, file);
  const r = checkPlan(dir);
  return { dir, file, problems: r.problems, set: r.set };
}

/** `# Error: 12:3 plan/unknown-key` lines at the top of a fixture: what it must report. */
function expectations(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^# Error: (\d+:\d+ \S+)$/gm)].map((m) => m[1]).sort();
}

describe('each kind of mistake is named by file, line, column and code', () => {
  const files = readdirSync(INVALID).filter((f) => f.endsWith('.yaml')).sort();
  it('has fixtures', () => expect(files.length).toBeGreaterThanOrEqual(15));
  for (const name of files) {
    it(name, () => {
      const file = join(INVALID, name);
      const expected = expectations(file);
      expect(expected.length, 'fixture names what it expects').toBeGreaterThan(0);
      const r = checkPlanFile(file);
      const got = r.problems.map((p) => `${p.place?.line}:${p.place?.column} ${p.code}`).sort();
      expect(got).toEqual(expected);
      expect(r.set).toBeUndefined();
      for (const p of r.problems) {
        expect(p.file).toBe(r.file);
        expect(p.message).toMatch(/[ぁ-んァ-ヶ一-龠]/u); // said in Japanese
        expect(p.code).toMatch(/^[a-z]+\/[a-z-]+$/);
      }
    });
  }
});

describe('messages read well', () => {
  it('suggest the key that was meant, show the line and point at it', () => {
    const r = checkPlanFile(join(INVALID, 'unknown-key.yaml'));
    const text = formatProblem(r.problems.find((p) => p.code === 'plan/unknown-key')!, r.dir);
    expect(text).toBe(
      [
        'plan.yaml:2:1: error: 未定義の項目「fiscalYaer」です。「fiscalYear」の誤りではありませんか。 [plan/unknown-key]',
        '    2 | fiscalYaer: 2024',
        '      | ^^^^^^^^^^',
        '  項目: fiscalYaer ／ 期待: fiscalYear、status、sample、issuer、published、title、positioning、basicPolicy、supportProjects、act、implementers、license、jurisdictions、survey',
      ].join('\n'),
    );
  });

  it('name the character, its code point, the fonts tried and its place for a missing glyph', () => {
    const r = checkPlanFile(join(INVALID, 'rare-char.yaml'));
    expect(r.problems[0].message).toContain('「𰀀」（U+30000）');
    expect(r.problems[0].message).toContain('「BIZ UDPGothic」、「IPAmjMincho」');
    expect(r.problems[0].path).toBe('implementers[0].bullets[0]');
  });

  it('say what was expected and what was found for a wrong type', () => {
    const [p] = checkPlanFile(join(INVALID, 'wrong-type.yaml')).problems;
    expect(p.path).toBe('fiscalYear');
    expect(p.found).toBe('文字列「2024」');
  });

  it('suggest only close matches', () => {
    expect(didYouMean('fiscalYaer', ['fiscalYear', 'status'])).toBe('fiscalYear');
    expect(didYouMean('colour', ['fiscalYear', 'status'])).toBeUndefined();
  });
});

describe('hostile and careless input gets a clear error in bounded time', () => {
  const dir = tempDir();
  const cases: [string, string | Buffer, string][] = [
    ['empty', '', 'plan/empty'],
    ['only comments', '# 何もない\n', 'plan/empty'],
    ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'file/binary'],
    ['Shift_JIS', Buffer.from('title: ', 'latin1').length ? Buffer.concat([Buffer.from('title: '), Buffer.from([0x93, 0xfa, 0x96, 0x7b])]) : '', 'file/encoding'],
    ['a list, not a map', '- a\n- b\n', 'plan/wrong-type'],
    ['deep flow nesting', '['.repeat(50_000) + ']'.repeat(50_000), 'yaml/too-deep'],
    ['deep block nesting', '- '.repeat(200_000) + 'x\n', 'yaml/too-deep'],
    ['alias bomb', ['a: &a [x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]'].join('\n'), 'yaml/alias-limit'],
    ['very large', 'title: ' + 'あ'.repeat(400_000) + '\n', 'file/too-large'],
  ];
  for (const [name, content, code] of cases) {
    it(name, () => {
      const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, content);
      const r = loadYaml(file, Plan);
      expect(r.value).toBeUndefined();
      expect(r.problems.map((p) => p.code)).toContain(code);
      expect(r.problems.length).toBeLessThan(20);
    });
  }

  it('a missing file', () => {
    expect(loadYaml(join(dir, 'nope.yaml'), Plan).problems.map((p) => p.code)).toEqual(['file/missing']);
    expect(checkPlan(join(dir, 'no-such-plan')).problems.map((p) => p.code)).toEqual(['plan/no-directory']);
  });
});

describe('text is text', () => {
  it('markup inside plan data comes out literally in the model, the PDF and the Word file', async () => {
    const dir = tempDir();
    const plan = join(dir, 'plan');
    mkdirSync(plan);
    const hostile = '<b>太字</b> & </list><item>{{title}}</item> &amp; <?tl 1?>';
    const src = readFileSync(join(import.meta.dirname, 'fixtures', 'plans', 'minimal', 'plan.yaml'), 'utf8')
      .replace('    - 方針の一文。', `    - ${JSON.stringify(hostile)}`);
    writeFileSync(join(plan, 'plan.yaml'), src);
    const r = await buildSummary(plan, join(dir, 'out'));
    expect(r.problems).toEqual([]);
    const { pdfText, docxPart, squash } = await import('./helpers.js');
    const pdf = await pdfText(readFileSync(join(dir, 'out', 'summary.pdf')));
    expect(squash(pdf.text)).toContain(squash(hostile));
    const xml = await docxPart(readFileSync(join(dir, 'out', 'summary.docx')));
    expect(xml).toContain('&lt;b&gt;太字&lt;/b&gt; &amp; &lt;/list&gt;&lt;item&gt;{{title}}&lt;/item&gt; &amp;amp; &lt;?tl 1?&gt;');
  });
});

describe('nothing lost', () => {
  it('a failed build leaves the previous outputs byte for byte, and no temporary files', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const good = join(dir, 'good');
    cpSync(join(import.meta.dirname, 'fixtures', 'plans', 'minimal'), good, { recursive: true });
    expect((await buildSummary(good, out)).problems).toEqual([]);
    const before = readdirSync(out).map((f) => [f, readFileSync(join(out, f)), statSync(join(out, f)).mtimeMs] as const);
    writeFileSync(join(good, 'plan.yaml'), readFileSync(join(INVALID, 'unknown-reference.yaml')));
    const r = await buildSummary(good, out);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.files).toEqual([]);
    expect(readdirSync(out).sort()).toEqual(before.map(([f]) => f).sort());
    for (const [f, bytes, mtime] of before) {
      expect(readFileSync(join(out, f)).equals(bytes)).toBe(true);
      expect(statSync(join(out, f)).mtimeMs).toBe(mtime);
    }
    rmSync(dir, { recursive: true });
  });
});

describe('too much text for one page', () => {
  const planWith = (bullets: number, length: number) => {
    const dir = tempDir();
    const sentence = '中小企業の経営力を高めるために支援機関が連携して伴走支援を行う。'.repeat(Math.ceil(length / 32)).slice(0, length);
    const list = Array.from({ length: bullets }, () => `    - ${sentence}`).join('\n');
    const src = readFileSync(join(import.meta.dirname, 'fixtures', 'plans', 'minimal', 'plan.yaml'), 'utf8').replace('    - 方針の一文。', list);
    writeFileSync(join(dir, 'plan.yaml'), src);
    return dir;
  };

  it('shrinks the body to stay on one page, within the theme’s limit', async () => {
    const r = await buildSummary(planWith(9, 300), join(tempDir(), 'out'));
    expect(r.problems).toEqual([]);
    expect(r.pages).toBe(1);
    expect(r.scale).toBeLessThan(1);
    expect(r.scale! * context().theme.sizes.body).toBeGreaterThanOrEqual(context().theme.sizes.minBody - 1e-9);
  });

  it('past the limit, fails naming the section, the field to shorten and by how much, and writes nothing', async () => {
    const out = join(tempDir(), 'out');
    const dir = planWith(12, 500);
    const r = await buildSummary(dir, out);
    expect(r.files).toEqual([]);
    expect(r.problems).toHaveLength(1);
    const [p] = r.problems;
    expect(p.code).toBe('layout/overflow');
    expect(p.message).toMatch(/1 ページに収まりません.*いちばん場所を取っているのは「１．基本方針」の節です/);
    expect(p.document).toMatch(/約 \d+pt、\d+mm はみ出す/);
    // Named at the text that takes the room, in plan.yaml, not at the document.
    expect(p).toMatchObject({ file: join(dir, 'plan.yaml'), path: 'basicPolicy.bullets[0]', place: { line: 14, column: 7 } });
  });

  it('the section that takes the room is named, not the one the page ends in', async () => {
    const dir = planWith(1, 10);
    const file = join(dir, 'plan.yaml');
    const sentence = '中小企業の経営力を高めるために支援機関が連携して伴走支援を行う。'.repeat(16).slice(0, 500);
    writeFileSync(file, readFileSync(file, 'utf8').replace('    - 位置づけの一文。', Array.from({ length: 12 }, () => `    - ${sentence}`).join('\n')));
    const r = await buildSummary(dir, join(tempDir(), 'out'));
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([['layout/overflow', 'positioning.bullets[0]']]);
    expect(r.problems[0].message).toContain('「＜位置づけ＞」の節です');
  });
});

describe('the command line', () => {
  const ROOT = join(import.meta.dirname, '..');
  const MINIMAL = join(import.meta.dirname, 'fixtures', 'plans', 'minimal');
  const shien = (...args: string[]) => shienIn(ROOT, args);

  it('exits 1 for wrong data with no stack trace, 2 for wrong usage, 0 for good data', async () => {
    const dir = tempDir();
    cpSync(join(INVALID, 'unknown-key.yaml'), join(dir, 'plan.yaml'));
    // Independent commands, run at once.
    const [bad, bogus, unknown, good] = await Promise.all([shien('validate', dir), shien('build', '--bogus'), shien('frobnicate'), shien('validate', MINIMAL)]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/plan\.yaml:2:1: error: .+ \[plan\/unknown-key\]$/m);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(bogus.status).toBe(2);
    expect(unknown.status).toBe(2);
    expect(good.status).toBe(0);
  });

  it('exits 2 when the output cannot be written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    // In this process, printed as the command prints it: the command's side of env/write (exit 2, the
    // line printed) is run by test/trust.test.ts ('--out naming a file, …').
    const problems = reportProblems(await build({ planDir: MINIMAL, outDir: join(dir, 'file', 'sub'), workers: 1 }, context));
    expect(exitCodeOf(problems)).toBe(2);
    expect(problems.map((p) => formatProblem(p, ROOT)).join('\n')).toMatch(problemLine('error', 'env/write'));
  });
});

describe('the JSON Schemas that editors read', () => {
  it('are the ones the zod schemas generate (run `npx shien schema` after changing a schema)', () => {
    for (const [name, text] of writeSchemas()) expect(readFileSync(join('schema', name), 'utf8'), name).toBe(text);
  });
});
