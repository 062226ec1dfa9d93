import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { exitCodeOf, Failure, type Problem } from '../src/core/problem.js';
import { formatProblem } from '../src/core/print.js';
import { FontRegistry } from '../src/fonts/registry.js';
import { build, reportProblems, type BuildOptions } from '../src/pipeline/build.js';
import { checkPlanSet } from '../src/check/plan-set.js';
import { loadResources } from '../src/check/resources.js';
import { exportSurveys, importSurveys, surveyFiles } from '../src/survey/index.js';
import { Templates } from '../src/template/engine.js';
import { loadTheme } from '../src/theme/theme.js';
import { documentTime } from '../src/document/time.js';
import { documentDate } from '../src/plan/schema.js';
import { SHEET } from '../src/survey/layout.js';
import { checkPlan, context, problemLine, tempDir } from './helpers.js';

// Trust, second round (issue 24): workbooks from 67 offices, symlinks, marks, options. Each case
// published something wrong, exhausted the machine, or said nothing, before the change it tests.

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'shien.mjs');
const TIME = new Date('2023-03-30T15:00:00Z');

const shien = (args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env } });

/**
 * `survey import` in this process, as the command runs it (the workbooks found, the plan checked,
 * each imported): what it would print on stderr, its exit code, and each workbook's outcome. The
 * command's own process is run by the tests of merged cells and of comments, and under the zip bombs.
 */
async function importIn(inputs: string[], plan: string, opts: { dryRun?: boolean } = {}) {
  const found = surveyFiles(inputs);
  const checked = checkPlanSet(plan, context);
  expect(checked.set, JSON.stringify(checked.problems)).toBeDefined();
  const outcomes = await importSurveys(checked.set!, found.files, { dryRun: opts.dryRun, today: '2024-05-10' });
  const problems = [...found.problems, ...outcomes.flatMap((o) => o.problems)];
  const stderr = problems.map((p) => formatProblem(p, ROOT) + '\n').join('');
  return { status: exitCodeOf(problems), stderr, outcomes };
}

/** Every file under a folder with its bytes, to show that a refused command changed nothing. */
function snapshotOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const f = join(e.parentPath, e.name);
    out[f.slice(dir.length)] = readFileSync(f).toString('base64');
  }
  return out;
}

let work: string;
let planDir: string;
let exported: string;

beforeAll(async () => {
  work = tempDir('shien-hostile-');
  cpSync(join(ROOT, 'plans'), join(work, 'plans'), { recursive: true });
  planDir = join(work, 'plans', 'r5');
  const checked = checkPlan(planDir);
  if (!checked.set) throw new Error(JSON.stringify(checked.problems.map((p) => p.code)));
  exported = join(work, 'exported');
  const r = await exportSurveys(checked.set, { outDir: exported, jurisdictions: ['13'], time: TIME });
  expect(r.problems).toEqual([]);
});

// --- zip bombs -------------------------------------------------------------------------------------

interface ZipPart {
  name: string;
  /** Raw deflate data. */
  data: Buffer;
  /** The inflated size the archive states (a bomb may state less than the truth). */
  size: number;
}

/** A zip archive written part by part, stating the sizes given (CRCs left zero: they are never reached). */
function zipOf(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, p.data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(p.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + p.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

/**
 * Raw deflate of `size` bytes of spaces (a multiple of a MiB), never held inflated: one MiB deflated
 * and flushed to a byte boundary with its dictionary reset (Z_FULL_FLUSH) is a run of blocks that
 * stands alone, so the same bytes repeated, then an empty last block, are a valid stream of the
 * whole. 40 ms, where deflating the gibibyte itself took seconds of CPU.
 */
function deflatedSpaces(size: number): Buffer {
  const MIB = 1024 * 1024;
  const block = deflateRawSync(Buffer.alloc(MIB, 0x20), { level: 9, finishFlush: zlibConstants.Z_FULL_FLUSH });
  return Buffer.concat([...Array<Buffer>(size / MIB).fill(block), deflateRawSync(Buffer.alloc(0))]);
}

let gibibyte: Buffer | undefined;

/** The exported workbook with one sheet's part replaced by a gibibyte of spaces, stating `stated` as its size. */
async function bomb(stated: (real: number) => number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(join(exported, '13-tokyo.xlsx')));
  const GIB = 1024 * 1024 * 1024;
  const huge = (gibibyte ??= deflatedSpaces(GIB));
  const parts: ZipPart[] = [];
  for (const name of Object.keys(zip.files).sort()) {
    if (name === 'xl/worksheets/sheet2.xml') {
      parts.push({ name, data: huge, size: stated(GIB) });
      continue;
    }
    const bytes = await zip.file(name)!.async('nodebuffer');
    parts.push({ name, data: deflateRawSync(bytes), size: bytes.length });
  }
  return zipOf(parts);
}

/**
 * The workbooks the command refuses, each in a folder of its name, imported by one command (it reads
 * every workbook named and reports each one's problems): the two zip bombs, then the workbook with
 * merged cells (made by `merged`). Its result, its peak memory, and whether the plan's files were left alone.
 */
let refused: Promise<ReturnType<typeof importMeasured> & { files: string[]; kept: boolean }> | undefined;
const refusedImported = () =>
  (refused ??= (async () => {
    const files: string[] = [];
    for (const [folder, stated] of [['bomb-honest', (real: number) => real], ['bomb-lying', () => 10_000]] as const) {
      mkdirSync(join(work, folder), { recursive: true });
      files.push(join(work, folder, '13-tokyo.xlsx'));
      writeFileSync(files.at(-1)!, await bomb(stated));
    }
    files.push(await merged());
    const before = snapshotOf(planDir);
    const r = importMeasured(files);
    return { ...r, files, kept: JSON.stringify(snapshotOf(planDir)) === JSON.stringify(before) };
  })());

/** `survey import` as a user runs it, under /usr/bin/time: its result and its peak memory in MB. */
function importMeasured(files: string[]) {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, CLI, 'survey', 'import', ...files, planDir], { encoding: 'utf8', cwd: ROOT });
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) / 1024;
  return { ...r, rss };
}

