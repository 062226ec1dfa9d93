import type ExcelJS from 'exceljs';
import Workbook from 'exceljs/lib/doc/workbook.js';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod';
import { formatPath, hasErrors, type CellPlace, type Problem } from '../core/problem.js';
import { didYouMean } from '../core/suggest.js';
import { fileStem } from '../plan/files.js';
import { LocalPlan, localPlanIssues, type Jurisdiction } from '../plan/jurisdiction.js';
import { checkJurisdiction, type PlanSet } from '../check/plan-set.js';
import { fiscalYearName } from '../text/era.js';
import { plansIn } from '../plan/years.js';
import { checkArchive } from './archive.js';
import { cellOrder, cellText, serialDate, type CellText } from './cells.js';
import {
  columnLetter, CONTACT_COLUMNS, ETC_MARK, expectedShape, layoutDigest, LAYOUT_VERSION, META, PROGRAMME_COLUMNS, ROLE, ROW, SHEET,
  TITLE_CELL, type Column, type LayoutShape,
} from './layout.js';

// A returned workbook → one jurisdiction's data, checked as its YAML file would be: the same schema
// (LocalPlan), the same rules beyond it (localPlanIssues), then the one check of a jurisdiction's data
// that plan loading asks too (check/plan-set.ts checkJurisdiction: its characters, its handout made).
// Every problem names the workbook, the sheet and the cell.

/** A survey workbook is tens of kilobytes; anything this large is not one (nor worth unzipping). */
export const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;

export interface SurveyRead {
  file: string;
  /** Whose the workbook is, once its hidden cell has been read and accepted. */
  jurisdiction?: Jurisdiction;
  /** The data, when nothing is wrong with it. */
  local?: LocalPlan;
  problems: Problem[];
}

/** Where each value of the data was read from, by its path (`contacts[0].phone`), and the column's header. */
type Cells = Map<string, { cell: CellPlace; header: string; found?: string }>;

const SHEET_ORDER: string[] = [SHEET.guide, SHEET.programmes, SHEET.contacts];

const MetaCell = z.strictObject({
  survey: z.int(),
  code: z.string(),
  fiscalYear: z.int().min(1926).max(2200),
  layout: z.string(),
});

