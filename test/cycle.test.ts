import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { META, SHEET } from '../src/survey/layout.js';
import { tempDir } from './helpers.js';

// The yearly cycle as the staff play it, through the command they run (the compiled bin), on a copy
// of the plans: next year's plan from this year's, workbooks out, who has answered, one answer in
// (a workbook saved by LibreOffice), the release check, and the 新旧対照表. One spawn per step.

const CLI = join(import.meta.dirname, '..', 'bin', 'shien.mjs');
/** 2024-05-10 in Japan: the day the answer is recorded as imported. */
const EPOCH = String(Date.parse('2024-05-10T03:00:00Z') / 1000);

let work: string;
const shien = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, NO_COLOR: '1' } });
const read = (path: string) => readFileSync(join(work, path), 'utf8');
const statusOf = () => {
  const r = shien('survey', 'status', '--diagnostics', 'json');
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { plan: string; counts: Record<string, number>; jurisdictions: { code: string; state: string; answered?: string; carriedOver?: number }[] };
};

const ADVICE = '経営の診断又は経営若しくは技術に関する助言を行う事業';

beforeAll(() => {
  work = tempDir('shien-cycle-');
  cpSync(join(import.meta.dirname, '..', 'plans'), join(work, 'plans'), { recursive: true });
});