describe('a zip bomb in a returned workbook is refused before it is inflated', () => {
  const MEMORY_MB = 200;
  /**
   * Both bombs, one per folder, imported by one command (it reads every workbook named and reports
   * each one's problems): its result, its peak memory, and whether the plan's files were left alone.
   */
  const bombsImported = async () => {
    const r = await refusedImported();
    return { ...r, files: r.files.slice(0, 2) };
  };
  /** The lines of a printed problem, from its first (`file: error: …`) to the next problem's. */
  const problemOf = (stderr: string, folder: string) => stderr.split(/\n(?=\S)/).filter((p) => p.includes(`${folder}/13-tokyo.xlsx: error: `)).join('\n');

  it('a part stating 1 GiB: survey/oversized at the workbook, exit 1, under 200 MB, nothing written', async () => {
    const r = await bombsImported();
    expect(statSync(r.files[0]).size).toBeLessThan(2 * 1024 * 1024);
    expect(r.status, r.stderr).toBe(1);
    const said = problemOf(r.stderr, 'bomb-honest');
    expect(said).toMatch(problemLine('error', 'survey/oversized'));
    expect(said).toMatch(/13-tokyo\.xlsx: error: ブックの中の「xl\/worksheets\/sheet2\.xml」は展開すると 1024 MB になります/);
    expect(r.stderr).not.toMatch(/\n\s+at |Bug|mismatch/);
    expect(r.rss).toBeGreaterThan(0);
    expect(r.rss).toBeLessThan(MEMORY_MB);
    expect(r.kept).toBe(true);
  });

  it('a part stating 10 KB that inflates to 1 GiB: stopped at the stated size, exit 1, under 200 MB', async () => {
    const r = await bombsImported();
    expect(r.status, r.stderr).toBe(1);
    const said = problemOf(r.stderr, 'bomb-lying');
    expect(said).toMatch(problemLine('error', 'survey/unreadable'));
    expect(said).toContain('13-tokyo.xlsx: error: ブックの中の「xl/worksheets/sheet2.xml」が、目録に書かれた大きさのとおりに展開できません');
    expect(r.stderr).not.toMatch(/\n\s+at |Bug|mismatch/);
    expect(r.rss).toBeLessThan(MEMORY_MB);
    expect(r.kept).toBe(true);
  });

  it('a ratio no workbook has (2 MB of spaces in 2 KB) is refused at the directory', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(exported, '13-tokyo.xlsx')));
    const padded = Buffer.alloc(2 * 1024 * 1024, 0x20);
    zip.file('xl/media/padding.bin', padded, { compression: 'DEFLATE', compressionOptions: { level: 9 } });
    const file = join(work, 'ratio', '13-tokyo.xlsx');
    mkdirSync(join(work, 'ratio'), { recursive: true });
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const r = await importIn([file], planDir);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(problemLine('error', 'survey/oversized'));
    expect(r.stderr).toMatch(/13-tokyo\.xlsx: error: ブックの中の「xl\/media\/padding\.bin」は .* 倍、上限 100 倍/);
  });

  it('the workbook as exported passes the same checks', async () => {
    const r = await importIn([join(exported, '13-tokyo.xlsx')], planDir, { dryRun: true });
    expect(r.status, r.stderr).toBe(0);
    expect(r.outcomes.map((o) => o.status)).not.toContain('failed');
    expect(existsSync(join(exported, '13-tokyo.xlsx'))).toBe(true);
  });
});

// --- returned workbooks: what exceljs would read wrong ---------------------------------------------

/** The exported workbook of Tokyo, changed by `edit`, written to `<work>/<folder>/13-tokyo.xlsx`. */
async function variant(folder: string, edit: (wb: ExcelJS.Workbook) => void, name = '13-tokyo.xlsx'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(exported, '13-tokyo.xlsx')) as unknown as ArrayBuffer);
  edit(wb);
  const dir = join(work, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), Buffer.from(await wb.xlsx.writeBuffer()));
  return join(dir, name);
}

/** Tokyo's workbook with cells of its data area merged, in the folder `merged`. */
const merged = () =>
  variant('merged', (wb) => {
    wb.getWorksheet(SHEET.programmes)!.mergeCells('D5:D6');
    wb.getWorksheet(SHEET.contacts)!.mergeCells('D6:E6');
  });