export async function readSurvey(file: string, set: PlanSet): Promise<SurveyRead> {
  const problem = (code: string, message: string, extra: Partial<Problem> = {}): Problem => ({ severity: 'error', code, message, file, ...extra });
  const refuse = (code: string, message: string, extra: Partial<Problem> = {}): SurveyRead => ({ file, problems: [problem(code, message, extra)] });

  const opened = await openWorkbook(file);
  if ('problem' in opened) return refuse(opened.code ?? 'survey/unreadable', opened.problem, { hint: opened.hint });
  const wb = opened.workbook;

  const metaText = wb.getWorksheet(SHEET.guide)?.getCell(META.cell).value;
  const metaRead = cellText(metaText ?? null);
  let meta: z.infer<typeof MetaCell> | undefined;
  try {
    meta = 'text' in metaRead ? MetaCell.parse(JSON.parse(metaRead.text)) : undefined;
  } catch {
    meta = undefined;
  }
  if (!meta) {
    return refuse('survey/not-a-survey', `このブックは調査票ではありません（「${SHEET.guide}」のシートに調査票の情報がありません）。`, {
      hint: 'npx shien survey export で書き出した調査票に記入してください。',
    });
  }

  const altered = layoutProblems(wb, meta.layout);
  if (altered.length) return { file, problems: altered.map((p) => ({ ...p, file })) };
  if (meta.layout !== layoutDigest(expectedShape()) || meta.survey !== LAYOUT_VERSION) {
    return refuse('survey/old-layout', 'この調査票は、いまとは別の様式で書き出されたものです。', {
      cell: { sheet: SHEET.guide, cell: TITLE_CELL },
      hint: 'npx shien survey export で書き出し直した調査票に書き写してください。',
    });
  }

  const { plan, registry } = set;
  const j = registry.find((r) => r.code === meta.code);
  if (!j) {
    return refuse('survey/wrong-jurisdiction', `調査票の団体コード「${meta.code}」は、計画の都道府県等の一覧にありません。`, { cell: { sheet: SHEET.guide, cell: TITLE_CELL } });
  }
  // Returned files are often renamed, but a name that starts with another jurisdiction's code says
  // the file was sent to, or filled in by, someone else. (Other leading digits, a date, say nothing.)
  const named = /^(\d{6}|\d{2})(?!\d)/.exec(basename(file))?.[1];
  const other = named !== j.code ? registry.find((r) => r.code === named) : undefined;
  if (other) {
    return refuse('survey/wrong-jurisdiction', `この調査票は${j.name}（${j.code}）のものですが、ファイル名は${other.name}（${other.code}）を指しています。`, {
      cell: { sheet: SHEET.guide, cell: TITLE_CELL },
      hint: `取り違えがないか確かめてください。${j.name}の回答なら、ファイル名を ${fileStem(j)}.xlsx にしてください。`,
    });
  }
  if (meta.fiscalYear !== plan.fiscalYear) {
    // The usual cause is the plan, not the workbook: the answers are for a year whose plan is elsewhere or not made yet.
    const theirs = plansIn(join(set.dir, '..')).find((p) => p.fiscalYear === meta!.fiscalYear);
    const year = fiscalYearName(meta.fiscalYear);
    return refuse('survey/wrong-year', `この調査票は${year}（${meta.fiscalYear}）のものです。取り込もうとした計画 ${set.dir} は${fiscalYearName(plan.fiscalYear)}（${plan.fiscalYear}）です。`, {
      cell: { sheet: SHEET.guide, cell: TITLE_CELL },
      hint: theirs
        ? `${year}の計画に取り込むなら、そのフォルダを最後に書いてください: npx shien survey import ${file} ${theirs.dir}`
        : meta.fiscalYear > plan.fiscalYear
          ? `${year}の計画はまだありません。npx shien init-year ${meta.fiscalYear} で作ってから取り込んでください。`
          : `${year}の計画はありません。${fiscalYearName(plan.fiscalYear)}の回答なら、この年度の調査票を npx shien survey export で書き出して、書き写してください。`,
    });
  }

  // exceljs gives every cell of a merged range the master's value: read on, it would be data twice.
  const merged = [mergedProblems(wb.getWorksheet(SHEET.programmes)!, PROGRAMME_COLUMNS), mergedProblems(wb.getWorksheet(SHEET.contacts)!, CONTACT_COLUMNS)].flat();
  if (merged.length) return { file, jurisdiction: j, problems: merged.map((p) => ({ ...p, file })) };

  const cells: Cells = new Map();
  const problems: Problem[] = [];
  const data = {
    code: j.code,
    // The jurisdiction's own reply: real data, not the sample the file may have held.
    sample: false,
    ...readContacts(wb.getWorksheet(SHEET.contacts)!, cells, (p) => problems.push(problem(p.code, p.message, p))),
    programmes: readProgrammes(wb.getWorksheet(SHEET.programmes)!, set, cells, (p) => problems.push(problem(p.code, p.message, p))),
  };

  if (!problems.length && !data.programmes.length && !data.contacts.length && isDeepStrictEqual(data.center, { name: '' })) {
    // Sent back as it went out, for a jurisdiction with nothing yet: one message, not an empty name.
    return refuse('survey/blank', `何も記入されていません。「${SHEET.contacts}」の最初の行（${ROLE.center}）と「${SHEET.programmes}」を書いてください。`, {
      cell: { sheet: SHEET.contacts, cell: `${columnLetter(CONTACT_COLUMNS, 'name')}${ROW.firstData}` },
    });
  }
  const parsed = LocalPlan.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(problem(...issueProblem(issue, cells)));
  } else {
    const local = parsed.data;
    for (const issue of localPlanIssues(local, j, plan)) {
      const at = cellOf(cells, issue.path);
      problems.push(problem(issue.code.replace(/^plan\//, 'survey/'), issue.message, { cell: at?.cell, expected: issue.expected }));
    }
    const checked = checkJurisdiction(plan, j, { file, plan: local }, set.resources);
    for (const p of checked.glyphs) {
      // The data path means nothing to the person who filled in the sheet; the cell does.
      problems.push({ ...p, path: undefined, cell: p.path ? cellOf(cells, parsePath(p.path))?.cell : undefined });
    }
    if (!hasErrors(problems) && checked.handout) problems.push(...checked.handout().problems);
  }
  const sorted = onePerCell(problems);
  return { file, jurisdiction: j, ...(hasErrors(sorted) || !parsed.success ? {} : { local: parsed.data }), problems: sorted };
}

type Opened = { workbook: ExcelJS.Workbook } | { problem: string; hint?: string; code?: string };

async function openWorkbook(file: string): Promise<Opened> {
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { problem: `ファイルではありません: ${file}` };
    if (st.size > MAX_WORKBOOK_BYTES) return { problem: `調査票にしては大きすぎます（${st.size} バイト、上限 ${MAX_WORKBOOK_BYTES} バイト）。` };
    bytes = readFileSync(file);
  } catch (e) {
    return { problem: `ファイルを読めません（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）: ${file}` };
  }
  // An .xlsx is a zip; the older .xls and a workbook saved with a password to open are OLE files.
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    return {
      problem: 'Excel 97-2003 形式（.xls）か、開くときのパスワードが付いたブックです。読めません。',
      hint: 'パスワードを外し、「Excel ブック（*.xlsx）」の形式で保存し直してください。',
    };
  }
  if (!bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
    return { problem: 'Excel のブック（.xlsx）ではありません。', hint: '書き出した調査票を「Excel ブック（*.xlsx）」の形式で保存してください。' };
  }
  const archive = await checkArchive(bytes);
  if (!archive.ok) return { problem: archive.message, hint: archive.hint, code: archive.code };
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    return { problem: `Excel のブック（.xlsx）として読めません（壊れているか、別の形式です: ${(e as Error).message}）。` };
  }
  return { workbook };
}

