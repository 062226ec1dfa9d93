import { createHash } from 'node:crypto';

// The survey workbook's layout, in one place: the export writes it, the import reads by it, and
// its digest (stored in the workbook) tells the import whether a returned workbook still has it.

/** The workbooks' folder, under the plan's output folder: output/<plan>/survey. */
export const SURVEY_DIR = 'survey';

/** Bumped when the meaning of a cell changes, so that workbooks of an older layout are refused. */
export const LAYOUT_VERSION = 1;

export const SHEET = { guide: '記入方法', programmes: '事業', contacts: '相談窓口' } as const;

/** 「記入方法」's title, which names the fiscal year and the jurisdiction: where a refusal for either points. */
export const TITLE_CELL = 'B1';

/** The rows above the data on the two data sheets. */
export const ROW = { title: 1, guide: 2, header: 3, note: 4, firstData: 5 } as const;

export interface Column {
  key: string;
  header: string;
  /** Under the header: whether the column is required, and how to fill it. */
  note: string;
  /** In Excel's units (the width of a digit); a Japanese character takes about two. */
  width: number;
  /** Written by the export and locked: the respondent does not fill it in. */
  fixed?: boolean;
}

/**
 * Every data row says whose it is (団体コード・団体名), as in the ministry's usual 照会 forms: the
 * rows of all the returned workbooks can be pasted into one list and still be told apart.
 */
const WHOSE: readonly Column[] = [
  { key: 'jurisdictionCode', header: '団体コード', note: '記入不要', width: 11, fixed: true },
  { key: 'jurisdictionName', header: '団体名', note: '記入不要', width: 13, fixed: true },
];

export const PROGRAMME_COLUMNS = [
  ...WHOSE,
  { key: 'category', header: '区分', note: '必須。一覧から選ぶ', width: 54 },
  { key: 'item', header: '事業名', note: '必須。一行に一つ', width: 44 },
  { key: 'etc', header: '「等」', note: '付けるときだけ選ぶ', width: 12 },
] as const satisfies readonly Column[];

export const CONTACT_COLUMNS = [
  ...WHOSE,
  { key: 'role', header: '種別', note: '記入不要', width: 22, fixed: true },
  { key: 'name', header: '名称', note: '必須', width: 32 },
  { key: 'address', header: '所在地', note: '任意', width: 36 },
  { key: 'phone', header: '電話', note: '任意。例: 03-1234-5678', width: 17 },
  { key: 'url', header: 'URL', note: '任意。http:// か https:// で始める', width: 32 },
] as const satisfies readonly Column[];

export type ProgrammeKey = (typeof PROGRAMME_COLUMNS)[number]['key'];
export type ContactKey = (typeof CONTACT_COLUMNS)[number]['key'];

/** The letter of a column by its key: `C` for the programmes' category. */
export function columnLetter(columns: readonly Column[], key: string): string {
  const i = columns.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`no column ${key}`);
  return String.fromCharCode(65 + i);
}

/** Rows made ready (formatted, unlocked, validated) beyond what is prefilled, so there is room to add. */
export const SPARE_ROWS = { programmes: 60, contacts: 10 } as const;
/** At least this many rows in all, whatever is prefilled. */
export const MIN_ROWS = { programmes: 100, contacts: 20 } as const;

/** The first row of 「相談窓口」 is the 中小企業支援センター (required); the rows after it, other contacts. */
export const ROLE = { center: '中小企業支援センター', other: 'そのほかの相談窓口' } as const;

/** The one value of the 「等」 column's drop-down; a blank cell means no 「等」. */
export const ETC_MARK = '付ける';

/** The defined name of the categories' titles listed on 「記入方法」, which the 区分 drop-down offers. */
export const CATEGORY_LIST_NAME = '区分一覧';

/**
 * The hidden cell that says what the workbook is: the jurisdiction, the fiscal year and the layout
 * digest, as JSON. On the protected 「記入方法」, in a hidden column, so no one edits it by accident.
 */
export const META = { sheet: SHEET.guide, column: 'H', cell: 'H1' } as const;

export interface Meta {
  survey: number;
  code: string;
  fiscalYear: number;
  layout: string;
}

/** What identifies a layout: the data sheets by name, each with its header row and headers in order. */
export interface LayoutShape {
  sheets: { name: string; headerRow: number; headers: string[] }[];
}

export function expectedShape(): LayoutShape {
  return {
    sheets: [
      { name: SHEET.programmes, headerRow: ROW.header, headers: PROGRAMME_COLUMNS.map((c) => c.header) },
      { name: SHEET.contacts, headerRow: ROW.header, headers: CONTACT_COLUMNS.map((c) => c.header) },
    ],
  };
}

export function layoutDigest(shape: LayoutShape): string {
  const canonical = JSON.stringify({ version: LAYOUT_VERSION, guide: SHEET.guide, meta: META.cell, firstData: ROW.firstData, ...shape });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