describe('the yearly cycle, 令和５年度 → 令和６年度', () => {
  it('init-year makes plans/r6 from the newest plan: 2024, draft, dates left to fill, data marked as last year’s; and refuses to make it twice', () => {
    const r = shien('init-year');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^作成: plans\/r6（令和６年度、案）— plans\/r5（令和５年度）から/);
    // What to do next, in order.
    const steps = [...r.stdout.matchAll(/^ {2}\d\. (npx [^　]+)　/gm)].map((m) => m[1]);
    expect(steps).toEqual([
      'npx shien survey export', 'npx shien survey status', 'npx shien survey import 返送/', 'npx shien validate --release', 'npx shien diff plans/r5 plans/r6', 'npx shien build',
    ]);
    const plan = read('plans/r6/plan.yaml');
    expect(plan).toMatch(/^fiscalYear: 2024$/m);
    expect(plan).toMatch(/^status: draft /m);
    expect(plan).toMatch(/^# published: 2024-03-31 /m);
    expect(plan).not.toMatch(/^published:/m);
    // Comments and wording otherwise as they were.
    expect(plan).toContain('# 令和６年度中小企業支援計画の概要：正準データ');
    expect(plan).toContain('令和５年度計画において');
    const tokyo = read('plans/r6/jurisdictions/13-tokyo.yaml');
    expect(tokyo).toMatch(/^sample: true .*\ncarriedOver: 2023 +# 令和５年度のデータのまま/m);
    expect(tokyo.replace(/^carriedOver:.*\n/m, '')).toBe(read('plans/r5/jurisdictions/13-tokyo.yaml'));

    // Last year's wording is a writing mistake lint finds in a draft too: --strict does not say 「問題はありません」.
    const lint = shien('lint', '--strict');
    expect(lint.status).toBe(1);
    expect(lint.stderr).toMatch(/^plans\/r6\/plan\.yaml:\d+:\d+: warning: 「令和５年度計画」とありますが、この計画は令和６年度です。 \[release\/era-year\]$/m);

    const again = shien('init-year', '2024');
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/^plans\/r6\/plan\.yaml: error: 令和６年度の計画はもうあります: plans\/r6。上書きはしません。 \[usage\/exists\]$/m);
  });

  it('survey export works on the new plan by default and says so; status shows all 67 未回答', () => {
    const r = shien('survey', 'export', '--jurisdiction', '13', '--jurisdiction', '札幌市');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('計画: plans/r6（令和６年度）');
    expect(r.stdout).toContain('作成: output/r6/survey/13-tokyo.xlsx');
    const s = statusOf();
    expect(s.plan).toBe('plans/r6');
    expect(s.counts).toEqual({ answered: 0, unanswered: 67, sample: 0, invalid: 0 });
    expect(s.jurisdictions.find((j) => j.code === '13')).toMatchObject({ state: 'unanswered', carriedOver: 2023 });
  });

  it('imports Tokyo’s answer saved through LibreOffice: recorded with its date, no longer carried over; status shows 1 回答済み', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(work, 'output/r6/survey/13-tokyo.xlsx'));
    const c = wb.getWorksheet(SHEET.contacts)!;
    c.getCell('D5').value = '東京都中小企業振興公社';
    c.getCell('E5').value = '東京都千代田区神田佐久間町一丁目９番';
    c.getCell('G5').value = 'https://www.tokyo-kosha.or.jp/';
    c.getCell('D6').value = '東京都よろず支援拠点';
    c.getCell('E6').value = '東京都千代田区神田佐久間町一丁目９番';
    c.getCell('G6').value = 'https://yorozu.tokyo-kosha.or.jp/';
    const p = wb.getWorksheet(SHEET.programmes)!;
    p.getCell('D5').value = '経営相談事業';
    p.getCell('D6').value = '専門家派遣事業';
    p.getCell('D7').value = '技術支援事業';
    p.getCell('D8').value = '経営者研修事業';
    // Item (5) of the handout had no programme: now it has one.
    p.getCell('C9').value = ADVICE;
    p.getCell('D9').value = '小規模事業者支援推進事業';
    const filled = join(work, 'filled');
    mkdirSync(filled);
    await wb.xlsx.writeFile(join(filled, '13-tokyo.xlsx'));
    const returned = join(work, '返送');
    execFileSync('soffice', [`-env:UserInstallation=file://${work}/lo-profile`, '--headless', '--convert-to', 'xlsx', '--outdir', returned, join(filled, '13-tokyo.xlsx')], { stdio: 'ignore', timeout: 120_000 });

    const r = shien('survey', 'import', '返送/');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('取り込み: 返送/13-tokyo.xlsx → plans/r6/jurisdictions/13-tokyo.yaml');
    const tokyo = read('plans/r6/jurisdictions/13-tokyo.yaml');
    expect(tokyo).toMatch(/^sample: false .*\nanswered: 2024-05-10\ncenter:/m);
    expect(tokyo).not.toContain('carriedOver');
    const s = statusOf();
    expect(s.counts).toEqual({ answered: 1, unanswered: 66, sample: 0, invalid: 0 });

    // A workbook of another year: the plan of its year named when there is one, init-year when there is not.
    const intoR5 = shien('survey', 'import', 'output/r6/survey/13-tokyo.xlsx', 'plans/r5');
    expect(intoR5.status).toBe(1);
    expect(intoR5.stderr).toMatch(/\[survey\/wrong-year\]\n(.*\n)*  ヒント: 令和６年度の計画に取り込むなら、そのフォルダを最後に書いてください: npx shien survey import output\/r6\/survey\/13-tokyo\.xlsx plans\/r6$/m);
    const meta = wb.getWorksheet(META.sheet)!.getCell(META.cell);
    meta.value = String(meta.value).replace('"fiscalYear":2024', '"fiscalYear":2026');
    mkdirSync(join(work, 'later'));
    await wb.xlsx.writeFile(join(work, 'later', '13-tokyo.xlsx'));
    const later = shien('survey', 'import', 'later/13-tokyo.xlsx');
    expect(later.status).toBe(1);
    expect(later.stderr).toContain('令和８年度の計画はまだありません。npx shien init-year 2026 で作ってから取り込んでください。');
    expect(s.jurisdictions.find((j) => j.code === '13')).toEqual({ code: '13', name: '東京都', state: 'answered', file: 'plans/r6/jurisdictions/13-tokyo.yaml', answered: '2024-05-10' });
  });

  it('validate --release: a final plan still holding 見本 data fails naming the file; without it, it passes (warnings only)', () => {
    const planFile = join(work, 'plans/r6/plan.yaml');
    writeFileSync(planFile, read('plans/r6/plan.yaml').replace(/^status: draft/m, 'status: final').replace(/^# published: .*$/m, 'published: 2024-03-29'));
    const failing = shien('validate', '--release');
    expect(failing.status).toBe(1);
    expect(failing.stdout.split('\n')[0]).toBe('計画: plans/r6（令和６年度）');
    expect(failing.stderr).toMatch(/^plans\/r6\/jurisdictions\/011002-sapporo\.yaml:6:9: error: .*見本.* \[release\/sample\]$/m);
    // Last year's wording is pointed at, as a warning.
    expect(failing.stderr).toMatch(/^plans\/r6\/plan\.yaml:\d+:\d+: warning: 「令和５年度計画」とありますが、この計画は令和６年度です。 \[release\/era-year\]$/m);

    rmSync(join(work, 'plans/r6/jurisdictions/011002-sapporo.yaml'));
    const passing = shien('validate', '--release');
    expect(passing.status, passing.stderr).toBe(0);
    expect(passing.stderr).toMatch(/warning: データのない都道府県等が 66 あります.*: 北海道、/);
    // That --strict fails on these warnings is shown on a plan of one page (below): here it would lay
    // out the 68 documents a third time for one exit code.
  });

  it('diff r5 → r6: Tokyo’s item (5) is one changed row, both wordings underlined, the counts at the top; the terminal has one line per document', () => {
    const r = shien('diff', 'plans/r5', 'plans/r6', '--format', 'pdf,html');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('新旧対照表: plans/r5 → plans/r6');
    // One line per changed document (the year is in every title: the summary, 67 handouts, the open data), then the totals and the folder.
    const documents = lines.slice(1, -2);
    expect(documents.every((l) => /^ {2}\S+ +改正 \d+ 件、新設 \d+ 件、削除 \d+ 件$/.test(l))).toBe(true);
    expect(documents.filter((l) => l.startsWith('  handouts/'))).toHaveLength(67);
    const tokyoLine = lines.find((l) => l.startsWith('  handouts/13-tokyo '))!;
    expect(tokyoLine).toMatch(/ 改正 \d+ 件、新設 0 件、削除 0 件$/);
    expect(lines.at(-2)).toMatch(new RegExp(`^${documents.length}文書に変更: 改正 \\d+ 件、新設 \\d+ 件、削除 \\d+ 件$`));
    expect(lines.at(-1)).toBe(`出力先: output/r6/comparison（${documents.length * 2}ファイル）`);

    // The HTML keeps a paragraph's last characters together in a span (no short last lines): read it without them.
    const html = read('output/r6/comparison/comparison-13-tokyo.html').replace(/<\/?span[^>]*>/g, '');
    const heading = '３．東京都の中小企業支援事業　（5）経営の診断又は経営若しくは技術に関する助言を行う事業';
    // One row: the heading once on each side, the new wording left and the old right, each marked as changed (underlined).
    expect(html.split(heading)).toHaveLength(3);
    expect(html).not.toMatch(/（新設）|（削る）/);
    const row = html.slice(html.indexOf(heading));
    expect(row.indexOf('<mark>小規模事業者支援推進事業</mark>')).toBeGreaterThan(0);
    expect(row.indexOf('<mark>該当する事業はありません</mark>')).toBeGreaterThan(row.indexOf('<mark>小規模事業者支援推進事業</mark>'));
    const pdf = execFileSync('pdftotext', ['-layout', join(work, 'output/r6/comparison/comparison-13-tokyo.pdf'), '-'], { encoding: 'utf8' });
    const counts = tokyoLine.trim().split(/\s+/).slice(1).join(' ').replace(/\d+/g, (d) => String.fromCharCode(...[...d].map((c) => c.charCodeAt(0) + 0xfee0)));
    expect(pdf.split('\n').slice(0, 3).map((l) => l.replace(/\s/g, ''))).toContain(counts.replace(/\s/g, ''));
  });
});