/** The headers a workbook has where the layout puts them, trailing empty cells left out. */
function readShape(wb: ExcelJS.Workbook, expected: LayoutShape): LayoutShape {
  return {
    sheets: expected.sheets.map((s) => {
      const ws = wb.getWorksheet(s.name);
      const row = ws?.getRow(s.headerRow);
      const headers = Array.from({ length: Math.max(row?.cellCount ?? 0, s.headers.length) }, (_, i) => {
        const t = cellText(row?.getCell(i + 1).value ?? null);
        return 'text' in t ? t.text : 'number' in t ? String(t.number) : '';
      });
      while (headers.length && headers[headers.length - 1] === '') headers.pop();
      return { name: ws ? s.name : '', headerRow: s.headerRow, headers };
    }),
  };
}

/** A workbook whose sheets or headers differ from those it was made with, said at the first difference. */
function layoutProblems(wb: ExcelJS.Workbook, stored: string): Omit<Problem, 'file'>[] {
  const expected = expectedShape();
  const found = readShape(wb, expected);
  if (layoutDigest(found) === stored) return [];
  const hint = '書き出したままの調査票に書き写してください（シートの名前・列の並び・見出しは変えない）。';
  for (const [i, want] of expected.sheets.entries()) {
    const got = found.sheets[i];
    if (!got.name) {
      return [{ severity: 'error', code: 'survey/altered-layout', message: `シート「${want.name}」がありません（名前を変えたか、消したものと思われます）。`, hint }];
    }
    const n = Math.max(want.headers.length, got.headers.length);
    for (let k = 0; k < n; k++) {
      if (want.headers[k] === got.headers[k]) continue;
      const ref = `${String.fromCharCode(65 + k)}${want.headerRow}`;
      return [{
        severity: 'error', code: 'survey/altered-layout', cell: { sheet: want.name, cell: ref },
        message: `見出しが「${want.headers[k] ?? '（なし）'}」ではなく「${got.headers[k] || '（空欄）'}」です。列を挿入・削除・移動した調査票は取り込めません。`,
        hint,
      }];
    }
  }
  // Headers as expected, yet not as stored: the layout of another version, or the hidden cell was edited.
  return [{
    severity: 'error', code: 'survey/altered-layout', cell: { sheet: SHEET.guide, cell: TITLE_CELL },
    message: '調査票の様式の情報（隠しセル）が、シートの見出しと合いません。',
    hint,
  }];
}

/** Each merged range that reaches into the rows and columns the data is read from, at its cells. */
function mergedProblems(ws: ExcelJS.Worksheet, columns: readonly Column[]): Omit<Problem, 'file'>[] {
  const ranges = (ws.model as { merges?: string[] }).merges ?? [];
  const last = columnLetter(columns, columns[columns.length - 1].key);
  return ranges
    .filter((range) => {
      const [from, to = from] = range.split(':');
      const [[, firstCol], [lastRow]] = [cellOrder(from), cellOrder(to)];
      return lastRow >= ROW.firstData && firstCol <= cellOrder(`${last}1`)[1];
    })
    .sort((a, b) => cellOrder(a)[0] - cellOrder(b)[0] || cellOrder(a)[1] - cellOrder(b)[1])
    .map((range) => ({
      severity: 'error', code: 'survey/merged-cells', cell: { sheet: ws.name, cell: range },
      message: `セル ${range} が結合されています。結合したセルの値は、どの行・列のものか決められないため取り込めません。`,
      hint: 'セルの結合を解除し（「ホーム」→「セルを結合して中央揃え」→「セル結合の解除」）、一つのセルに一つの値を書いてください。',
    }));
}

