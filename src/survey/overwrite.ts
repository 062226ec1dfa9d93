import type ExcelJS from 'exceljs';
import Workbook from 'exceljs/lib/doc/workbook.js';
import { existsSync, readFileSync } from 'node:fs';
import type { Problem } from '../core/problem.js';
import { checkArchive } from './archive.js';
import { cellText } from './cells.js';
import { columnLetter, CONTACT_COLUMNS, PROGRAMME_COLUMNS, ROW, SHEET, type Column } from './layout.js';

// `survey export` writes over the workbooks of an earlier export. One that was filled in since (an
// office's answers saved into the folder it was sent from) would be lost: it is compared, cell by
// cell of the data sheets, with what the export would write now, and kept unless --force.

const DATA_SHEETS: readonly [string, readonly Column[]][] = [[SHEET.programmes, PROGRAMME_COLUMNS], [SHEET.contacts, CONTACT_COLUMNS]];

const shown = (v: ExcelJS.CellValue) => {
  const t = cellText(v);
  return 'text' in t ? t.text : 'number' in t ? String(t.number) : 'date' in t ? t.date : t.other;
};

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook | undefined> {
  if (!(await checkArchive(bytes)).ok) return undefined;
  const wb = new Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    return wb;
  } catch {
    return undefined;
  }
}

/**
 * Why the workbook at `path` must not be written over by `bytes`: it holds data that `bytes` does
 * not (said at its first differing cell), or it is not a workbook this tool can compare. Undefined
 * when there is nothing there or nothing would be lost.
 */
export async function overwriteProblem(path: string, bytes: Uint8Array): Promise<Problem | undefined> {
  if (!existsSync(path)) return undefined;
  const hint = '記入された回答なら、先に npx shien survey import で取り込んでください。上書きしてよいなら --force を付けてください。';
  const existing = await workbookOf(readFileSync(path));
  const fresh = await workbookOf(Buffer.from(bytes));
  if (!existing || !fresh) {
    return { severity: 'error', code: 'survey/would-overwrite', file: path, message: 'この場所にあるファイルは調査票として読めないため、上書きしません。', hint };
  }
  for (const [name, columns] of DATA_SHEETS) {
    const [was, now] = [existing.getWorksheet(name), fresh.getWorksheet(name)];
    if (!was || !now) return { severity: 'error', code: 'survey/would-overwrite', file: path, cell: { sheet: name }, message: `シート「${name}」がないため、書き出したときのままか確かめられません。上書きしません。`, hint };
    for (let row = ROW.firstData; row <= Math.max(was.rowCount, now.rowCount); row++) {
      for (const column of columns) {
        const ref = `${columnLetter(columns, column.key)}${row}`;
        const [a, b] = [shown(was.getCell(ref).value), shown(now.getCell(ref).value)];
        if (a === b) continue;
        return {
          severity: 'error', code: 'survey/would-overwrite', file: path, cell: { sheet: name, cell: ref },
          message: `この調査票は、書き出した後に記入されています（「${column.header}」が「${a || '（空欄）'}」、書き出すと「${b || '（空欄）'}」）。上書きすると記入が失われます。`,
          hint,
        };
      }
    }
  }
  return undefined;
}
