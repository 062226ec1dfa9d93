import type ExcelJS from 'exceljs';
import Workbook from 'exceljs/lib/doc/workbook.js';
import JSZip from 'jszip';
import type { Jurisdiction, LocalPlan } from '../plan/jurisdiction.js';
import type { Plan } from '../plan/schema.js';
import { dateName, fiscalYearName } from '../text/era.js';
import { isWide } from '../text/chars.js';
import { formatDigits, type DigitStyle } from '../text/digits.js';
import {
  CATEGORY_LIST_NAME, columnLetter, CONTACT_COLUMNS, ETC_MARK, expectedShape, layoutDigest, META, MIN_ROWS, PROGRAMME_COLUMNS,
  ROLE, ROW, SHEET, SPARE_ROWS, LAYOUT_VERSION, TITLE_CELL, type Column, type Meta,
} from './layout.js';

// One jurisdiction's survey workbook: 「記入方法」 (what to fill in), 「事業」 and 「相談窓口」, prefilled
// with what its YAML file holds. Everything about where things are comes from layout.ts.

export interface SurveyInput {
  plan: Plan;
  jurisdiction: Jurisdiction;
  /** Its file's data, when it has one: the workbook starts from what the plan already says. */
  local?: LocalPlan;
  digits: DigitStyle;
}

/** The font the documents are set in, by the name a Japanese Windows gives it; charset 128 is Shift_JIS, so Excel treats it as a Japanese font. */
const FONT: Partial<ExcelJS.Font> = { name: 'BIZ UDPゴシック', size: 11, charset: 128 };
const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const THIN: Partial<ExcelJS.Borders> = Object.fromEntries(
  (['top', 'left', 'bottom', 'right'] as const).map((side) => [side, { style: 'thin', color: { argb: 'FF808080' } }]),
);
/** Text, so that a phone number keeps its leading 0 and nothing typed is taken for a date or a number. */
const TEXT_FORMAT = '@';

/**
 * The schema's phone rule (src/plan/jurisdiction.ts: digits, hyphens, brackets and spaces, 6 to 20
 * characters) as a formula Excel and LibreOffice evaluate when a cell is typed in; ASC folds
 * full-width characters first. The import checks with the schema itself, so this only warns early.
 */
export const phoneRule = (cell: string) =>
  `AND(LEN(${cell})>=6,LEN(${cell})<=20,SUMPRODUCT(--ISNUMBER(FIND(MID(ASC(${cell}),ROW(INDIRECT("1:"&LEN(${cell}))),1),"0123456789-() ")))=LEN(${cell}))`;

/** The schema's URL rule, as far as a spreadsheet formula can say it: http:// or https://. */
export const urlRule = (cell: string) => `OR(LEFT(${cell},7)="http://",LEFT(${cell},8)="https://")`;

/**
 * Neither Excel nor LibreOffice fits a row's height to wrapped text it did not see typed: each row
 * of wrapped text is given the height of its lines. A wide character takes about two digit widths.
 */
function fitHeight(text: string, width: number, size = FONT.size!): number {
  const digits = [...text].reduce((n, c) => n + (isWide(c) ? 2 : 1), 0) * (size / FONT.size!);
  return Math.ceil(Math.max(1, Math.ceil(digits / (width - 2))) * size * 1.5);
}

export function surveyTitle(plan: Plan, j: Jurisdiction, digits: DigitStyle): string {
  return `${fiscalYearName(plan.fiscalYear, digits)}${plan.title}　調査票（${j.name}）`;
}

export async function surveyWorkbook(input: SurveyInput, time: Date): Promise<Uint8Array> {
  const { plan, jurisdiction: j } = input;
  const wb = new Workbook();
  wb.creator = plan.issuer;
  wb.lastModifiedBy = plan.issuer;
  wb.created = time;
  wb.modified = time;
  wb.title = surveyTitle(plan, j, input.digits);
  wb.subject = `${j.name}の中小企業支援事業と相談窓口`;
  // Written to the core properties by exceljs, though its typings leave it out.
  Object.assign(wb, { language: 'ja-JP' });

  await guideSheet(wb, input);
  await programmeSheet(wb, input);
  await contactSheet(wb, input);
  return pinZipTimes(Buffer.from(await wb.xlsx.writeBuffer()), time);
}

