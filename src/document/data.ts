import type { Block, Cell, Document, DocumentMeta } from './ir.js';
import { cellText, type DataTable } from './records.js';

const textCell = (text: string): Cell => ({ children: text ? [{ kind: 'paragraph', runs: [{ text }] }] : [] });

/**
 * The document of a data table: its title and one table, a row per record. Its formats write the
 * records (`data`); the table is what `diff` compares, so that a changed record is a changed row.
 */
export function dataDocument(table: DataTable, meta: DocumentMeta, flags: { draft: boolean; sample: boolean }): Document {
  const block: Block = {
    kind: 'table',
    widths: table.fields.map(() => 1),
    header: table.fields.map((f) => textCell(f.name)),
    rows: table.records.map((r) => table.fields.map((f) => textCell(cellText(f, r[f.name] ?? null)))),
  };
  return {
    meta,
    page: { orientation: 'landscape', pageNumbers: true },
    draft: flags.draft,
    sample: flags.sample,
    title: [{ text: table.title }],
    body: [block],
    data: table,
  };
}