describe('validate --release --strict', () => {
  it('fails on the release check’s warnings alone, which pass without it', () => {
    // The smallest plan, final, with last year's wording: a warning of the release check, no error.
    const dir = tempDir('shien-strict-');
    cpSync(join(import.meta.dirname, 'fixtures', 'plans', 'minimal'), join(dir, 'plans', 'r6'), { recursive: true });
    const planFile = join(dir, 'plans', 'r6', 'plan.yaml');
    writeFileSync(planFile, readFileSync(planFile, 'utf8').replace('- 位置づけの一文。', '- 令和５年度計画において位置づけの一文。'));
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    const passing = run('validate', '--release');
    expect(passing.status, passing.stderr).toBe(0);
    expect(passing.stderr).toMatch(/^plans\/r6\/plan\.yaml:\d+:\d+: warning: 「令和５年度計画」とありますが、この計画は令和６年度です。 \[release\/era-year\]$/m);
    expect(passing.stderr).not.toMatch(/: error: /);
    const strict = run('validate', '--release', '--strict');
    expect(strict.status).toBe(1);
    expect(strict.stderr).toBe(passing.stderr);
  });
});

describe('the default plan is the newest', () => {
  it('a plans/r7 added is what every command works on', () => {
    const dir = tempDir('shien-r7-');
    cpSync(join(import.meta.dirname, '..', 'plans'), join(dir, 'plans'), { recursive: true });
    cpSync(join(dir, 'plans/r5'), join(dir, 'plans/r7'), { recursive: true });
    writeFileSync(join(dir, 'plans/r7/plan.yaml'), readFileSync(join(dir, 'plans/r7/plan.yaml'), 'utf8').replace(/^fiscalYear: 2023/m, 'fiscalYear: 2025'));
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: dir });
    // A command that checks the plan without laying its documents out (validate does): the plan it names is the point.
    const r = run('survey', 'status');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('計画: plans/r7（令和７年度）');
    // Every command that takes a plan shows the same default in its help.
    const help = run('build', '--help').stdout;
    expect(help).toMatch(/PLAN_DIR +計画のフォルダ.*既定: plans\/r7/s);
    expect(run('survey', 'import', '--help').stdout).toContain('plans/r7');
    expect(existsSync(join(dir, 'output'))).toBe(false);
  });
});

