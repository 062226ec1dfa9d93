import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exitCodeOf, type Problem } from '../src/core/problem.js';
import { formatProblem } from '../src/core/print.js';
import { build, reportProblems } from '../src/pipeline/build.js';
import type { PlanSet } from '../src/check/plan-set.js';
import { Contact } from '../src/plan/jurisdiction.js';
import { phoneRule, urlRule } from '../src/survey/export.js';
import { readSurvey } from '../src/survey/import.js';
import { exportSurveys, importSurveys, surveyFiles } from '../src/survey/index.js';
import { META, SHEET } from '../src/survey/layout.js';
import { checkPlan, context, pdfText, problemLine, squash, tempDir } from './helpers.js';

// The survey channel end to end: workbooks out, filled in (here with exceljs, and saved again by
// LibreOffice as an office without Microsoft Office would return them), read back into the YAML
// files, and built into handouts. Every refusal names its workbook, sheet and cell.

const CLI = join(import.meta.dirname, '..', 'bin', 'shien.mjs');
const TIME = new Date('2023-03-30T15:00:00Z');
/** The day an answer is recorded as imported. */
const TODAY = '2024-05-10';

let work: string;
let planDir: string;
let exported: string;
let set: PlanSet;
let titles: Record<string, string>;

const fresh = () => {
  const checked = checkPlan(planDir);
  if (!checked.set) throw new Error(JSON.stringify(checked.problems.map((p) => p.code)));
  return checked.set;
};

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  return wb;
}

