import { join } from 'node:path';
import type { DataTable } from '../document/records.js';
import type { Jurisdiction } from '../plan/jurisdiction.js';
import { regionOf, REGIONS } from '../plan/regions.js';
import { LICENSES, type Plan } from '../plan/schema.js';
import { fileStem } from '../plan/stem.js';
import { DATA_DIR } from './data.js';
import { HANDOUT_DIR } from './handout.js';
import type { PageKind } from './kind.js';
import { planHeader, planName } from './views.js';

// The publication's index page (`shien publish`): every document of the plan linked as HTML, and as
// PDF and Word with their format and size in the link text (みんなの公共サイト運用ガイドライン), the
// handouts grouped by region with the designated cities under their prefecture, and the open data
// with what each file holds and its licence. It is a page kind like the others, written by the HTML
// writer, so it has the HTML edition's look, fonts and accessibility.

export const SITE_INDEX = 'index';
/** The Frictionless Data Package of the data folder. */
export const DATA_PACKAGE = `${DATA_DIR}/datapackage.json`;
export const schemaPath = (table: string) => `${DATA_DIR}/${table}.schema.json`;

export interface SiteInput {
  plan: Plan;
  registry: readonly Jurisdiction[];
  /** Codes of the jurisdictions whose own data the plan has. */
  withData: ReadonlySet<string>;
  /** Each document's title, by stem: summary, handouts/13-tokyo. */
  titles: ReadonlyMap<string, string>;
  tables: readonly DataTable[];
  /** The size in bytes of every file of the folder the index links, by its path in the folder. */
  sizes: ReadonlyMap<string, number>;
  /** The planFile, for problems of the index's template. */
  source: string;
  inputs: string[];
}

/** 112KB, 1.2MB: sizes as the guidelines show them (1KB = 1,024 bytes; never 0KB). */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))}KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)}MB`;
}

const FORMAT_NAMES: Readonly<Record<string, string>> = { pdf: 'PDF', docx: 'Word', csv: 'CSV', json: 'JSON' };

function fileLink(sizes: ReadonlyMap<string, number>, path: string, ext: string) {
  const size = sizes.get(path);
  if (size === undefined) throw new Error(`the index links ${path}, which the folder does not hold`);
  return { href: path, text: `${FORMAT_NAMES[ext] ?? ext.toUpperCase()}形式、${sizeText(size)}` };
}

function documentView(input: SiteInput, stem: string, label: string) {
  return {
    label,
    html: `${stem}.html`,
    files: ['pdf', 'docx'].map((ext) => fileLink(input.sizes, `${stem}.${ext}`, ext)),
  };
}

export function siteContext(input: SiteInput) {
  const { plan } = input;
  const handoutView = (j: Jurisdiction) => ({
    ...documentView(input, join(HANDOUT_DIR, fileStem(j)), j.name),
    missing: !input.withData.has(j.code),
  });
  const prefectures = input.registry.filter((j) => j.kind === 'prefecture');
  const cities = input.registry.filter((j) => j.kind === 'city');
  const regions = REGIONS.map((r) => ({
    name: r.name,
    prefectures: prefectures.filter((p) => regionOf(p.code) === r.name).map((p) => ({
      ...handoutView(p),
      cities: cities.filter((c) => c.prefecture === p.code).map(handoutView),
    })),
  })).filter((r) => r.prefectures.length);
  const license = LICENSES[plan.license];
  return {
    ...planHeader(plan),
    name: planName(plan),
    // The day it is published, when the plan says (a draft may not know it yet).
    announced: plan.published ?? null,
    summary: documentView(input, 'summary', input.titles.get('summary') ?? plan.title),
    regions,
    // A plan without a list of 都道府県等 has no handouts: its data is the second section.
    dataSection: regions.length ? 3 : 2,
    missing: input.registry.filter((j) => !input.withData.has(j.code)).length,
    tables: input.tables.map((t) => ({
      title: t.title,
      description: t.description,
      count: t.records.length,
      files: [
        fileLink(input.sizes, `${DATA_DIR}/${t.name}.csv`, 'csv'),
        fileLink(input.sizes, `${DATA_DIR}/${t.name}.json`, 'json'),
        { ...fileLink(input.sizes, schemaPath(t.name), 'json'), text: `JSON Schema（JSON形式、${sizeText(input.sizes.get(schemaPath(t.name))!)}）` },
      ],
    })),
    dataPackage: { ...fileLink(input.sizes, DATA_PACKAGE, 'json'), text: `datapackage.json（JSON形式、${sizeText(input.sizes.get(DATA_PACKAGE)!)}）` },
    license: license.title,
  };
}

/** index.html of the published folder. */
export const site: PageKind<SiteInput> = {
  name: 'site',
  template: 'site',
  formats: ['html'],
  instances: (input) => [{
    kind: 'site',
    stem: SITE_INDEX,
    source: input.source,
    inputs: input.inputs,
    context: siteContext(input),
    problems: [],
  }],
};
