import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exitCodeOf } from '../src/core/problem.js';
import { changesOf, compareDocuments, diffChars, formatChanges, formatComparison, type Row, type Segment } from '../src/diff/index.js';
import { diffPlans } from '../src/pipeline/compare.js';
import { context, docxPart, documentOf, pdfText, problemLine, tempDir } from './helpers.js';

// 新旧対照表: fixture plans that each differ from `base` (a copy of plans/r5) in one place, with the
// rows and terminal text their summaries must give; then the PDF and Word files, handouts, git
// revisions and the CLI. What is compared is the document the templates make, not the data.

const FIXTURES = join(import.meta.dirname, 'fixtures', 'diff');
const ROOT = join(import.meta.dirname, '..');
const summary = (name: string) => documentOf(join(FIXTURES, name));
const compare = (name: string): Row[] => compareDocuments(summary('base'), summary(name));
const text = (name: string, rows: Row[]) => formatChanges(rows, { oldLabel: 'base', newLabel: name });
const OMITTED = { kind: 'omitted' } as const;
const same = (text: string): Segment => ({ text, changed: false });
const changed = (text: string): Segment => ({ text, changed: true });

const POLICY_2_HEAD = '国、都道府県等及び中小機構は、自らが中小企業支援施策の実施機関としての役割を果たすとともに、支援人材の育成や支援機関に対する支援を通じて、支援機関の能力向上等に取り組み、支援機関同士で役割分担を行い、';
const POLICY_2_TAIL = 'することにより、中小企業支援に関する取組を実施する。その際、「経営力再構築伴走支援モデル」を自ら又は中小企業支援機関が実施するための環境を整備することに留意する。';

describe('changed characters (傍線)', () => {
  it('underline only what was inserted or deleted, on each side', () => {
    expect(diffChars('令和５年度', '令和６年度')).toEqual({
      before: [same('令和'), changed('５'), same('年度')],
      after: [same('令和'), changed('６'), same('年度')],
    });
    expect(diffChars('連携をすること', '緊密に連携すること')).toEqual({
      before: [same('連携'), changed('を'), same('すること')],
      after: [changed('緊密に'), same('連携すること')],
    });
    // A pure insertion leaves the old side without any underline.
    expect(diffChars('はじめ、全国的な体制', 'はじめとして、全国的かつ効果的な体制')).toEqual({
      before: [same('はじめ、全国的な体制')],
      after: [same('はじめ'), changed('として'), same('、全国的'), changed('かつ効果的'), same('な体制')],
    });
  });

  it('underline a rewritten phrase as one, not around shared characters such as の', () => {
    const d = diffChars('各支援機関との連携を通じ、中小企業の課題解決支援に努める。', '地域の金融機関との連携を強化し、事業者の資金繰り支援に努める。');
    expect(d.after).toEqual([
      changed('地域の金融'), same('機関との連携を'), changed('強化し、事業者の資金繰り'), same('支援に努める。'),
    ]);
  });

  it('count characters outside the BMP as one', () => {
    expect(diffChars('𠮷野家', '𠮷野屋').after).toEqual([same('𠮷野'), changed('屋')]);
  });
});