describe('merged cells in the data area are refused, not read as data twice', () => {
  it('D5:D6 in 「事業」 and D6:E6 in 「相談窓口」: survey/merged-cells at each range, exit 1, nothing written', async () => {
    // Imported by the command with the zip bombs, each workbook refused (誤り) on its own.
    const r = await refusedImported();
    expect(r.status, r.stderr).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.includes('error:') && l.includes('/merged/'));
    expect(lines).toEqual([
      expect.stringMatching(/13-tokyo\.xlsx 「事業」 D5:D6: error: セル D5:D6 が結合されています。.* \[survey\/merged-cells\]$/),
      expect.stringMatching(/13-tokyo\.xlsx 「相談窓口」 D6:E6: error: セル D6:E6 が結合されています。.* \[survey\/merged-cells\]$/),
    ]);
    expect(r.stderr).toContain('セルの結合を解除し');
    expect(r.stdout).toContain('取り込み 0 件、誤り 3 件');
    expect(r.kept).toBe(true);
  });

  it('a merge outside the data area (a note beside the table) is no problem', async () => {
    const file = await variant('merged-outside', (wb) => wb.getWorksheet(SHEET.programmes)!.mergeCells('H5:I6'));
    const r = await importIn([file], planDir, { dryRun: true });
    expect(r.status, r.stderr).toBe(0);
    expect(r.outcomes.map((o) => o.status)).not.toContain('failed');
  });
});

describe('a date or a number typed into a text cell is an error at its cell, not its serial number', () => {
  it('所在地 as 2023/1/1 kept as 44927, 事業名 as 2023, URL as a date: survey/not-text at each cell, exit 1, nothing written', async () => {
    const file = await variant('numbers', (wb) => {
      const contacts = wb.getWorksheet(SHEET.contacts)!;
      // What a date in Japanese Excel's built-in 和暦 format reads as: its serial number.
      contacts.getCell('E5').value = 44927;
      // A style of its own: exceljs shares one style object among the cells that had the same.
      const url = contacts.getCell('G6');
      url.style = { ...url.style, numFmt: 'yyyy/m/d' };
      url.value = new Date(Date.UTC(2023, 3, 1));
      wb.getWorksheet(SHEET.programmes)!.getCell('D7').value = 2023;
    });
    const before = snapshotOf(planDir);
    const r = await importIn([file], planDir);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr.split('\n').filter((l) => l.includes(': error: '))).toEqual([
      expect.stringMatching(/13-tokyo\.xlsx 「事業」 D7: error: 「事業名」が数値（2023）として入力されています（先頭の 0 や区切りの記号が消えます）.* \[survey\/not-text\]$/),
      expect.stringMatching(/13-tokyo\.xlsx 「相談窓口」 E5: error: 「所在地」が数値（44927）として入力されています（日付を入力したなら、2023\/1\/1 がこの数として保存されています）.* \[survey\/not-text\]$/),
      expect.stringMatching(/13-tokyo\.xlsx 「相談窓口」 G6: error: 「URL」が日付（2023\/4\/1）として入力されています.* \[survey\/not-text\]$/),
    ]);
    expect(r.stderr).not.toContain('「44927」');
    expect(snapshotOf(planDir)).toEqual(before);
  });
});