function printSetup(ws: ExcelJS.Worksheet, titleRows?: string): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  ws.headerFooter = { ...ws.headerFooter, oddFooter: '&C- &P -' };
}

const GUIDE_WIDTH = 96;

async function guideSheet(wb: ExcelJS.Workbook, { plan, jurisdiction: j, local, digits }: SurveyInput): Promise<void> {
  const ws = wb.addWorksheet(SHEET.guide);
  ws.columns = [{ width: 6 }, { width: GUIDE_WIDTH }];
  const title = ws.getCell(TITLE_CELL);
  title.value = surveyTitle(plan, j, digits);
  title.font = { ...FONT, size: 14, bold: true };
  const lines: readonly (readonly [string, string, 'heading' | 'text' | 'category'])[] = [
    ['', '', 'text'],
    ['', 'この調査票について', 'heading'],
    ['', `ここに書いた内容が、中小企業支援計画の${j.name}版の「３．${j.name}の中小企業支援事業」に載ります。`, 'text'],
    ...(plan.survey?.deadline ? [['', `回答期限: ${dateName(plan.survey.deadline, digits)}`, 'text'] as const] : []),
    ...(plan.survey?.contact ? plan.survey.contact.map((line, i) => ['', `${i === 0 ? '問合せ先: ' : '　　　　　'}${line}`, 'text'] as const) : []),
    ['', '', 'text'],
    ['', '記入のしかた', 'heading'],
    ['１', `「${SHEET.programmes}」のシートに、${j.name}の中小企業支援事業を一行に一つ書いてください。「区分」は下の表の五つから選びます（一覧から選ぶ）。`, 'text'],
    ['２', `ある区分の事業名の後に「等」を付けるときは、その区分の行のどれか一つで、「等」の欄の「${ETC_MARK}」を選んでください。`, 'text'],
    ['３', `「${SHEET.contacts}」のシートの最初の行には${ROLE.center}を書いてください（名称は必須）。次の行から、そのほかの相談窓口を書いてください。所在地・電話・URL は分かるものだけで構いません。`, 'text'],
    ['４', '電話番号は数字とハイフンで（例: 03-1234-5678）、URL は http:// か https:// で始めて書いてください。', 'text'],
    ['５', '一つのセルには一行だけ書いてください（セルの中で改行しない）。文字の前後に空白を入れないでください。', 'text'],
    ['６', 'すでに書かれている内容は、いまの計画のデータです。変わったところを書き換え、なくなった事業や窓口はその行の内容を消してください（空いた行は読み飛ばします）。', 'text'],
    ['７', '灰色の欄（見出し・団体コード・団体名・種別）は変えられません。シートの名前や列の並びを変えると、取り込めなくなります。', 'text'],
    ...(local?.sample ? [['※', 'いま書かれている内容は、書式を示すための見本（架空のデータ）です。実際の内容に書き換えてください。', 'text'] as const] : []),
    ['', '', 'text'],
    ['', `事業の区分（${plan.act.heading}）`, 'heading'],
    ...plan.act.categories.map((c, i) => [`（${formatDigits(i + 1, digits)}）`, c.title, 'category'] as const),
  ];
  let firstCategoryRow = 0;
  const below = Number(/\d+$/.exec(TITLE_CELL)![0]);
  lines.forEach(([mark, text, kind], i) => {
    const row = ws.getRow(below + 1 + i);
    row.getCell(1).value = mark || null;
    row.getCell(2).value = text || null;
    const font = { ...FONT, ...(kind === 'heading' ? { bold: true } : {}) };
    for (const n of [1, 2]) {
      const cell = row.getCell(n);
      cell.font = font;
      cell.alignment = { vertical: 'top', wrapText: true, ...(n === 1 ? { horizontal: 'right' } : {}) };
      if (kind === 'category') cell.border = THIN;
    }
    if (kind === 'category' && !firstCategoryRow) firstCategoryRow = row.number;
    if (text) row.height = fitHeight(text, GUIDE_WIDTH, font.size);
  });
  // The drop-down of 「事業」 offers these cells, by a defined name: Excel and LibreOffice both accept
  // a name where a list's source is on another sheet.
  const last = firstCategoryRow + plan.act.categories.length - 1;
  wb.definedNames.add(`'${SHEET.guide}'!$B$${firstCategoryRow}:$B$${last}`, CATEGORY_LIST_NAME);

  const meta: Meta = { survey: LAYOUT_VERSION, code: j.code, fiscalYear: plan.fiscalYear, layout: layoutDigest(expectedShape()) };
  ws.getCell(META.cell).value = JSON.stringify(meta);
  ws.getColumn(META.column).hidden = true;
  ws.views = [{ showGridLines: false }];
  printSetup(ws);
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
}

