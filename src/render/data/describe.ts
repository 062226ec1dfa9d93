import { createHash } from 'node:crypto';
import type { DataField, DataTable } from '../../document/records.js';

// What a reader needs to take the data files without guessing: a JSON Schema for each JSON file,
// and a Frictionless Data Package (datapackage.json) with a Table Schema for each CSV, both made from
// the same description of the columns (document/records.ts) as the files themselves.

const JSON_SCHEMA = 'https://json-schema.org/draft/2020-12/schema';

/** The JSON Schema of a table's JSON file: an array of records with exactly its columns. */
export function jsonSchema(table: DataTable, id: string): object {
  const property = (f: DataField) => {
    const base = { description: f.description, ...(f.pattern ? { pattern: f.pattern } : {}), ...(f.required && f.type === 'string' ? { minLength: 1 } : {}) };
    return { title: f.name, ...(f.required ? { type: f.type } : { type: [f.type, 'null'] }), ...base };
  };
  return {
    $schema: JSON_SCHEMA,
    $id: id,
    title: table.title,
    description: table.description,
    type: 'array',
    items: {
      type: 'object',
      properties: Object.fromEntries(table.fields.map((f) => [f.name, property(f)])),
      required: table.fields.map((f) => f.name),
      additionalProperties: false,
    },
  };
}

/** A column as Table Schema says it (v1): booleans in the column's words, requirements as constraints. */
function tableSchemaField(f: DataField) {
  const constraints = { ...(f.required ? { required: true } : {}), ...(f.pattern ? { pattern: f.pattern } : {}) };
  return {
    name: f.name,
    type: f.type,
    description: f.description,
    ...(f.type === 'boolean' ? { trueValues: [f.words?.[0] ?? 'true'], falseValues: [f.words?.[1] ?? 'false'] } : {}),
    ...(Object.keys(constraints).length ? { constraints } : {}),
  };
}

export interface PackageFile {
  /** Relative to datapackage.json. */
  path: string;
  bytes: Uint8Array;
}

export interface PackageDescription {
  /** Lower-case letters, digits, `-`, `.`, `_`: the package's id. */
  name: string;
  title: string;
  description: string;
  /** ISO 8601 date-time. */
  created: string;
  publisher: string;
  license: { title: string; path: string; name?: string };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * datapackage.json: every table as a CSV resource with its Table Schema, and its JSON beside it with
 * the JSON Schema, each with its size and digest so that a reader knows it has the whole file.
 */
export function dataPackage(d: PackageDescription, tables: readonly { table: DataTable; csv: PackageFile; json: PackageFile; schema: string }[]): Uint8Array {
  const resources = [];
  for (const { table, csv, json, schema } of tables) {
    resources.push({
      name: table.name,
      title: table.title,
      description: table.description,
      path: csv.path,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      bytes: csv.bytes.length,
      hash: `sha256:${sha256(csv.bytes)}`,
      dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
      schema: { fields: table.fields.map(tableSchemaField), missingValues: [''], ...(table.primaryKey ? { primaryKey: table.primaryKey } : {}) },
    });
    resources.push({
      name: `${table.name}-json`,
      title: `${table.title}（JSON）`,
      description: `${table.description}。${csv.path} と同じ記録の JSON（形は ${schema} の JSON Schema）`,
      path: json.path,
      format: 'json',
      mediatype: 'application/json',
      encoding: 'utf-8',
      bytes: json.bytes.length,
      hash: `sha256:${sha256(json.bytes)}`,
      jsonSchema: schema,
    });
  }
  const pkg = {
    profile: 'data-package',
    name: d.name,
    title: d.title,
    description: d.description,
    created: d.created,
    contributors: [{ title: d.publisher, role: 'publisher' }],
    licenses: [{ ...(d.license.name ? { name: d.license.name } : {}), title: d.license.title, path: d.license.path }],
    resources,
  };
  return Buffer.from(JSON.stringify(pkg, null, 2) + '\n', 'utf8');
}