describe('the changes between two versions of a document', () => {
  it('an edited sentence: one row between two （略）, the changed words underlined on both sides', () => {
    const rows = compare('edited-sentence');
    expect(rows).toEqual([OMITTED, {
      kind: 'modified',
      place: '１．支援に関する基本方針',
      style: 'bullet',
      before: [same(`${POLICY_2_HEAD}連携`), changed('を'), same(POLICY_2_TAIL)],
      after: [same(POLICY_2_HEAD), changed('緊密に'), same(`連携${POLICY_2_TAIL}`)],
    }, OMITTED]);
    expect(text('edited-sentence', rows)).toBe([
      '新旧対照表: base → edited-sentence（1件の変更）',
      '',
      '１．支援に関する基本方針',
      `  - ${POLICY_2_HEAD}連携〔を〕${POLICY_2_TAIL}`,
      `  + ${POLICY_2_HEAD}〔緊密に〕連携${POLICY_2_TAIL}`,
    ].join('\n'));
  });

  it('an added programme: its line, named by the headings above it in the document', () => {
    const rows = compare('added-programme');
    expect(changesOf(rows)).toEqual([{
      kind: 'modified',
      place: '２．中小企業支援事業　《都道府県等の事業》　（3）中小企業の経営方法又は技術に関して研修を行う事業',
      style: 'text',
      before: [same('（中小企業の人材確保支援事業）')],
      after: [same('（中小企業の人材確保支援事業'), changed('、中小企業のデジタル人材育成事業'), same('）')],
    }]);
    expect(text('added-programme', rows)).toBe([
      '新旧対照表: base → added-programme（1件の変更）',
      '',
      '２．中小企業支援事業　《都道府県等の事業》　（3）中小企業の経営方法又は技術に関して研修を行う事業',
      '  - （中小企業の人材確保支援事業）',
      '  + （中小企業の人材確保支援事業〔、中小企業のデジタル人材育成事業〕）',
    ].join('\n'));
  });

  it('a removed bullet: （削る）, the old text underlined whole', () => {
    const rows = compare('removed-bullet');
    expect(changesOf(rows)).toEqual([{
      kind: 'removed',
      place: '２．中小企業支援事業　《国の事業》',
      style: 'bullet',
      before: [changed('認定経営革新等、支援機関の経営支援機能の向上を図る。')],
      after: null,
    }]);
    expect(text('removed-bullet', rows)).toBe([
      '新旧対照表: base → removed-bullet（1件の変更）',
      '',
      '２．中小企業支援事業　《国の事業》（削る）',
      '  - 認定経営革新等、支援機関の経営支援機能の向上を図る。',
    ].join('\n'));
  });

  it('an added bullet: （新設）, the new text underlined whole', () => {
    const rows = compare('added-bullet');
    expect(changesOf(rows)).toEqual([{
      kind: 'added',
      place: '２．中小企業支援事業　《独立行政法人中小企業基盤整備機構の事業》',
      style: 'bullet',
      before: null,
      after: [changed('地域の支援機関と共に、事業者の海外展開を支援する。')],
    }]);
    // The last passages of the document are unchanged: one （略） after the change.
    expect(rows[rows.length - 1]).toEqual(OMITTED);
  });

  it('a changed fiscal year: every printed era year (title, budget heading), in the document’s own wording', () => {
    const rows = compare('fiscal-year');
    expect(changesOf(rows)).toEqual([
      {
        kind: 'modified', place: '', style: 'heading',
        before: [same('令和'), changed('５'), same('年度中小企業支援計画の概要（案）')],
        after: [same('令和'), changed('６'), same('年度中小企業支援計画の概要（案）')],
      },
      {
        kind: 'modified', place: '２．中小企業支援事業　《国の事業》', style: 'heading',
        before: [same('【令和'), changed('５'), same('年度予算等に基づく中小企業支援事業】')],
        after: [same('【令和'), changed('６'), same('年度予算等に基づく中小企業支援事業】')],
      },
    ]);
    // The title is the first passage: nothing before it to shorten.
    expect(rows[0]).toMatchObject({ kind: 'modified', place: '' });
    expect(text('fiscal-year', rows)).toBe([
      '新旧対照表: base → fiscal-year（2件の変更）',
      '',
      '  - 令和〔５〕年度中小企業支援計画の概要（案）',
      '  + 令和〔６〕年度中小企業支援計画の概要（案）',
      '',
      '２．中小企業支援事業　《国の事業》',
      '  - 【令和〔５〕年度予算等に基づく中小企業支援事業】',
      '  + 【令和〔６〕年度予算等に基づく中小企業支援事業】',
    ].join('\n'));
  });

  it('identical documents: no rows, and say so', () => {
    expect(compareDocuments(summary('base'), summary('base'))).toEqual([]);
    expect(text('base', [])).toBe('変更はありません（base と base は同じ内容です）。');
  });

  it('on a terminal, changed stretches are underlined with ANSI instead of 〔〕', () => {
    const t = formatChanges(compare('fiscal-year'), { oldLabel: 'a', newLabel: 'b', ansi: true });
    expect(t).toContain('令和\x1b[4m６\x1b[24m年度');
    expect(t).not.toContain('〔');
  });

  it('documents with the same changes are listed once, under all their names', () => {
    const rows = compare('edited-sentence');
    const t = formatComparison(
      [{ name: 'summary', rows: compare('fiscal-year') }, ...['handouts/01-a', 'handouts/02-b', 'handouts/03-c', 'handouts/04-d'].map((name) => ({ name, rows }))],
      { oldLabel: 'a', newLabel: 'b' },
    );
    expect(t.split('\n')[0]).toBe('新旧対照表: a → b（5文書、6件の変更）');
    expect(t).toContain('■ handouts/01-a、handouts/02-b、handouts/03-c ほか 1 文書');
    expect(t.match(/〔緊密に〕/g)).toHaveLength(1);
  });
});

