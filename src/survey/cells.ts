import type ExcelJS from 'exceljs';

// What a cell holds, as text. A cell typed in Excel or LibreOffice can hold more than text: rich
// text (part of it bold), a hyperlink (Excel makes one of a typed URL), a formula's result, a number
// or a date that the program guessed from what was typed.

export type CellText = { text: string } | { number: number } | { other: string };

/** Text as the YAML loader reads it: NFC, so that a Mac's decomposed kana is searchable in the PDF. */
const text = (s: string): CellText => ({ text: s.normalize('NFC') });

export function cellText(value: ExcelJS.CellValue): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return text(value);
  if (typeof value === 'number') return { number: value };
  if (typeof value === 'boolean') return { other: `真偽値 ${value ? 'TRUE' : 'FALSE'}` };
  if (value instanceof Date) return { other: '日付' };
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