describe('the README’s 「毎年の作業」', () => {
  it('runs as written, line by line, on a copy of the plans', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## 毎年の作業'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1];
    const lines = block.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);
    expect(lines[0]).toBe('npx shien init-year');
    const dir = tempDir('shien-readme-cycle-');
    cpSync(join(import.meta.dirname, '..', 'plans'), join(dir, 'plans'), { recursive: true });
    // The lines are what is tested, not the size of the set (the cycle above runs on all 67): three
    // 都道府県等 — Tokyo and Sapporo, whose files the plan has, and Hokkaido, which has none — keep each
    // whole build and comparison a few documents long.
    const registry = join(dir, 'plans', 'jurisdictions.yaml');
    const listed = parseDocument(readFileSync(registry, 'utf8'));
    const kept = new Set(['01', '13', '011002']);
    const items = (listed.get('jurisdictions') as YAMLSeq<YAMLMap>).items;
    items.splice(0, items.length, ...items.filter((j) => kept.has(String(j.get('code')))));
    writeFileSync(registry, listed.toString());
    for (const line of lines) {
      expect(line).toMatch(/^npx shien /);
      // The words of each line as the shell splits them: none of these lines quotes anything.
      const r = spawnSync(process.execPath, [CLI, ...line.split(/\s+/).slice(2)], { encoding: 'utf8', cwd: dir, env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH } });
      if (line === 'npx shien validate --release') {
        // As the README says: the one error is the publication date not yet written.
        expect(r.status, r.stderr).toBe(1);
        expect(r.stderr.match(/ error: .*\[[\w/-]+\]$/gm)).toEqual([' error: 公表日（published）が書かれていません。 [release/no-published]']);
      } else expect(r.status, `${line}\n${r.stderr}`).toBe(0);
    }
    expect(existsSync(join(dir, 'output/r6/comparison/comparison.pdf'))).toBe(true);
    expect(existsSync(join(dir, 'output/r6/summary.pdf'))).toBe(true);
  });
});