describe('survey import: nothing skipped without a word, nothing of the file lost', () => {
  it('a workbook in a folder inside the folder named is a warning naming it (survey/nested-workbook); the rest is imported', async () => {
    const dir = join(work, 'returned');
    mkdirSync(join(dir, '昨年度'), { recursive: true });
    cpSync(join(exported, '13-tokyo.xlsx'), join(dir, '13-tokyo.xlsx'));
    cpSync(join(exported, '13-tokyo.xlsx'), join(dir, '昨年度', '13-tokyo.xlsx'));
    const before = snapshotOf(planDir);
    const r = await importIn([dir], planDir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/returned\/昨年度\/13-tokyo\.xlsx: warning: フォルダ .*returned の中のフォルダにある調査票は取り込みません。 \[survey\/nested-workbook\]$/m);
    expect(r.stderr).toContain('ヒント: 取り込むなら、そのフォルダを指定してください');
    // 変更なし 1 件, as the command counts it.
    expect(r.outcomes.map((o) => o.status)).toEqual(['unchanged']);
    expect(snapshotOf(planDir)).toEqual(before);
  });

  it('comments at the ends of lines stay on their lines, in their columns, when values change', async () => {
    const plans = join(work, 'comments');
    cpSync(join(work, 'plans'), plans, { recursive: true });
    const yamlFile = join(plans, 'r5', 'jurisdictions', '13-tokyo.yaml');
    const original = readFileSync(yamlFile, 'utf8').replace('    phone: 03-0000-0001\n', '    phone: 03-0000-0001  # 代表\n');
    writeFileSync(yamlFile, original);
    const file = await variant('comments-in', (wb) => {
      wb.getWorksheet(SHEET.contacts)!.getCell('D5').value = '東京都中小企業振興公社';
      wb.getWorksheet(SHEET.contacts)!.getCell('F6').value = '03-1111-1111';
    });
    const r = shien(['survey', 'import', file, join(plans, 'r5')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('取り込み 1 件');
    const expected = original
      .replace('sample: true            #', 'sample: false           #')
      .replace('  name: 見本中小企業振興公社（架空）', '  name: 東京都中小企業振興公社')
      .replace('03-0000-0001  # 代表', '03-1111-1111  # 代表');
    const written = readFileSync(yamlFile, 'utf8');
    // The day of the answer is the one line added, under sample:.
    expect(written).toMatch(/^sample: false .*\nanswered: \d{4}-\d{2}-\d{2}\ncenter:/m);
    expect(written.replace(/^answered: .*\n/m, '')).toBe(expected);
  });
});

// --- files read through links -----------------------------------------------------------------------

const VALID = join(import.meta.dirname, 'fixtures', 'sets', 'valid');

/** A folder holding a file `secret.txt` outside `root`, and `root` itself. */
function linkSetup() {
  const base = tempDir('shien-links-');
  const root = join(base, 'project');
  mkdirSync(root);
  const secret = join(base, 'secret.txt');
  writeFileSync(secret, 'PASSWORD=hunter2\n');
  return { base, root, secret };
}

/** The Failure a loader throws, as its problems. */
function thrown(f: () => unknown): Problem[] {
  try {
    f();
  } catch (e) {
    if (e instanceof Failure) return e.problems;
    throw e;
  }
  return [];
}

describe('every file a build reads lies inside its root, links resolved', () => {
  it('plan.yaml a link to a file outside the plan root: plan/path-outside naming the link and its target, exit 1, outputs kept', async () => {
    const plans = join(work, 'linked-plan');
    cpSync(VALID, plans, { recursive: true });
    const out = join(work, 'linked-plan-out');
    // The outputs to keep, made in this process; the commands below are refused.
    expect(reportProblems(await build({ planDir: join(plans, 'plan'), outDir: out, only: 'summary', workers: 1 }, context))).toEqual([]);
    const before = snapshotOf(out);
    const elsewhere = join(work, 'elsewhere.yaml');
    cpSync(join(plans, 'plan', 'plan.yaml'), elsewhere);
    rmSync(join(plans, 'plan', 'plan.yaml'));
    symlinkSync(elsewhere, join(plans, 'plan', 'plan.yaml'));
    for (const command of ['validate', 'build']) {
      const r = shien([command, join(plans, 'plan'), ...(command === 'build' ? ['--out', out, '--only', 'summary'] : [])]);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toMatch(problemLine('error', 'plan/path-outside'));
      expect(r.stderr).toMatch(/plan\/plan\.yaml: error: .*plan\.yaml はリンクで、計画のフォルダの外の .*elsewhere\.yaml を指しています。/);
    }
    expect(snapshotOf(out)).toEqual(before);
  });

  it('the theme, a template and a partial that are links out of the project: each refused, unread, naming the link', () => {
    const { root, secret } = linkSetup();
    const templates = join(root, 'templates');
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    for (const f of ['theme.yaml', 'summary.hbs', join('partials', 'title-text.hbs')]) {
      rmSync(join(templates, f));
      symlinkSync(secret, join(templates, f));
    }
    const theme = thrown(() => loadTheme(join(templates, 'theme.yaml')));
    expect(theme.map((p) => p.code)).toEqual(['theme/path-outside']);
    expect(theme[0].message).toContain(`theme.yaml はリンクで、プロジェクトのフォルダの外の ${realpathSync(secret)} を指しています`);
    const summary = new Templates({ dir: templates }).document('summary', {}).problems;
    expect(summary.map((p) => [p.code, p.file])).toEqual([
      ['template/path-outside', join(templates, 'partials', 'title-text.hbs')],
      ['template/path-outside', join(templates, 'summary.hbs')],
    ]);
    expect(summary[1].message).toContain(`summary.hbs はリンクで、プロジェクトのフォルダの外の ${realpathSync(secret)} を指しています`);
    expect(JSON.stringify([theme, summary])).not.toContain('hunter2');
    expect(exitCodeOf([...theme, ...summary])).toBe(1);
  });

  it('a folder named as a partial (partials/bad.hbs) is a problem of the templates naming it, not a fault of the tool', () => {
    const templates = join(tempDir(), 'templates');
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    mkdirSync(join(templates, 'partials', 'bad.hbs'));
    const summary = new Templates({ dir: templates }).document('summary', {}).problems;
    expect(summary.map((p) => [p.code, p.file, p.message])).toEqual([
      ['template/unreadable', join(templates, 'partials', 'bad.hbs'), '部品のテンプレート bad.hbs がファイルではなくフォルダです。'],
    ]);
    expect(exitCodeOf(summary)).toBe(1);
  });

  it('a font list entry ../../../../etc/passwd is refused at its line before anything is opened; a font file or list that is a link out of the project too', () => {
    const { root, secret } = linkSetup();
    const fonts = join(root, 'fonts');
    mkdirSync(fonts);
    writeFileSync(join(fonts, 'fonts.yaml'), 'families:\n  BIZ UDPGothic:\n    regular: ../../../../etc/passwd\n    bold: /etc/shadow\n');
    const listed = thrown(() => FontRegistry.load(fonts));
    expect(listed.map((p) => `${p.code} ${p.place?.line}:${p.place?.column}`)).toEqual(['font/path-outside 3:14', 'font/path-outside 4:11']);
    expect(listed[0].message).toBe('書体のファイル「../../../../etc/passwd」は fonts/ の外を指しています。fonts/ の中のファイルの名前だけを書いてください。');
    expect(formatProblem(listed[0], root)).toMatch(/^fonts\/fonts\.yaml:3:14: error: .* \[font\/path-outside\]\n\s+3 \|     regular: \.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd/);

    writeFileSync(join(fonts, 'fonts.yaml'), 'families:\n  BIZ UDPGothic:\n    regular: BIZUDPGothic-Regular.ttf\n');
    symlinkSync(secret, join(fonts, 'BIZUDPGothic-Regular.ttf'));
    const linked = thrown(() => FontRegistry.load(fonts));
    expect(linked.map((p) => `${p.code} ${p.place?.line}:${p.place?.column}`)).toEqual(['font/path-outside 3:14']);
    expect(linked[0].message).toContain(`BIZUDPGothic-Regular.ttf はリンクで、プロジェクトのフォルダの外の ${realpathSync(secret)} を指しています`);

    rmSync(join(fonts, 'fonts.yaml'));
    symlinkSync(secret, join(fonts, 'fonts.yaml'));
    expect(thrown(() => FontRegistry.load(fonts)).map((p) => p.code)).toEqual(['font/path-outside']);
    expect(exitCodeOf(listed)).toBe(1);
  });
});

// --- marks and template literals checked for glyphs like text ---------------------------------------

/** A copy of templates/ with `edit` applied to one of its files. */
function templatesWith(file: string, edit: (s: string) => string): string {
  const dir = join(tempDir('shien-templates-'), 'templates');
  cpSync(join(ROOT, 'templates'), dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

describe('every string a document draws is checked for glyphs: theme marks and template literals too', () => {
  it('marks.draft 「⚫案」 and a page number 「⚫ %1」: font/missing-glyph at their theme lines, exit 1, for validate and build; outputs kept', async () => {
    const templates = templatesWith('theme.yaml', (t) => `${t}\nmarks:\n  draft: "⚫案"\n  sample: 見本\n  pageNumber: "⚫ %1"\n`);
    const source = readFileSync(join(templates, 'theme.yaml'), 'utf8').split('\n');
    const lineOf = (key: string) => source.findIndex((l) => l.trimStart().startsWith(`${key}: "⚫`)) + 1;
    const columnOf = (key: string) => source[lineOf(key) - 1].indexOf('⚫') + 1;
    const resources = () => loadResources({ templatesDir: templates });
    const validated = checkPlanSet(join(VALID, 'plan'), resources).problems;
    expect(validated.map((p) => `${p.code} ${p.file} ${p.place?.line}:${p.place?.column}`)).toEqual([
      `font/missing-glyph ${join(templates, 'theme.yaml')} ${lineOf('draft')}:${columnOf('draft')}`,
      `font/missing-glyph ${join(templates, 'theme.yaml')} ${lineOf('pageNumber')}:${columnOf('pageNumber')}`,
    ]);
    expect(validated[0].message).toContain('文字「⚫」（U+26AB）');
    expect(exitCodeOf(validated)).toBe(1);

    const out = tempDir();
    expect(reportProblems(await build({ planDir: join(VALID, 'plan'), outDir: out, only: 'summary', workers: 1 }, context))).toEqual([]);
    const before = snapshotOf(out);
    const built = reportProblems(await build({ planDir: join(VALID, 'plan'), outDir: out, only: 'summary', workers: 1, force: true }, resources));
    expect(built.map((p) => p.code)).toEqual(['font/missing-glyph', 'font/missing-glyph']);
    expect(snapshotOf(out)).toEqual(before);
  });

  it('a list label 「⚫%1」 written in a template: font/missing-glyph at the template line', () => {
    const templates = templatesWith('summary.hbs', (t) => t.replace('<list marker="（%1）">', '<list marker="⚫%1">'));
    const source = readFileSync(join(templates, 'summary.hbs'), 'utf8').split('\n');
    const line = source.findIndex((l) => l.includes('⚫')) + 1;
    const problems = checkPlanSet(join(VALID, 'plan'), () => loadResources({ templatesDir: templates })).problems;
    expect(problems.map((p) => `${p.code} ${p.file} ${p.place?.line}:${p.place?.column}`)).toEqual([
      `font/missing-glyph ${join(templates, 'summary.hbs')} ${line}:${source[line - 1].indexOf('⚫') + 1}`,
    ]);
    expect(exitCodeOf(problems)).toBe(1);
  });
});

// --- templates: every mistake in Japanese at its line and column -------------------------------------

/** templates/ with summary.hbs replaced (and partials added), the summary's problems for the valid plan. */
function summaryProblems(summary: string, partials: Record<string, string> = {}): Problem[] {
  const dir = join(tempDir('shien-templates-'), 'templates');
  cpSync(join(ROOT, 'templates'), dir, { recursive: true });
  writeFileSync(join(dir, 'summary.hbs'), summary);
  for (const [name, text] of Object.entries(partials)) writeFileSync(join(dir, 'partials', `${name}.hbs`), text);
  return checkPlanSet(join(VALID, 'plan'), () => loadResources({ templatesDir: dir })).problems.map((p) => ({ ...p, file: p.file?.slice(dir.length + 1) }));
}

const HEAD = '<document>\n<title>{{title}}</title>\n';
const said = (problems: Problem[]) => problems.map((p) => `${p.code} ${p.file}:${p.place?.line}:${p.place?.column} ${p.message}`);

describe('template mistakes are said in Japanese at their line and column', () => {
  it('{{log}} is no helper: template/unknown-helper at its place, and nothing is written to stdout', () => {
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => (written.push(String(chunk)), true)) as typeof process.stdout.write;
    let problems: Problem[];
    try {
      problems = summaryProblems(`${HEAD}  {{log "秘密" level="error"}}\n</document>\n`);
    } finally {
      process.stdout.write = write;
    }
    expect(said(problems)).toEqual([expect.stringMatching(/^template\/unknown-helper summary\.hbs:3:3 未定義のヘルパー「log」です/)]);
    expect(written.join('')).toBe('');
    expect(exitCodeOf(problems)).toBe(1);
  });

  it('an unclosed {{#each}}: template/unclosed-block at the {{#each}}, not at the end of the file, with no parser tokens', () => {
    const problems = summaryProblems(`${HEAD}{{#each columns}}\n<p>{{title}}</p>\n\n\n</document>\n`);
    expect(said(problems)).toEqual(['template/unclosed-block summary.hbs:3:1 {{#each}} が閉じられていません。対応する {{/each}} を書いてください。']);
  });

  it('a block closed by another name: template/mismatched-block at the closing tag', () => {
    const problems = summaryProblems(`${HEAD}{{#each columns}}\n<p>{{title}}</p>\n  {{/if}}\n</document>\n`);
    expect(said(problems)).toEqual(['template/mismatched-block summary.hbs:5:3 {{#each}} を {{/if}} で閉じています。{{/each}} にしてください。']);
  });

  it('a recursive partial: template/recursive-partial at the call in the partial, not 「Maximum call stack size exceeded」', () => {
    const problems = summaryProblems(`${HEAD}{{> loop}}\n</document>\n`, { loop: '<p>a</p>\n  {{> again}}\n', again: '{{> loop}}\n' });
    expect(said(problems)).toEqual(['template/recursive-partial partials/loop.hbs:2:3 部分テンプレート「again」が自分自身を呼び出しています（again → loop → again）。終わりがないため、文書を作れません。']);
  });

  it('a helper that throws: template/helper at the helper call', () => {
    const problems = summaryProblems(`${HEAD}<p>和暦は\n  {{era title}}</p>\n</document>\n`);
    expect(said(problems)).toEqual([expect.stringMatching(/^template\/helper summary\.hbs:4:3 ヘルパーが値を扱えません: era: 整数ではありません/)]);
  });

  it('{{nosuch.deep}} names 「nosuch」, the name that is missing', () => {
    const problems = summaryProblems(`${HEAD}<p>{{nosuch.deep}}</p>\n</document>\n`);
    expect(said(problems)).toEqual(['template/unknown-field summary.hbs:3:6 データにない項目「nosuch」を参照しています。']);
  });

  it('{{__proto__.constructor.name}}: template/forbidden-name in Japanese, before anything runs', () => {
    const problems = summaryProblems(`${HEAD}<p>{{__proto__.constructor.name}}</p>\n</document>\n`);
    expect(said(problems)).toEqual(['template/forbidden-name summary.hbs:3:6 「__proto__.constructor.name」の「__proto__」はデータの項目ではなく、JavaScript の内部の名前です。テンプレートでは使えません。']);
  });
});

// --- options: nothing ignored or guessed --------------------------------------------------------------

describe('conflicting and empty options are refused before anything is written', () => {
  let dir: string;
  let out: string;
  let before: Record<string, string>;
  beforeAll(async () => {
    dir = tempDir('shien-options-');
    cpSync(VALID, dir, { recursive: true });
    out = join(dir, 'out');
    // The outputs the refused commands must leave alone, made in this process.
    expect(reportProblems(await build({ planDir: join(dir, 'plan'), outDir: out, workers: 1 }, context))).toEqual([]);
    before = snapshotOf(dir);
  });

  /**
   * Each case: the command line, its problem and message. A case with build's options after them is
   * run in this process: its problem is found by the build (not by the reading of the options), and
   * a spawned case above of the same code, or one found by the build (--out into the jurisdiction
   * files), shows such a problem printed, exit code 2 and nothing written.
   */
  const cases: [string, string[], string, RegExp, Partial<BuildOptions>?][] = [
    ['--only twice', ['build', 'plan', '--out', 'out', '--only', 'summary', '--only', 'handouts'], 'usage/conflicting-options', /--only は一度だけ指定してください（「summary」と「handouts」が指定されています）。/],
    ['--only summary with --jurisdiction', ['build', 'plan', '--out', 'out', '--only', 'summary', '--jurisdiction', '13'], 'usage/conflicting-options', /--only summary と --jurisdiction は一緒に使えません/, { only: 'summary', jurisdictions: ['13'] }],
    ['--diagnostics twice', ['validate', 'plan', '--diagnostics', 'json', '--diagnostics', 'human'], 'usage/conflicting-options', /--diagnostics は一度だけ指定してください/],
    ["--format ''", ['build', 'plan', '--out', 'out', '--format', ''], 'usage/empty-option', /--format の値が空です。/],
    ["--out ''", ['build', 'plan', '--out', ''], 'usage/invalid-argument', /オプション --out の値「」は使えません。空の値は使えません。/],
    ['--out into the jurisdiction files', ['build', 'plan', '--out', 'plan/jurisdictions'], 'usage/out-is-plan', /出力先 plan\/jurisdictions は計画のフォルダ（かその中）です。/],
    ['--out into templates/', ['build', 'plan', '--out', join(ROOT, 'templates')], 'usage/out-is-source', /はテンプレートのフォルダ（かその中）です。/],
    ['--out into fonts/', ['build', 'plan', '--out', join(ROOT, 'fonts', 'x')], 'usage/out-is-source', /は書体のフォルダ（かその中）です。/, { outDir: join(ROOT, 'fonts', 'x') }],
  ];
  for (const [what, args, code, message, inProcess] of cases) {
    it(`${what}: ${code}, exit 2, nothing written`, async () => {
      if (inProcess) {
        const r = await build({ planDir: join(dir, 'plan'), outDir: out, workers: 1, ...inProcess }, context);
        const problems = reportProblems(r);
        expect(exitCodeOf(problems), JSON.stringify(problems)).toBe(2);
        const said = problems.map((p) => `${p.message} [${p.code}]`).join('\n');
        expect(said).toContain(`[${code}]`);
        expect(said).toMatch(message);
        expect(r.documents.filter((d) => !d.skipped)).toEqual([]);
        expect(snapshotOf(dir)).toEqual(before);
        return;
      }
      const r = shien(args, { cwd: dir });
      expect(r.status, r.stderr + r.stdout).toBe(2);
      const said = r.stdout.startsWith('[') ? (JSON.parse(r.stdout) as { code: string; message: string }[]).map((d) => `${d.message} [${d.code}]`).join('\n') : r.stderr;
      expect(said).toContain(`[${code}]`);
      expect(said).toMatch(message);
      expect(r.stdout).not.toContain('出力先:');
      expect(snapshotOf(dir)).toEqual(before);
    });
  }

  it('plan.yaml without its jurisdictions: line while jurisdiction files exist: a warning, exit 0, the handouts made before kept', async () => {
    const plan = join(dir, 'plan', 'plan.yaml');
    const text = readFileSync(plan, 'utf8');
    writeFileSync(plan, text.replace(/^jurisdictions: .*\n/m, ''));
    try {
      const handouts = Object.keys(before).filter((f) => f.includes('/out/handouts/'));
      expect(handouts.length).toBeGreaterThan(0);
      const warning = /^plan\/plan\.yaml: warning: plan\.yaml に都道府県等の一覧（jurisdictions:）がありませんが、jurisdictions\/ に都道府県等のファイルが 1 個あります。.* \[plan\/no-registry\]$/m;
      // The command validate: the warning printed, exit 0. The build in this process: the same
      // warning, exit 0, and the handouts (it decides what to keep, not the command line).
      const r = shien(['validate', 'plan'], { cwd: dir });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(warning);
      const built = reportProblems(await build({ planDir: join(dir, 'plan'), outDir: out, workers: 1 }, context));
      expect(exitCodeOf(built)).toBe(0);
      expect(built.map((p) => formatProblem(p, dir)).join('\n')).toMatch(warning);
      const after = snapshotOf(dir);
      for (const f of handouts) expect(after[f], f).toBe(before[f]);
    } finally {
      writeFileSync(plan, text);
    }
  });
});

describe('survey export never writes over a workbook filled in since', () => {
  it('a filled-in workbook in the output folder: survey/would-overwrite at its first changed cell, exit 1, kept byte for byte; --force writes it', async () => {
    // The small valid plan set (Tokyo and Osaka): the commands check it, not the 69 files of r5.
    const dir = tempDir('shien-export-again-');
    cpSync(VALID, dir, { recursive: true });
    const plan = join(dir, 'plan');
    const out = join(dir, 'out');
    const set = checkPlan(plan).set!;
    // Both workbooks as the command exports them (dated as the command dates them, by the plan's
    // publication day): made in this process, as the command's writing of a workbook is shown by the runs below.
    const time = documentTime({ date: documentDate(set.plan) });
    expect((await exportSurveys(set, { outDir: out, jurisdictions: ['13', '27'], time })).problems).toEqual([]);
    const filled = join(out, '13-tokyo.xlsx');
    const untouched = join(out, '27-osaka.xlsx');
    const asExported = readFileSync(filled);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(asExported as unknown as ArrayBuffer);
    wb.getWorksheet(SHEET.contacts)!.getCell('E6').value = '記入した所在地';
    writeFileSync(filled, Buffer.from(await wb.xlsx.writeBuffer()));
    const bytes = readFileSync(filled);
    const other = readFileSync(untouched);

    const r = shien(['survey', 'export', plan, '--out', out, '--jurisdiction', '13', '--jurisdiction', '27']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/13-tokyo\.xlsx 「相談窓口」 E6: error: この調査票は、書き出した後に記入されています（「所在地」が「記入した所在地」、書き出すと「.*」）。上書きすると記入が失われます。 \[survey\/would-overwrite\]$/m);
    expect(readFileSync(filled).equals(bytes)).toBe(true);
    // The unchanged workbook of another jurisdiction is written again, the same bytes.
    expect(readFileSync(untouched).equals(other)).toBe(true);

    const forced = shien(['survey', 'export', plan, '--out', out, '--jurisdiction', '13', '--force']);
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(filled).equals(asExported)).toBe(true);
  });
});

// --- YAML: each message in Japanese, at its place -----------------------------------------------------

describe('plan file mistakes said precisely, at their place', () => {
  let dir: string;
  let original: { plan: string; tokyo: string };
  const planFile = () => join(dir, 'plan', 'plan.yaml');
  const tokyoFile = () => join(dir, 'plan', 'jurisdictions', '13-tokyo.yaml');
  beforeAll(() => {
    dir = tempDir('shien-yaml-');
    cpSync(VALID, dir, { recursive: true });
    original = { plan: readFileSync(planFile(), 'utf8'), tokyo: readFileSync(tokyoFile(), 'utf8') };
  });
  /** With plan.yaml (or Tokyo's file) written as given: `run` (validate, spawned or in process) gives the printed problems. */
  const written = <R>(file: 'plan' | 'tokyo', content: string | Buffer, run: () => R): R => {
    writeFileSync(file === 'plan' ? planFile() : tokyoFile(), content);
    try {
      return run();
    } finally {
      writeFileSync(planFile(), original.plan);
      writeFileSync(tokyoFile(), original.tokyo);
    }
  };
  /** The command `validate`, as a user runs it in the folder. */
  const validate = (file: 'plan' | 'tokyo', content: string | Buffer) => written(file, content, () => shien(['validate', 'plan'], { cwd: dir }));
  /**
   * The same check in this process, printed as validate prints it: for a second value of a fault whose
   * kind a spawned validate above has shown to be printed, with its exit code.
   */
  const validateIn = (file: 'plan' | 'tokyo', content: string | Buffer) =>
    written(file, content, () => {
      const problems = checkPlan(join(dir, 'plan')).problems;
      return { status: exitCodeOf(problems), stderr: problems.map((p) => formatProblem(p, dir) + '\n').join('') };
    });
  /**
   * One validate for two faults of plan.yaml's values (the command reports every value wrong in a
   * file): a status with raw control bytes and a fiscal year too large to be a number.
   */
  let values: ReturnType<typeof validate> | undefined;
  const valuesRun = () =>
    (values ??= validate('plan', original.plan.replace(/^status: .*$/m, 'status: \x1b[2J\x1b]0;pwned\x07draft').replace(/^fiscalYear: .*$/m, 'fiscalYear: 1e309')));

  it('an alias bomb: yaml/alias-limit in Japanese at the first alias, no English', () => {
    const r = validate('plan', ['a: &a [x,x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]', ''].join('\n'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^plan\/plan\.yaml:2:8: error: エイリアス（\*）の展開が多すぎます.* \[yaml\/alias-limit\]$/m);
    expect(r.stderr).not.toMatch(/Excessive|attack/);
  });

  it('a raw ESC byte is shown as \\x1b, never sent to the terminal', () => {
    const r = valuesRun();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^plan\/plan\.yaml:2:9: error: .* \[plan\/invalid-value\]$/m);
    expect(r.stderr).toContain('status: \\x1b[2J\\x1b]0;pwned\\x07draft');
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });

  it('invalid UTF-8 that is not Shift_JIS is not called Shift_JIS; Shift_JIS is', () => {
    const broken = validate('plan', Buffer.concat([Buffer.from('fiscalYear: 2023\ntitle: '), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from('\n')]));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^plan\/plan\.yaml:2:8: error: UTF-8 として読めないバイトがあります。.* \[file\/encoding\]$/m);
    expect(broken.stderr).not.toContain('Shift_JIS のよう');
    expect(broken.stderr).toContain('実際: バイト FF FE FD');
    const sjis = validateIn('plan', Buffer.concat([Buffer.from('fiscalYear: 2023\ntitle: '), Buffer.from([0x93, 0x8c, 0x8b, 0x9e]), Buffer.from('\n')]));
    expect(sjis.stderr).toMatch(/^plan\/plan\.yaml:2:8: error: 文字コードが UTF-8 ではありません（Shift_JIS のようです）。/m);
  });

  it('fiscalYear: 1e309 is too large, not 「数値 Infinity」; 1868 names the range', () => {
    const huge = valuesRun();
    expect(huge.status).toBe(1);
    expect(huge.stderr).toMatch(/^plan\/plan\.yaml:1:13: error: 「fiscalYear」の数値 1e309 は大きすぎて、数として扱えません。 \[plan\/out-of-range\]$/m);
    expect(huge.stderr).not.toContain('Infinity');
    const old = validateIn('plan', original.plan.replace(/^fiscalYear: .*$/m, 'fiscalYear: 1868'));
    expect(old.status).toBe(1);
    expect(old.stderr).toMatch(/^plan\/plan\.yaml:1:13: error: 年度は 1926 から 2200 までの西暦で書いてください（例: 2023）。 \[plan\/out-of-range\]$/m);
  });

  it('a URL with spaces is told about the spaces, not to start with https://', () => {
    const r = validate('tokyo', original.tokyo.replace(/url: https:\/\/example\.jp\/center/, 'url: https://exa mple.jp/a b'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^plan\/jurisdictions\/13-tokyo\.yaml:\d+:8: error: URL に空白は使えません（空白を消すか、%20 と書いてください）。 \[plan\/invalid-format\]$/m);
  });

  it('SOURCE_DATE_EPOCH out of range is said to be out of range, not 「整数ではありません」', () => {
    const r = shien(['validate', 'plan'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '999999999999999' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^shien: error: 環境変数 SOURCE_DATE_EPOCH「999999999999999」は範囲の外です（0 から 253402300799 まで。.* \[env\/source-date-epoch\]$/m);
    expect(r.stderr).not.toContain('整数ではありません');
  });
});