/** The exported workbook of a jurisdiction, changed by `edit`, written to `dir/name`. */
async function variant(stem: string, dir: string, name: string, edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = await workbook(join(exported, `${stem}.xlsx`));
  edit(wb);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

const where = (p: Problem) => `${p.code} ${p.cell ? `${p.cell.sheet}!${p.cell.cell ?? ''}` : '-'}`;
const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!;

beforeAll(async () => {
  work = tempDir('shien-survey-');
  cpSync('plans', join(work, 'plans'), { recursive: true });
  planDir = join(work, 'plans', 'r5');
  appendFileSync(join(planDir, 'plan.yaml'), [
    '',
    'survey:',
    '  deadline: 2023-04-28',
    '  contact:',
    '    - 中小企業庁 経営支援部（見本）',
    '    - 電話 03-0000-0000',
    '',
  ].join('\n'));
  set = fresh();
  titles = Object.fromEntries(set.plan.act.categories.map((c) => [c.id, c.title]));
  exported = join(work, 'out');
  const r = await exportSurveys(set, { outDir: exported, jurisdictions: ['13', '神奈川県', 'sapporo'], time: TIME });
  expect(r.problems).toEqual([]);
});

describe('survey export', () => {
  it('writes one workbook per jurisdiction named, <code>-<slug>.xlsx', () => {
    expect(readdirSync(exported).sort()).toEqual(['011002-sapporo.xlsx', '13-tokyo.xlsx', '14-kanagawa.xlsx']);
  });

  it('gives the same bytes for the same inputs', async () => {
    const again = tempDir();
    await exportSurveys(set, { outDir: again, jurisdictions: ['13'], time: TIME });
    expect(Buffer.compare(readFileSync(join(again, '13-tokyo.xlsx')), readFileSync(join(exported, '13-tokyo.xlsx')))).toBe(0);
  });

  it('says what to fill in, by when and to whom, and lists the five categories', async () => {
    const wb = await workbook(join(exported, '13-tokyo.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET.guide, SHEET.programmes, SHEET.contacts]);
    const guide = sheet(wb, SHEET.guide);
    const text = guide.getSheetValues().flat().filter((v) => typeof v === 'string').join('\n');
    expect(text).toContain('令和５年度中小企業支援計画の概要　調査票（東京都）');
    expect(text).toContain('回答期限: 令和５年４月28日');
    expect(text).toContain('問合せ先: 中小企業庁 経営支援部（見本）');
    expect(text).toContain('見本（架空のデータ）');
    Object.values(titles).forEach((title, i) => expect(text).toContain(`（${'１２３４５'[i]}）\n${title}`));
    expect(wb.creator).toBe('中小企業庁');
    expect(wb.created?.toISOString()).toBe(TIME.toISOString());
  });

  it('is prefilled from the YAML file, with drop-downs, validation, locked headers, A4 portrait and the hidden cell', async () => {
    const wb = await workbook(join(exported, '13-tokyo.xlsx'));
    const programmes = sheet(wb, SHEET.programmes);
    expect(['A5', 'B5', 'C5', 'D5', 'C7', 'D7'].map((c) => programmes.getCell(c).value)).toEqual(['13', '東京都', titles.diagnosis, '見本経営相談事業', titles.technology, '見本技術支援事業']);
    expect(programmes.getCell('C5').dataValidation).toMatchObject({ type: 'list', formulae: ['区分一覧'] });
    expect(programmes.getCell('E9').dataValidation).toMatchObject({ type: 'list', formulae: ['"付ける"'] });
    expect(programmes.getCell('C3').protection?.locked).not.toBe(false);
    expect(programmes.getCell('C5').protection?.locked).toBe(false);
    expect(programmes.getCell('A5').protection?.locked).not.toBe(false);
    // Read by exceljs, though its typings leave it out.
    expect((programmes as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });
    expect(programmes.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToWidth: 1 });
    expect(programmes.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });

    const contacts = sheet(wb, SHEET.contacts);
    expect(['C5', 'D5', 'F5', 'G5', 'C6', 'D6'].map((c) => contacts.getCell(c).value)).toEqual(['中小企業支援センター', '見本中小企業振興公社（架空）', '03-0000-0000', 'https://example.jp/center', 'そのほかの相談窓口', '見本よろず支援拠点（架空）']);
    expect(contacts.getCell('F6').dataValidation).toMatchObject({ type: 'custom', formulae: [phoneRule('F6')], error: expect.stringContaining('電話番号') });
    expect(contacts.getCell('G6').dataValidation).toMatchObject({ type: 'custom', formulae: [urlRule('G6')] });

    const guide = sheet(wb, META.sheet);
    expect(guide.getColumn(META.column).hidden).toBe(true);
    expect(JSON.parse(String(guide.getCell(META.cell).value))).toMatchObject({ code: '13', fiscalYear: 2023, layout: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it('a blank workbook for a jurisdiction without a file: headers and whose rows, no data', async () => {
    const wb = await workbook(join(exported, '14-kanagawa.xlsx'));
    const contacts = sheet(wb, SHEET.contacts);
    expect(['A5', 'B5', 'C5', 'D5'].map((c) => contacts.getCell(c).value)).toEqual(['14', '神奈川県', '中小企業支援センター', null]);
    expect((await readSurvey(join(exported, '14-kanagawa.xlsx'), set)).problems.map(where)).toEqual([`survey/blank ${SHEET.contacts}!D5`]);
  });
});

describe('survey import', () => {
  let filled: string;
  let saved: string;
  let ruleChecks: string;
  const phones = ['03-1234-5678', '０３－１２３４－５６７８', '(03) 1234 5678', '03-1234-567O', '12345', 'tel 03-1234-5678', '03‐1234‐5678', '123456789012345678901'];
  const urls = ['https://example.jp/a', 'http://example.jp', 'ftp://example.jp', 'www.example.jp', 'example.jp/https://'];

  beforeAll(async () => {
    filled = join(work, 'filled');
    // Kanagawa fills in its blank workbook: three programmes in two categories, 「等」 after one, two contacts.
    await variant('14-kanagawa', filled, '14-kanagawa.xlsx', (wb) => {
      const p = sheet(wb, SHEET.programmes);
      p.getCell('C5').value = titles.diagnosis;
      p.getCell('D5').value = 'かながわ経営相談事業';
      p.getCell('C6').value = titles.technology;
      p.getCell('D6').value = 'かながわ技術相談事業';
      p.getCell('E6').value = '付ける';
      p.getCell('C8').value = titles.diagnosis; // a gap, then the first category again
      p.getCell('D8').value = { richText: [{ text: 'かながわ' }, { text: '専門家派遣事業', font: { bold: true } }] };
      const c = sheet(wb, SHEET.contacts);
      c.getCell('D5').value = '神奈川県中小企業支援センター（試験）';
      c.getCell('E5').value = '神奈川県横浜市中区見本町一丁目';
      c.getCell('F5').value = '045-000-0000';
      c.getCell('G5').value = { text: 'https://example.jp/kanagawa', hyperlink: 'https://example.jp/kanagawa' };
      c.getCell('D7').value = 'かながわよろず支援拠点（試験）';
    });
    // Tokyo changes a phone number and adds a programme to its existing data.
    await variant('13-tokyo', filled, '13-tokyo.xlsx', (wb) => {
      sheet(wb, SHEET.contacts).getCell('F5').value = '03-1111-2222';
      const p = sheet(wb, SHEET.programmes);
      p.getCell('C9').value = titles.supporters;
      p.getCell('D9').value = '見本支援人材育成事業';
    });
    // The phone and URL rules of the drop-downs' sheet, evaluated by a spreadsheet program, against the schema.
    const rules = new ExcelJS.Workbook();
    const ws = rules.addWorksheet('rules');
    const check = (column: string, values: string[], rule: (cell: string) => string) =>
      values.forEach((v, i) => {
        const [input, result] = [ws.getCell(`${column}${i + 1}`), ws.getCell(i + 1, ws.getColumn(column).number + 1)];
        input.value = v;
        result.value = { formula: rule(input.address) } as ExcelJS.CellFormulaValue;
      });
    check('A', phones, phoneRule);
    check('C', urls, urlRule);
    ruleChecks = join(work, 'rules.xlsx');
    writeFileSync(ruleChecks, Buffer.from(await rules.xlsx.writeBuffer()));

    // One LibreOffice run saves them all again, as an office without Microsoft Office returns them.
    saved = join(work, 'libreoffice');
    const inputs = [join(filled, '14-kanagawa.xlsx'), join(filled, '13-tokyo.xlsx'), ruleChecks];
    execFileSync('soffice', [`-env:UserInstallation=file://${work}/lo-profile`, '--headless', '--convert-to', 'xlsx', '--outdir', saved, ...inputs], { stdio: 'ignore', timeout: 120_000 });
  });

  it('reads a workbook saved by LibreOffice as it reads the one saved by exceljs', async () => {
    for (const name of ['14-kanagawa.xlsx', '13-tokyo.xlsx']) {
      const [a, b] = [await readSurvey(join(filled, name), set), await readSurvey(join(saved, name), set)];
      expect([a.problems, b.problems], name).toEqual([[], []]);
      expect(b.local, name).toEqual(a.local);
    }
    expect((await readSurvey(join(saved, '14-kanagawa.xlsx'), set)).local).toEqual({
      code: '14',
      sample: false,
      center: { name: '神奈川県中小企業支援センター（試験）', address: '神奈川県横浜市中区見本町一丁目', phone: '045-000-0000', url: 'https://example.jp/kanagawa' },
      contacts: [{ name: 'かながわよろず支援拠点（試験）' }],
      programmes: [
        { category: 'diagnosis', items: ['かながわ経営相談事業', 'かながわ専門家派遣事業'], etc: false },
        { category: 'technology', items: ['かながわ技術相談事業'], etc: true },
      ],
    });
  });

  it('evaluates the phone and URL rules of the workbook as the schema does (in LibreOffice)', async () => {
    const ws = sheet(await workbook(join(saved, 'rules.xlsx')), 'rules');
    const verdict = (ref: string) => (ws.getCell(ref).value as ExcelJS.CellFormulaValue).result === true;
    const phone = Contact.shape.phone.unwrap();
    phones.forEach((v, i) => expect(verdict(`B${i + 1}`), v).toBe(phone.safeParse(v).success));
    urls.forEach((v, i) => expect(verdict(`D${i + 1}`), v).toBe(Contact.shape.url.unwrap().safeParse(v).success));
  });

  it('writes the YAML files, keeping the comments of an existing one, and the handouts show the data', async () => {
    const tokyoBefore = readFileSync(join(planDir, 'jurisdictions', '13-tokyo.yaml'), 'utf8');
    const outcomes = await importSurveys(set, [join(saved, '13-tokyo.xlsx'), join(saved, '14-kanagawa.xlsx')], { today: TODAY });
    expect(outcomes.map((o) => [o.status, o.problems])).toEqual([['imported', []], ['imported', []]]);

    const tokyo = readFileSync(join(planDir, 'jurisdictions', '13-tokyo.yaml'), 'utf8');
    for (const comment of tokyoBefore.split('\n').flatMap((l) => (/#\s*(.+)$/.exec(l)?.[1] ? [/#\s*(.+)$/.exec(l)![1]] : []))) {
      expect(tokyo).toContain(comment);
    }
    expect(tokyo).toContain('phone: 03-1111-2222');
    expect(tokyo).toContain('sample: false');
    // When the answer came in, on the line under sample: where a person sees it.
    expect(tokyo).toMatch(/^sample: false.*\nanswered: 2024-05-10$/m);
    expect(tokyo).toContain('- category: supporters');
    const kanagawa = readFileSync(join(planDir, 'jurisdictions', '14-kanagawa.yaml'), 'utf8');
    expect(kanagawa).toMatch(/^# yaml-language-server: \$schema=/);

    set = fresh();
    expect(set.failed.size).toBe(0);
    const out = tempDir();
    const r = await build({ planDir, outDir: out, jurisdictions: ['14'], formats: ['pdf'], workers: 1 }, context);
    expect(reportProblems(r)).toEqual([]);
    const k = squash((await pdfText(readFileSync(join(out, 'handouts', '14-kanagawa.pdf')))).text);
    for (const s of ['（かながわ経営相談事業、かながわ専門家派遣事業）', '（かながわ技術相談事業等）', '神奈川県中小企業支援センター（試験）', '電話045-000-0000', 'https://example.jp/kanagawa', 'かながわよろず支援拠点（試験）']) {
      expect(k).toContain(s);
    }
    expect(k).not.toContain('まだ提供されていません');
  });

  it('changes nothing for a workbook that says what the file says', async () => {
    const outcomes = await importSurveys(set, [join(saved, '14-kanagawa.xlsx'), join(exported, '011002-sapporo.xlsx')], { today: TODAY });
    expect(outcomes.map((o) => o.status)).toEqual(['unchanged', 'unchanged']);
  });
});

describe('survey import refuses, naming the workbook, sheet and cell', () => {
  const bad = () => join(work, 'bad');
  const cases: [string, (wb: ExcelJS.Workbook) => void, string[]][] = [
    ['unknown category, with a did-you-mean', (wb) => (sheet(wb, SHEET.programmes).getCell('C7').value = '技術に関する助言又は必要な試験研究をする事業'), ['survey/unknown-category 事業!C7']],
    ['empty category', (wb) => (sheet(wb, SHEET.programmes).getCell('C6').value = null), ['survey/missing-category 事業!C6']],
    ['bad phone', (wb) => (sheet(wb, SHEET.contacts).getCell('F5').value = '03-0000-000O'), ['survey/invalid-phone 相談窓口!F5']],
    ['phone typed as a number', (wb) => (sheet(wb, SHEET.contacts).getCell('F6').value = 300000001), ['survey/not-text 相談窓口!F6']],
    ['bad URL', (wb) => (sheet(wb, SHEET.contacts).getCell('G6').value = 'example.jp/yorozu'), ['survey/invalid-url 相談窓口!G6']],
    ['empty required names', (wb) => {
      sheet(wb, SHEET.contacts).getCell('D6').value = null;
      sheet(wb, SHEET.programmes).getCell('D5').value = null;
    }, ['survey/empty-text 事業!D5', 'survey/empty-text 相談窓口!D6']],
    ['a line break in a cell', (wb) => (sheet(wb, SHEET.programmes).getCell('D8').value = '見本経営者\n研修事業'), ['survey/control-char 事業!D8']],
    ['a character no font has', (wb) => (sheet(wb, SHEET.contacts).getCell('E5').value = '東京都千代田区\u{30000}町'), ['font/missing-glyph 相談窓口!E5']],
    ['wrong 「等」', (wb) => (sheet(wb, SHEET.programmes).getCell('E5').value = 'はい'), ['survey/invalid-value 事業!E5']],
    ['another year', (wb) => {
      const cell = sheet(wb, META.sheet).getCell(META.cell);
      cell.value = String(cell.value).replace('"fiscalYear":2023', '"fiscalYear":2022');
    }, ['survey/wrong-year 記入方法!B1']],
    ['a column inserted', (wb) => sheet(wb, SHEET.programmes).spliceColumns(3, 0, []), ['survey/altered-layout 事業!C3']],
    ['a sheet renamed', (wb) => (sheet(wb, SHEET.contacts).name = '窓口'), ['survey/altered-layout -']],
    ['the hidden cell removed', (wb) => (sheet(wb, META.sheet).getCell(META.cell).value = null), ['survey/not-a-survey -']],
  ];

  it.each(cases)('%s', async (name, edit, expected) => {
    const file = await variant('13-tokyo', join(bad(), name.replace(/\W+/g, '-')), '13-tokyo.xlsx', edit);
    const r = await readSurvey(file, set);
    expect(r.problems.map(where)).toEqual(expected);
    expect(r.local).toBeUndefined();
    for (const p of r.problems) expect(p.file).toBe(file);
  });

  it('prints the cell, and suggests the category meant', async () => {
    const file = await variant('13-tokyo', join(bad(), 'print'), '13-tokyo.xlsx', cases[0][1]);
    const [p] = (await readSurvey(file, set)).problems;
    expect(p.suggestion).toBe(titles.technology);
    expect(formatProblem(p, join(bad(), 'print'))).toMatch(/^13-tokyo\.xlsx 「事業」 C7: error: 区分「.+」は法の事業区分にありません。「技術に関する助言又は必要な試験研究を行う事業」の誤りではありませんか。 \[survey\/unknown-category\]/);
  });

  it('a workbook for another jurisdiction', async () => {
    const dir = join(bad(), 'other');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(exported, '13-tokyo.xlsx'), join(dir, '14-kanagawa.xlsx'));
    const r = await readSurvey(join(dir, '14-kanagawa.xlsx'), set);
    expect(r.problems.map(where)).toEqual(['survey/wrong-jurisdiction 記入方法!B1']);
    expect(r.problems[0].message).toContain('東京都（13）のものですが、ファイル名は神奈川県（14）');
    // Leading digits that are no jurisdiction's code (a date) do not name one.
    copyFileSync(join(exported, '13-tokyo.xlsx'), join(dir, '230428-13-tokyo.xlsx'));
    expect((await readSurvey(join(dir, '230428-13-tokyo.xlsx'), set)).problems).toEqual([]);
  });

  it('files that are not workbooks', async () => {
    const dir = join(bad(), 'not');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'text.xlsx'), '調査票ではありません');
    writeFileSync(join(dir, 'old.xlsx'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    writeFileSync(join(dir, 'cut.xlsx'), readFileSync(join(exported, '13-tokyo.xlsx')).subarray(0, 2000));
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').getCell('A1').value = 'x';
    writeFileSync(join(dir, 'other.xlsx'), Buffer.from(await other.xlsx.writeBuffer()));
    const codes = [];
    for (const f of ['text', 'old', 'cut', 'other']) codes.push((await readSurvey(join(dir, `${f}.xlsx`), set)).problems.map((p) => p.code));
    expect(codes).toEqual([['survey/unreadable'], ['survey/unreadable'], ['survey/unreadable'], ['survey/not-a-survey']]);
  });
});

describe('a jurisdiction file that cannot be read', () => {
  it('gets no workbook, and a returned workbook does not overwrite it', async () => {
    const copy = join(tempDir(), 'plans');
    cpSync(join(work, 'plans'), copy, { recursive: true });
    const file = join(copy, 'r5', 'jurisdictions', '011002-sapporo.yaml');
    const broken = readFileSync(file, 'utf8').replace('center:\n  name:', 'center:\n\tname:');
    writeFileSync(file, broken);
    const checked = checkPlan(join(copy, 'r5'));
    const out = tempDir();
    const r = await exportSurveys(checked.set!, { outDir: out, jurisdictions: ['011002'], time: TIME });
    expect(r.files).toEqual([]);
    expect(r.problems.map((p) => [p.code, p.file])).toEqual([['yaml/tab-as-indent', file]]);
    const [o] = await importSurveys(checked.set!, [join(exported, '011002-sapporo.xlsx')], { today: TODAY });
    expect([o.status, o.problems.map((p) => [p.code, p.file])]).toEqual(['failed', [['survey/existing-unreadable', file]]]);
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });
});

describe('npx shien survey', () => {
  const shien = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: work });

  it('import: --dry-run writes nothing and the closing line counts; without it, only the workbooks without errors are written', async () => {
    const dir = join(work, 'returned');
    mkdirSync(dir, { recursive: true });
    // Good: Fukuoka fills its workbook in. Bad: Tokyo's with an unknown category. Unchanged: Sapporo's as exported.
    await exportSurveys(set, { outDir: dir, jurisdictions: ['40'], time: TIME });
    const wb = await workbook(join(dir, '40-fukuoka.xlsx'));
    sheet(wb, SHEET.contacts).getCell('D5').value = '福岡県中小企業支援センター（試験）';
    writeFileSync(join(dir, '40-fukuoka.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    await variant('13-tokyo', dir, '13-tokyo.xlsx', (w) => (sheet(w, SHEET.programmes).getCell('C7').value = '技術の事業'));
    copyFileSync(join(exported, '011002-sapporo.xlsx'), join(dir, '011002-sapporo.xlsx'));

    const local = join(planDir, 'jurisdictions');
    const snapshot = () => Object.fromEntries(readdirSync(local).map((f) => [f, readFileSync(join(local, f), 'utf8')]));
    const before = snapshot();

    const dry = shien('survey', 'import', 'returned', 'plans/r5', '--dry-run');
    expect(dry.status).toBe(1);
    expect(dry.stderr).toMatch(/returned\/13-tokyo\.xlsx 「事業」 C7: error: .* \[survey\/unknown-category\]/);
    expect(dry.stdout.trim().split('\n').at(-1)).toBe('取り込み 1 件、誤り 1 件、変更なし 1 件（--dry-run: 何も書き込んでいません）');
    expect(snapshot()).toEqual(before);

    // The same import for real (in this process: the command's wiring is the dry run's).
    const real = await importSurveys(fresh(), ['40-fukuoka', '13-tokyo', '011002-sapporo'].map((f) => join(dir, `${f}.xlsx`)), { today: TODAY });
    expect(real.map((o) => o.status)).toEqual(['imported', 'failed', 'unchanged']);
    const after = snapshot();
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), '40-fukuoka.yaml'].sort());
    for (const f of Object.keys(before)) expect(after[f], f).toBe(before[f]);
    expect(after['40-fukuoka.yaml']).toContain('name: 福岡県中小企業支援センター（試験）');
  });

  // One export for the two tests below: a jurisdiction named by its name, under SOURCE_DATE_EPOCH=0.
  let exportRun: SpawnSyncReturns<string> | undefined;
  const exportedByName = () =>
    (exportRun ??= spawnSync(process.execPath, [CLI, 'survey', 'export', 'plans/r5', '--out', 'sv', '--jurisdiction', '札幌市'], { encoding: 'utf8', cwd: work, env: { ...process.env, SOURCE_DATE_EPOCH: '0' } }));

  it('export: --jurisdiction by name, --out', () => {
    const r = exportedByName();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('作成: sv/011002-sapporo.xlsx');
    expect(readdirSync(join(work, 'sv'))).toEqual(['011002-sapporo.xlsx']);
  });

  it('export: a warning never stops it — SOURCE_DATE_EPOCH=0 is clamped for the zip, said, and the workbook written (exit 0)', () => {
    const r = exportedByName();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(problemLine('warning', 'env/source-date-epoch-range'));
    expect(r.stdout).toContain('調査票 1 件を作成');
    expect(readdirSync(join(work, 'sv'))).toEqual(['011002-sapporo.xlsx']);
  });

  it('a name not in the registry, or a file that is not there, is the user’s mistake (exit 2)', async () => {
    const unknown = await exportSurveys(set, { outDir: join(work, 'none'), jurisdictions: ['東京'], time: TIME });
    expect(unknown.problems.map((p) => p.code)).toEqual(['usage/unknown-jurisdiction']);
    const missing = surveyFiles([join(work, 'nowhere.xlsx'), planDir]);
    expect(missing.problems.map((p) => p.code)).toEqual(['usage/missing-file', 'usage/no-workbooks']);
    expect([unknown.problems, missing.problems].map(exitCodeOf)).toEqual([2, 2]);
  });
});