type Report = (p: { code: string; message: string; cell: CellPlace; expected?: string; found?: string; suggestion?: string }) => void;

/** A cell as text for the data; a number or date in its place is reported here, once, and read as nothing. */
function reader(ws: ExcelJS.Worksheet, columns: readonly Column[], report: Report) {
  return (row: number, key: string): string | undefined => {
    const ref = `${columnLetter(columns, key)}${row}`;
    const header = columns.find((c) => c.key === key)!.header;
    const read = cellText(ws.getCell(ref).value);
    if ('text' in read) return read.text;
    report({ code: 'survey/not-text', cell: { sheet: ws.name, cell: ref }, ...notText(header, read) });
    return undefined;
  };
}

/**
 * Every column read is text: a number there was typed as text and turned by the program into a
 * number or a date (a phone number loses its leading 0, 「1-2-3」 becomes a date), so taking its
 * digits would publish what no one wrote.
 */
function notText(header: string, read: Exclude<CellText, { text: string }>): { message: string; found: string } {
  const again = '文字列として入力し直してください（セルの書式を「文字列」にするか、先頭に \' を付ける）。';
  if ('other' in read) return { message: `「${header}」に文字列でない値（${read.other}）が入っています。${again}`, found: read.other };
  if ('date' in read) return { message: `「${header}」が日付（${read.date}）として入力されています。${again}`, found: `日付 ${read.date}` };
  const date = serialDate(read.number);
  const why = date ? `日付を入力したなら、${date} がこの数として保存されています` : '先頭の 0 や区切りの記号が消えます';
  return { message: `「${header}」が数値（${read.number}）として入力されています（${why}）。${again}`, found: `数値 ${read.number}` };
}
/** The cell a data path was read from, or the nearest enclosing one (a group, for its empty list). */
function cellOf(cells: Cells, path: readonly PropertyKey[]) {
  for (let n = path.length; n >= 0; n--) {
    const at = cells.get(formatPath(path.slice(0, n)));
    if (at) return at;
  }
  return undefined;
}

const parsePath = (path: string) => path.split(/[.[\]]+/).filter(Boolean).map((k) => (/^\d+$/.test(k) ? Number(k) : k));

const CONTACT_KEYS = ['name', 'address', 'phone', 'url'] as const;

/** The first row is the 中小企業支援センター, always read (its name is required); later rows that are not empty are other contacts. */
function readContacts(ws: ExcelJS.Worksheet, cells: Cells, report: Report) {
  const text = reader(ws, CONTACT_COLUMNS, report);
  const read = (row: number) =>
    Object.fromEntries(CONTACT_KEYS.map((k) => [k, text(row, k)])) as Record<(typeof CONTACT_KEYS)[number], string | undefined>;
  const at = (key: string, row: number) => ({ sheet: ws.name, cell: `${columnLetter(CONTACT_COLUMNS, key)}${row}` });
  const contact = (row: number, path: string, values: ReturnType<typeof read>) => {
    cells.set(path, { cell: at('name', row), header: '名称' });
    const out: Record<string, string> = {};
    for (const k of CONTACT_KEYS) {
      const v = values[k];
      cells.set(`${path}.${k}`, { cell: at(k, row), header: CONTACT_COLUMNS.find((c) => c.key === k)!.header, found: v });
      // An empty name stays, to be reported as empty; the other fields are optional. Not text: reported already.
      if (v !== undefined && (v !== '' || k === 'name')) out[k] = v;
    }
    return out;
  };
  const center = contact(ROW.firstData, 'center', read(ROW.firstData));
  const contacts: Record<string, string>[] = [];
  for (let row = ROW.firstData + 1; row <= ws.rowCount; row++) {
    const values = read(row);
    if (CONTACT_KEYS.every((k) => values[k] === '')) continue;
    contacts.push(contact(row, `contacts[${contacts.length}]`, values));
  }
  return { center, contacts };
}