interface DataSheet {
  name: string;
  columns: readonly Column[];
  title: string;
  guide: string;
  /** The prefilled rows, by column key. */
  rows: Record<string, string>[];
  /** Rows made ready in all (at least the prefilled ones). */
  capacity: number;
  /** A fixed cell's value on a row without prefilled data. */
  fixed: (row: number, key: string) => string;
  validations: Record<string, (cell: string) => ExcelJS.DataValidation>;
}

/** The two data sheets share one shape: title, guidance, headers, notes, then rows of cells. */
async function dataSheet(wb: ExcelJS.Workbook, s: DataSheet): Promise<void> {
  const ws = wb.addWorksheet(s.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: ROW.firstData - 1, topLeftCell: `A${ROW.firstData}`, activeCell: `${columnLetter(s.columns, s.columns.find((c) => !c.fixed)!.key)}${ROW.firstData}` }],
  });
  ws.columns = s.columns.map((c) => ({ key: c.key, width: c.width }));
  const span = s.columns.length;
  const put = (row: number, col: number, value: string | null, style: Partial<ExcelJS.Style>) => {
    const cell = ws.getCell(row, col);
    cell.value = value;
    cell.style = { font: FONT, ...style };
  };
  put(ROW.title, 1, s.title, { font: { ...FONT, size: 14, bold: true } });
  put(ROW.guide, 1, s.guide, { alignment: { vertical: 'top', wrapText: true } });
  ws.mergeCells(ROW.guide, 1, ROW.guide, span);
  ws.getRow(ROW.guide).height = fitHeight(s.guide, s.columns.reduce((w, c) => w + c.width, 0));
  s.columns.forEach((c, i) => {
    put(ROW.header, i + 1, c.header, { font: { ...FONT, bold: true }, fill: GREY, border: THIN, alignment: { horizontal: 'center', vertical: 'middle' } });
    put(ROW.note, i + 1, c.note, { font: { ...FONT, size: 9 }, fill: GREY, border: THIN, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } });
  });
  for (let i = 0; i < s.capacity; i++) {
    const row = ROW.firstData + i;
    s.columns.forEach((c, k) => {
      const value = s.rows[i]?.[c.key] ?? (c.fixed ? s.fixed(row, c.key) : '');
      put(row, k + 1, value || null, {
        numFmt: TEXT_FORMAT,
        border: THIN,
        alignment: { vertical: 'top', wrapText: true },
        ...(c.fixed ? { fill: GREY } : { protection: { locked: false } }),
      });
      // Each cell's rule names the cell itself; exceljs joins equal rules of a column into one range.
      const rule = s.validations[c.key];
      if (rule) ws.getCell(row, k + 1).dataValidation = rule(`${columnLetter(s.columns, c.key)}${row}`);
    });
  }
  printSetup(ws, `${ROW.header}:${ROW.note}`);
  // Locked headers; the data cells were unlocked above. Columns and rows may still be resized.
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}

