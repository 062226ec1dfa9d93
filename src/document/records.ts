// Data as a document: a table of typed records, with what each column is. The data kinds make it
// from a checked plan; the data writers (CSV, JSON, its JSON Schema, a Frictionless Data Package)
// read only this, and `diff` reads the same records as the rows of a table (see dataDocument).

export type DataValue = string | number | boolean | null;

export interface DataField {
  /** The column's name: the CSV header and the JSON property (the 推奨データセット's Japanese names). */
  name: string;
  /** What the column holds, for people (JSON Schema and Table Schema descriptions, the index page). */
  description: string;
  type: 'string' | 'integer' | 'boolean';
  /** Every record has a value (a string is then not empty). */
  required: boolean;
  /** A regular expression every value matches (codes: six digits). */
  pattern?: string;
  /** How a boolean is written in CSV: [true, false]. */
  words?: readonly [string, string];
}

export interface DataTable {
  /** The file name without extension: programmes → programmes.csv, programmes.json. */
  name: string;
  /** Its title, for people: 令和５年度中小企業支援計画 事業一覧. */
  title: string;
  description: string;
  fields: DataField[];
  /** Columns whose values together name one record. */
  primaryKey?: string[];
  records: Record<string, DataValue>[];
}

/** A value as CSV and the 新旧対照表 write it: booleans in the column's words, absent as empty. */
export function cellText(field: DataField, value: DataValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return (field.words ?? ['true', 'false'])[value ? 0 : 1];
  return String(value);
}