/** The tables of every edit, made once in this process (the command makes them again below, to the byte). */
let allEdits: Promise<{ dir: string; r: Awaited<ReturnType<typeof diffPlans>> }> | undefined;
const allEditsMade = () =>
  (allEdits ??= (async () => {
    const dir = tempDir();
    return { dir, r: await diffPlans({ old: join(FIXTURES, 'base'), new: join(FIXTURES, 'all-edits'), outDir: dir, defaultDir: 'plans/r5', cwd: process.cwd() }, context) };
  })());

describe('the 新旧対照表 as PDF and Word (and HTML, test/html.test.ts)', () => {
  let pdf: Buffer;
  let docx: Buffer;
  let dir: string;

  beforeAll(async () => {
    const made = await allEditsMade();
    dir = made.dir;
    const r = made.r;
    expect(r.problems).toEqual([]);
    // The summary's table first; the open data's records changed with it have theirs (comparison-programmes).
    expect(r.files.slice(0, 3)).toEqual([join(dir, 'comparison.pdf'), join(dir, 'comparison.docx'), join(dir, 'comparison.html')]);
    expect(r.files.slice(3).every((f) => /comparison-(programmes|contacts)\.(pdf|docx|html)$/.test(f))).toBe(true);
    pdf = readFileSync(join(dir, 'comparison.pdf'));
    docx = readFileSync(join(dir, 'comparison.docx'));
  });

  it('opens in pdf.js as A4 portrait, 改正後 left of 改正前, with the title, the note and every row', async () => {
    const { pages, size, text } = await pdfText(pdf);
    expect(pages).toBe(1);
    expect(size).toEqual([595, 842]);
    const lines = text.split('\n');
    expect(lines[0].replace(/\s/g, '')).toBe('令和６年度中小企業支援計画の概要（案）新旧対照表');
    expect(text).toContain('（傍線部分は改正部分）');
    // The counts come first, before the table.
    expect(lines[1].replace(/\s/g, '')).toBe('改正４件、新設１件、削除１件');
    expect(lines.some((l) => /改正後.*改正前/.test(l))).toBe(true);
    expect(text.indexOf('（傍線部分は改正部分）')).toBeLessThan(text.indexOf('改正後'));
    const flat = text.replace(/\s/g, '');
    // Each row: the new side, then the old; （削る） and （新設） on the side that has nothing.
    expect(flat).toContain('令和６年度中小企業支援計画の概要（案）令和５年度中小企業支援計画の概要（案）');
    expect(flat).toContain('（中小企業の人材確保支援事業、中小企業のデジタル人材育成事業）２．');
    expect(flat).toMatch(/２．中小企業支援事業《国の事業》（削る）２．中小企業支援事業《国の事業》[•●]?認定経営革新等、/);
    expect(flat).toMatch(/事業者の海外展開を支援する。２．中小企業支援事業《独立行政法人中小企業基盤整備機構の事業》（新設）/);
    expect(flat).toContain('（略）（略）');
  });

  it('underlines the changed characters in Word (<w:u>), and only those', async () => {
    const xml = await docxPart(docx);
    const underlined = [...xml.matchAll(/<w:r>\n(?:(?!<\/w:r>)[\s\S])*?<w:u w:val="single"\/>(?:(?!<\/w:r>)[\s\S])*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(underlined).toEqual([
      '６', '５', // title
      '緊密に', 'を',
      '認定経営革新等、支援機関の経営支援機能の向上を図る。',
      '６', '５', // budget heading
      '、中小企業のデジタル人材育成事業',
      '地域の支援機関と共に、事業者の海外展開を支援する。',
    ]);
    expect(xml).toContain('（傍線部分は改正部分）');
    expect(xml).toMatch(/<w:tblHeader\/>/);
  });

  it('puts the columns in the order the theme asks for', async () => {
    const { renderBoth } = await import('./helpers.js');
    const { makeDocument } = await import('../src/check/plan-set.js');
    const { KINDS } = await import('../src/documents/index.js');
    const [instance] = KINDS.comparison.instances({
      documents: [{ stem: 'summary', source: 'x', inputs: [], before: summary('base'), after: summary('edited-sentence'), rows: compare('edited-sentence') }],
      order: ['before', 'after'],
    });
    const made = makeDocument('comparison', instance.context!, context());
    const { pdf } = await renderBoth(made.doc!);
    const flat = (await pdfText(pdf)).text.replace(/\s/g, '');
    expect(flat).toMatch(/改正前改正後/);
    expect(flat.indexOf('連携を')).toBeLessThan(flat.indexOf('緊密に連携'));
  });
});

describe('a handout’s 新旧対照表', () => {
  it('is written when only its jurisdiction file differs, with the edit underlined, and nothing else', async () => {
    const [before, after] = [tempDir(), tempDir()];
    cpSync('plans', before, { recursive: true });
    cpSync('plans', after, { recursive: true });
    const tokyo = join(after, 'r5', 'jurisdictions', '13-tokyo.yaml');
    writeFileSync(tokyo, readFileSync(tokyo, 'utf8').replace('見本技術支援事業', '見本技術開発支援事業'));
    const out = tempDir();
    const r = await diffPlans({ old: join(before, 'r5'), new: join(after, 'r5'), outDir: out, defaultDir: 'plans/r5', cwd: process.cwd() }, context);
    expect(r.problems).toEqual([]);
    // The handout, and the open data: the programme is one changed row of data/programmes.
    expect(r.compared!.map((d) => d.stem)).toEqual(['handouts/13-tokyo', 'data/programmes']);
    expect(r.files).toEqual(['13-tokyo', 'programmes'].flatMap((s) => ['pdf', 'docx', 'html'].map((f) => join(out, `comparison-${s}.${f}`))));
    expect(changesOf(r.compared![1].rows)).toEqual([{
      kind: 'modified',
      place: '',
      style: 'text',
      before: [same('2023　130001　東京都　都道府県等　2　技術に関する助言又は必要な試験研究を行う事業　見本技術支援事業　なし')],
      after: [same('2023　130001　東京都　都道府県等　2　技術に関する助言又は必要な試験研究を行う事業　見本技術'), changed('開発'), same('支援事業　なし')],
    }]);
    expect(changesOf(r.compared![0].rows)).toEqual([{
      kind: 'modified',
      place: '３．東京都の中小企業支援事業　（2）技術に関する助言又は必要な試験研究を行う事業',
      style: 'text',
      before: [same('（見本技術支援事業）')],
      after: [same('（見本技術'), changed('開発'), same('支援事業）')],
    }]);
    const xml = await docxPart(readFileSync(join(out, 'comparison-13-tokyo.docx')));
    expect(xml).toMatch(/<w:u w:val="single"\/>(?:(?!<\/w:r>)[\s\S])*?<w:t[^>]*>開発<\/w:t>/);
    const flat = (await pdfText(readFileSync(join(out, 'comparison-13-tokyo.pdf')))).text.replace(/\s/g, '');
    expect(flat).toContain('（東京都版）');
    expect(flat).toContain('（見本技術開発支援事業）３．東京都の中小企業支援事業（2）技術に関する助言又は必要な試験研究を行う事業（見本技術支援事業）');
  });
});

describe('shien diff: folders, git revisions and the command', () => {
  let repo: string;
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
  };
  const put = (name: string) => cpSync(join(FIXTURES, name, 'plan.yaml'), join(repo, 'plans', 'r5', 'plan.yaml'));
  const shien = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'bin', 'shien.mjs'), ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  beforeAll(() => {
    // A repository whose plans/r5 is base at v1, edited-sentence at v2 and broken at v3; on disk, removed-bullet.
    repo = tempDir('shien-diff-repo-');
    mkdirSync(join(repo, 'plans', 'r5'), { recursive: true });
    git('init', '-q');
    for (const [tag, name] of [['v1', 'base'], ['v2', 'edited-sentence'], ['v3', 'invalid']]) {
      put(name);
      git('add', '-A');
      git('commit', '-q', '-m', name);
      git('tag', tag);
    }
    put('removed-bullet');
  });

  it('compares two folders and writes comparison.pdf, .docx and .html', async () => {
    const out = join(tempDir(), 'out');
    const r = await diffPlans({ old: join(FIXTURES, 'base'), new: join(FIXTURES, 'removed-bullet'), outDir: out, defaultDir: 'plans/r5', cwd: process.cwd() }, context);
    expect(exitCodeOf(r.problems)).toBe(0);
    expect(r.compared!.map((d) => d.rows)).toEqual([compare('removed-bullet')]);
    expect(r.files).toEqual([join(out, 'comparison.pdf'), join(out, 'comparison.docx'), join(out, 'comparison.html')]);
    expect(readFileSync(join(out, 'comparison.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('identical plans write nothing', async () => {
    const out = join(tempDir(), 'out');
    const r = await diffPlans({ old: join(FIXTURES, 'base'), new: join(FIXTURES, 'base'), outDir: out, defaultDir: 'plans/r5', cwd: process.cwd() }, context);
    expect(r).toMatchObject({ problems: [], compared: [], files: [] });
    expect(existsSync(out)).toBe(false);
  });

  it('reads a bare revision as the other argument’s folder, and removes its temporary copy', async () => {
    const r = await diffPlans({ old: 'v1', new: 'plans/r5', cwd: repo, defaultDir: 'plans/r5' }, context);
    expect(exitCodeOf(r.problems)).toBe(0);
    expect([r.old?.label, r.new?.label]).toEqual(['v1:plans/r5', 'plans/r5']);
    expect(r.compared!.map((d) => d.rows)).toEqual([compare('removed-bullet')]);
    expect(r.files).toEqual(['output/r5/comparison/comparison.pdf', 'output/r5/comparison/comparison.docx', 'output/r5/comparison/comparison.html']);
    expect(existsSync(join(repo, 'output', 'r5', 'comparison', 'comparison.docx'))).toBe(true);
    expect(existsSync(r.old!.dir)).toBe(false);
  });

  it('reads two bare revisions as the default folder, and REV:DIR as given', async () => {
    const out = tempDir();
    const r = await diffPlans({ old: 'v1', new: 'HEAD~1:plans/r5', cwd: repo, outDir: out, defaultDir: 'plans/r5' }, context);
    expect([r.old?.label, r.new?.label]).toEqual(['v1:plans/r5', 'HEAD~1:plans/r5']);
    expect(r.compared!.map((d) => d.rows)).toEqual([compare('edited-sentence')]);
  });

  it('names an unknown revision or a folder missing from it (usage, exit 2)', async () => {
    const unknown = await diffPlans({ old: 'no-such-tag', new: 'plans/r5', cwd: repo, defaultDir: 'plans/r5' }, context);
    expect(exitCodeOf(unknown.problems)).toBe(2);
    expect(unknown.problems.map((p) => p.code)).toEqual(['usage/unknown-revision']);
    const missing = await diffPlans({ old: 'v1:plans/r9', new: 'plans/r5', cwd: repo, defaultDir: 'plans/r5' }, context);
    expect(exitCodeOf(missing.problems)).toBe(2);
    expect(missing.problems.map((p) => p.code)).toEqual(['usage/not-in-revision']);
  });

  it('names an invalid plan at a revision by REV:path (data, exit 1)', async () => {
    const r = await diffPlans({ old: 'v2', new: 'v3', cwd: repo, defaultDir: 'plans/r5' }, context);
    expect(exitCodeOf(r.problems)).toBe(1);
    expect(r.problems.map((p) => `${p.file}:${p.place?.line} ${p.code}`)).toEqual(['v3:plans/r5/plan.yaml:2 plan/wrong-type']);
  });

  it('a second diff into the same folder leaves only its own tables (the manifest names the earlier ones)', async () => {
    const listed = () => readdirSync(join(repo, 'out-again')).sort();
    // Three documents differ: the summary and both tables of the open data.
    const all = shien('diff', join(FIXTURES, 'base'), join(FIXTURES, 'all-edits'), '--out', 'out-again');
    expect(all.status).toBe(0);
    expect(listed().filter((f) => f.startsWith('comparison-'))).not.toEqual([]);
    // The same bytes when made again, by another process: the tables made in this one.
    const made = await allEditsMade();
    for (const f of ['comparison.pdf', 'comparison.docx']) expect(readFileSync(join(repo, 'out-again', f)).equals(readFileSync(join(made.dir, f))), f).toBe(true);
    // Then only the summary: the open data's tables are gone, and the command says so.
    const one = shien('diff', 'v1', 'v2', '--out', 'out-again');
    expect(one.status).toBe(0);
    expect(listed()).toEqual(['.shien-comparison.json', 'comparison.docx', 'comparison.html', 'comparison.pdf']);
    expect(one.stdout).toMatch(/^出力先: out-again（3ファイル、前回の \d+ファイルを削除）$/m);
    // The same again: nothing is made twice, nothing removed, the tables still listed.
    const same = shien('diff', 'v1', 'v2', '--out', 'out-again', '--verbose');
    expect(same.stdout).toContain('変更なし: out-again/comparison.pdf\n');
    expect(same.stdout).not.toContain('削除');
    // No change at all: no table stays behind to be mistaken for this comparison's.
    const none = shien('diff', 'v1', 'v1', '--out', 'out-again');
    expect(none.status).toBe(0);
    expect(listed()).toEqual(['.shien-comparison.json']);
  });

  it('the command: text on stdout, files, exit codes, no stack trace', () => {
    // In brief: one line per changed document with its counts, the totals, and where the files went.
    const brief = shien('diff', 'v1', 'v2', '--out', 'out-brief');
    expect(brief.status).toBe(0);
    expect(brief.stdout).toBe([
      '新旧対照表: v1:plans/r5 → v2:plans/r5',
      '  summary  改正 1 件、新設 0 件、削除 0 件',
      '1文書に変更: 改正 1 件、新設 0 件、削除 0 件',
      '出力先: out-brief（3ファイル）',
      '',
    ].join('\n'));

    const ok = shien('diff', 'v1', 'v2', '--out', 'out-v2', '--verbose');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe([
      '新旧対照表: v1:plans/r5 → v2:plans/r5（1文書、1件の変更）',
      '',
      '■ summary',
      '１．支援に関する基本方針',
      `  - ${POLICY_2_HEAD}連携〔を〕${POLICY_2_TAIL}`,
      `  + ${POLICY_2_HEAD}〔緊密に〕連携${POLICY_2_TAIL}`,
      '作成: out-v2/comparison.pdf',
      '作成: out-v2/comparison.docx',
      '作成: out-v2/comparison.html',
      '',
    ].join('\n'));

    const none = shien('diff', 'v1', 'v1', '--out', 'out-none');
    expect(none.status).toBe(0);
    expect(none.stdout).toBe('変更はありません（v1:plans/r5 と v1:plans/r5 は同じ内容です）。\n');
    expect(existsSync(join(repo, 'out-none'))).toBe(false);

    const unknown = shien('diff', 'no-such-tag', 'plans/r5');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(': error: 「no-such-tag」は計画のフォルダでも git のリビジョンでもありません。');
    expect(unknown.stderr).toMatch(problemLine('error', 'usage/unknown-revision'));
    expect(unknown.stderr).not.toMatch(/\n\s+at /);

    const invalid = shien('diff', 'v2', 'v3');
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toMatch(/^v3:plans\/r5\/plan\.yaml:2:13: error: .+ \[plan\/wrong-type\]$/m);
    expect(invalid.stderr).not.toMatch(/\n\s+at /);

    const usage = shien('diff', 'v1');
    expect(usage.status).toBe(2);

    const help = shien('diff', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('REV:DIR');
  });
});
