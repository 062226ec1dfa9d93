import { stringify } from 'csv-stringify';
import type { Document } from '../../document/ir.js';
import { cellText, type DataTable } from '../../document/records.js';

// The records of a data document as files. CSV by 総務省's 「機械判読可能なデータの表記方法の統一
// ルール」: one header row, one record per row, nothing but data; UTF-8 with a byte order mark and
// CRLF line ends (RFC 4180). UTF-8, because Shift_JIS cannot hold every name a plan may have (𠮷,
// 葛󠄂); the mark, because Excel opens UTF-8 without it as Shift_JIS and shows mojibake. Strings are
// quoted, so that a code such as 011002 reads as text in tools that honour quotes (its Table Schema
// says so to the others). JSON: the same records, an array of objects keyed by the same names.

const BOM = '\uFEFF';

function tableOf(doc: Document): DataTable {
  if (!doc.data) throw new Error(`${doc.meta.title} is no data document: it has no records to write`);
  for (const r of doc.data.records) {
    for (const [k, v] of Object.entries(r)) {
      // The plan's text is one line (plan/control-char); a line break here would be a second record.
      if (typeof v === 'string' && /[\r\n]/.test(v)) throw new Error(`a line break in ${k} of ${doc.meta.title}`);
    }
  }
  return doc.data;
}

export async function writeCsv(doc: Document): Promise<Uint8Array> {
  const table = tableOf(doc);
  const rows = table.records.map((r) => table.fields.map((f) => {
    const v = r[f.name] ?? null;
    // Absent is an empty, unquoted cell: the Table Schema's missing value.
    return v === null ? null : f.type === 'boolean' ? cellText(f, v) : v;
  }));
  const text = await new Promise<string>((resolve, reject) =>
    stringify([table.fields.map((f) => f.name), ...rows], { record_delimiter: 'windows', quoted_string: true }, (e, out) => (e ? reject(e) : resolve(out))));
  return Buffer.from(BOM + text, 'utf8');
}

export async function writeJson(doc: Document): Promise<Uint8Array> {
  const table = tableOf(doc);
  const records = table.records.map((r) => Object.fromEntries(table.fields.map((f) => [f.name, r[f.name] ?? null])));
  return Buffer.from(JSON.stringify(records, null, 2) + '\n', 'utf8');
}
