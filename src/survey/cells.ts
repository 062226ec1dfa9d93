import type ExcelJS from 'exceljs';

// What a cell holds, as text. A cell typed in Excel or LibreOffice can hold more than text: rich
// text (part of it bold), a hyperlink (Excel makes one of a typed URL), a formula's result, a number
// or a date that the program guessed from what was typed.

export type CellText = { text: string } | { number: number } | { date: string } | { other: string };

/** Text as the YAML loader reads it: NFC, so that a Mac's decomposed kana is searchable in the PDF. */
const text = (s: string): CellText => ({ text: s.normalize('NFC') });

export function cellText(value: ExcelJS.CellValue): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return text(value);
  if (typeof value === 'number') return { number: value };
  if (typeof value === 'boolean') return { other: `真偽値 ${value ? 'TRUE' : 'FALSE'}` };
  if (value instanceof Date) return { date: ymd(value) };
  if ('richText' in value) return text(value.richText.map((r) => r.text).join(''));
  if ('hyperlink' in value) return typeof value.text === 'string' ? text(value.text) : cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return { other: `エラー値 ${value.error}` };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    return result === undefined ? { other: '結果が保存されていない式' } : cellText(result as ExcelJS.CellValue);
  }
  return { other: '読めない値' };
}

/** `C7` → [7, 3]: row and column, to sort problems as a reader scans a sheet (a range `C7:D8` by its first cell). */
export function cellOrder(ref: string | undefined): [number, number] {
  const m = /^([A-Z]+)(\d+)(?::|$)/.exec(ref ?? '');
  if (!m) return [0, 0];
  const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return [Number(m[2]), column];
}

/**
 * The day a whole number stands for when it is a date's serial number of 1950–2099, as 2023/1/1.
 * Japanese Excel's built-in 和暦 formats are stored by number only (ids 27–36, 50–58), which exceljs
 * does not know: a date shown in one of them reads as its serial number (2023/1/1 as 44927).
 */
export function serialDate(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 18_264 || n > 73_050) return undefined;
  // Excel's day 0 is 1899-12-30 (it counts 1900 as a leap year, as Lotus did).
  return ymd(new Date(Date.UTC(1899, 11, 30) + n * 86_400_000));
}

/** exceljs reads a date cell as midnight UTC of that day. */
const ymd = (d: Date) => `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