/** One row per programme; rows of one category make one group, in the order the categories first appear. */
function readProgrammes(ws: ExcelJS.Worksheet, set: PlanSet, cells: Cells, report: Report) {
  const text = reader(ws, PROGRAMME_COLUMNS, report);
  const categories = set.plan.act.categories;
  const titles = categories.map((c) => c.title);
  const groups = new Map<string, { category: string; items: string[]; etc: boolean }>();
  const at = (key: string, row: number) => ({ sheet: ws.name, cell: `${columnLetter(PROGRAMME_COLUMNS, key)}${row}` });
  for (let row = ROW.firstData; row <= ws.rowCount; row++) {
    const [title, item, etc] = [text(row, 'category'), text(row, 'item'), text(row, 'etc')];
    if (title === '' && item === '' && etc === '') continue;
    // A cell that is not text was reported already; its row read on would add an empty programme.
    if (title === undefined || item === undefined) continue;
    if (title === '') {
      report({ code: 'survey/missing-category', cell: at('category', row), message: '区分が空です。一覧から選んでください。' });
      continue;
    }
    const category = categories.find((c) => c.title === title);
    if (!category) {
      const suggestion = didYouMean(title, titles);
      report({
        code: 'survey/unknown-category', cell: at('category', row), suggestion, found: `「${title}」`,
        message: `区分「${title}」は法の事業区分にありません。` + (suggestion ? `「${suggestion}」の誤りではありませんか。` : '一覧から選んでください。'),
        expected: titles.join('、'),
      });
      continue;
    }
    let group = groups.get(category.id);
    if (!group) {
      const path = `programmes[${groups.size}]`;
      cells.set(path, { cell: at('category', row), header: '区分' });
      cells.set(`${path}.category`, { cell: at('category', row), header: '区分', found: title });
      group = { category: category.id, items: [], etc: false };
      groups.set(category.id, group);
    }
    const g = [...groups.keys()].indexOf(category.id);
    cells.set(`programmes[${g}].items[${group.items.length}]`, { cell: at('item', row), header: '事業名', found: item });
    group.items.push(item);
    if (etc === ETC_MARK) group.etc = true;
    else if (etc !== '' && etc !== undefined) {
      report({ code: 'survey/invalid-value', cell: at('etc', row), message: `「等」の欄は「${ETC_MARK}」か空欄にしてください。`, found: `「${etc}」` });
    }
  }
  return [...groups.values()];
}

/** A schema issue, said of the cell its value came from, under the code of what the cell is. */
function issueProblem(issue: z.core.$ZodIssue, cells: Cells): [string, string, Partial<Problem>] {
  const at = cellOf(cells, issue.path);
  const last = String(issue.path[issue.path.length - 1] ?? '');
  const where = { cell: at?.cell, ...(at?.found ? { found: `「${at.found}」` } : {}) };
  // The data holds only strings read from cells: a value of the wrong type is one that was not there.
  if ((issue.code === 'too_small' && issue.origin === 'string') || issue.code === 'invalid_type') {
    return ['survey/empty-text', `「${at?.header ?? last}」が空です。書いてください。`, { cell: at?.cell }];
  }
  if (issue.code === 'invalid_format' || last === 'phone' || last === 'url') {
    const code = last === 'phone' ? 'survey/invalid-phone' : last === 'url' ? 'survey/invalid-url' : 'survey/invalid-format';
    return [code, issue.message, where];
  }
  if (issue.code === 'custom') {
    const params = (issue.params ?? {}) as { code?: string };
    return [(params.code ?? 'plan/invalid').replace(/^plan\//, 'survey/'), issue.message, where];
  }
  return ['survey/invalid', issue.message, where];
}

/** The template applied to the data, as a build would: what it adds must be drawable too. */
/** One mistake per cell (a date where a name belongs is not also an empty name), in reading order. */
function onePerCell(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  const kept = problems.filter((p) => {
    if (!p.cell?.cell) return true;
    const key = `${p.cell.sheet}!${p.cell.cell}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const rank = (p: Problem) => [SHEET_ORDER.indexOf(p.cell?.sheet ?? ''), ...cellOrder(p.cell?.cell)];
  return kept
    .map((p, i) => ({ p, i, r: rank(p) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.r[2] - b.r[2] || a.i - b.i)
    .map((x) => x.p);
}