const message = (title: string, error: string, prompt?: string): Partial<ExcelJS.DataValidation> => ({
  allowBlank: true,
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: title,
  error,
  ...(prompt ? { showInputMessage: true, promptTitle: title, prompt } : {}),
});

async function programmeSheet(wb: ExcelJS.Workbook, { plan, jurisdiction: j, local }: SurveyInput): Promise<void> {
  const title = new Map(plan.act.categories.map((c) => [c.id, c.title]));
  const rows = (local?.programmes ?? []).flatMap((g) =>
    g.items.map((item, i) => ({
      category: title.get(g.category) ?? g.category,
      item,
      etc: g.etc && i === g.items.length - 1 ? ETC_MARK : '',
    })),
  );
  await dataSheet(wb, {
    name: SHEET.programmes,
    columns: PROGRAMME_COLUMNS,
    title: `${j.name}の中小企業支援事業`,
    guide: `法の事業区分ごとに、${j.name}の事業を一行に一つ書いてください。区分は一覧から選びます（くわしくは「${SHEET.guide}」のシート）。`,
    rows: rows.map((r) => ({ jurisdictionCode: j.code, jurisdictionName: j.name, ...r })),
    capacity: Math.max(MIN_ROWS.programmes, rows.length + SPARE_ROWS.programmes),
    fixed: (_, key) => (key === 'jurisdictionCode' ? j.code : j.name),
    validations: {
      category: () => ({ type: 'list', formulae: [CATEGORY_LIST_NAME], ...message('区分', '区分は一覧から選んでください。', '法の事業区分を一覧から選んでください。') }),
      etc: () => ({ type: 'list', formulae: [`"${ETC_MARK}"`], ...message('「等」', `事業名の後に「等」を付けるときだけ「${ETC_MARK}」を選んでください。`) }),
    },
  });
}

async function contactSheet(wb: ExcelJS.Workbook, { jurisdiction: j, local }: SurveyInput): Promise<void> {
  const contacts = local ? [local.center, ...local.contacts] : [];
  const rows = contacts.map((c) => ({ name: c.name, address: c.address ?? '', phone: c.phone ?? '', url: c.url ?? '' }));
  await dataSheet(wb, {
    name: SHEET.contacts,
    columns: CONTACT_COLUMNS,
    title: `${j.name}の相談窓口`,
    guide: `最初の行は${ROLE.center}（名称は必須）、次の行からはそのほかの相談窓口です。所在地・電話・URL は分かるものだけ書いてください。`,
    rows: rows.map((r, i) => ({ jurisdictionCode: j.code, jurisdictionName: j.name, role: i === 0 ? ROLE.center : ROLE.other, ...r })),
    capacity: Math.max(MIN_ROWS.contacts, rows.length + SPARE_ROWS.contacts),
    fixed: (row, key) => (key === 'jurisdictionCode' ? j.code : key === 'jurisdictionName' ? j.name : row === ROW.firstData ? ROLE.center : ROLE.other),
    validations: {
      phone: (cell) => ({ type: 'custom', formulae: [phoneRule(cell)], ...message('電話', '電話番号は数字とハイフンで書いてください（例: 03-1234-5678）。', '例: 03-1234-5678') }),
      url: (cell) => ({ type: 'custom', formulae: [urlRule(cell)], ...message('URL', 'URL は http:// か https:// で始めてください。', '例: https://www.example.jp/') }),
    },
  });
}

/**
 * exceljs zips with the clock's time on every entry; the entries are written again with one fixed
 * time (jszip writes the DOS time fields from the UTC clock face, so the bytes do not depend on the
 * machine's zone). The core properties already carry the fixed time (wb.created, wb.modified).
 */
async function pinZipTimes(packed: Buffer, time: Date): Promise<Uint8Array> {
  const src = await JSZip.loadAsync(packed);
  const out = new JSZip();
  for (const [name, entry] of Object.entries(src.files)) {
    if (!entry.dir) out.file(name, await entry.async('uint8array'), { date: time, createFolders: false });
  }
  return out.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}
