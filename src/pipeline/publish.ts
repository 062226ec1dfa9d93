import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import JSZip from 'jszip';
import { checkPlanSet, makeDocument, type PlanSet } from '../check/plan-set.js';
import { releaseProblems } from '../check/release.js';
import type { Resources } from '../check/resources.js';
import { Failure, hasErrors, uniqueProblems, type Problem } from '../core/problem.js';
import { documentTime } from '../document/time.js';
import { KINDS } from '../documents/index.js';
import { DATA_PACKAGE, schemaPath, type SiteInput } from '../documents/site.js';
import { planName } from '../documents/views.js';
import { documentDate, LICENSES } from '../plan/schema.js';
import type { DataTable } from '../document/records.js';
import { dataPackage, jsonSchema } from '../render/data/describe.js';
import { build, reportProblems, type BuildOptions, type BuildReport } from './build.js';
import { renderDocument } from './render.js';
import { formatsOf } from './select.js';
import { prepareOutDir, writeAtomically, writeProblem } from './write.js';

// `shien publish`: the folder the ministry uploads as it is. The release check first (a final plan
// that must not go out writes nothing), then a whole build (incremental, into the build's own
// folder), then the site assembled from what the build wrote: every document under its stable name,
// data/ with its JSON Schemas and datapackage.json, index.html linking all of it with formats and
// sizes, and site.zip of the whole. The folder is made beside its place and swapped in whole, so a
// failed publish leaves the last one as it was, and no file of an earlier publish lingers.

export const SITE_ZIP = 'site.zip';
export const INDEX_FILE = 'index.html';

export interface PublishOptions extends Pick<BuildOptions, 'planDir' | 'workers' | 'fixedTime' | 'stats' | 'onPlan' | 'onDocument'> {
  /** Where the documents are built (the build's folder: output/<plan>). */
  buildDir: string;
  /** The site: output/<plan>/site by default. */
  outDir: string;
}

export interface PublishReport {
  problems: Problem[];
  build?: BuildReport;
  /** Every file of the site, relative to it, in the zip's order; absent when nothing was published. */
  files?: { path: string; bytes: number }[];
  zipBytes?: number;
}

/** A folder publish may replace: absent, empty, or one it wrote before (its index and its zip). */
function replaceable(dir: string): boolean {
  if (!existsSync(dir)) return true;
  if (!statSync(dir).isDirectory()) return false;
  const names = readdirSync(dir);
  return !names.length || (names.includes(INDEX_FILE) && names.includes(SITE_ZIP));
}

/** Swap the new folder in; the old one is kept until the new one stands. */
function swapIn(temp: string, dir: string): void {
  const old = existsSync(dir) ? `${temp}.old` : undefined;
  if (old) renameSync(dir, old);
  try {
    renameSync(temp, dir);
  } catch (e) {
    if (old) renameSync(old, dir);
    throw e;
  }
  if (old) rmSync(old, { recursive: true, force: true });
}

/** The files of the site, by path: what the build wrote for every document, then the data's descriptions. */
function siteFiles(set: PlanSet, buildDir: string, created: Date): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const tables: { table: DataTable; stem: string }[] = [];
  for (const d of set.documents) {
    for (const ext of formatsOf(d.instance.kind)) files.set(`${d.instance.stem}.${ext}`, readFileSync(join(buildDir, `${d.instance.stem}.${ext}`)));
    if (d.doc?.data) tables.push({ table: d.doc.data, stem: d.instance.stem });
  }
  for (const { table } of tables) files.set(schemaPath(table.name), Buffer.from(JSON.stringify(jsonSchema(table, basename(schemaPath(table.name))), null, 2) + '\n'));
  const { plan } = set;
  const inData = (path: string) => relative(dirname(DATA_PACKAGE), path);
  const license = LICENSES[plan.license];
  files.set(DATA_PACKAGE, dataPackage(
    {
      // A Data Package's name is lower-case ASCII: the plan's folder and its year (r5-2023).
      name: `${basename(resolve(set.dir))}-${plan.fiscalYear}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
      title: `${planName(plan)}${plan.status === 'draft' ? '（案）' : ''} オープンデータ`,
      description: tables.map((t) => `${t.table.title}: ${t.table.description}`).join('\n'),
      created: created.toISOString(),
      publisher: plan.issuer,
      license,
    },
    tables.map(({ table, stem }) => ({
      table,
      csv: { path: inData(`${stem}.csv`), bytes: files.get(`${stem}.csv`)! },
      json: { path: inData(`${stem}.json`), bytes: files.get(`${stem}.json`)! },
      schema: inData(schemaPath(table.name)),
    })),
  ));
  return files;
}

/** The zip of the folder: its files in path order, all dated the documents' moment, so its bytes are the same every time. */
async function zipOf(files: ReadonlyMap<string, Uint8Array>, when: Date): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const path of [...files.keys()].sort()) zip.file(path, files.get(path)!, { date: when, createFolders: false, binary: true });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'DOS' });
}

export async function publish(opts: PublishOptions, resources: () => Resources): Promise<PublishReport> {
  const checked = checkPlanSet(opts.planDir, resources);
  if (!checked.set) return { problems: checked.problems };
  const set = checked.set;
  // What must not go out stops everything before a file is written.
  const release = releaseProblems(set);
  if (hasErrors(release)) return { problems: uniqueProblems([...checked.problems, ...release]) };

  const outDir = resolve(opts.outDir);
  const sources = { planDir: opts.planDir, templatesDir: set.resources.templates.dir, fontsDir: set.resources.fonts.dir };
  const outProblems = prepareOutDir(dirname(outDir), sources);
  if (!replaceable(outDir)) {
    outProblems.push({
      severity: 'error', code: 'usage/not-a-site', file: opts.outDir,
      message: `出力先 ${opts.outDir} には、publish が作ったもの（index.html と site.zip）でないファイルがあります。公表用のフォルダはまるごと置き換えるため、ほかのフォルダは使えません。`,
      hint: '空のフォルダか、まだないフォルダを --out に指定してください（既定: output/<計画のフォルダ名>/site）。',
    });
  }
  if (outProblems.length) return { problems: uniqueProblems([...checked.problems, ...release, ...outProblems]) };

  const r = await build({ planDir: opts.planDir, outDir: opts.buildDir, checked, workers: opts.workers, fixedTime: opts.fixedTime, stats: opts.stats, onPlan: opts.onPlan, onDocument: opts.onDocument }, resources);
  const problems = uniqueProblems([...reportProblems(r), ...release]);
  // A document that could not be made would be a hole in the site, or wrong data in it: nothing goes out.
  if (hasErrors(problems) || r.documents.length !== set.documents.length) return { problems, build: r };

  const when = documentTime({ date: documentDate(set.plan) }, opts.fixedTime);
  let files: Map<string, Uint8Array>;
  try {
    files = siteFiles(set, opts.buildDir, when);
  } catch (e) {
    // The build's folder changed under us (a file removed while publishing).
    return { problems: [...problems, writeProblem(e, opts.buildDir)], build: r };
  }
  const input: SiteInput = {
    plan: set.plan,
    registry: set.registry,
    withData: new Set(set.locals.keys()),
    titles: new Map(set.documents.flatMap((d) => (d.doc ? [[d.instance.stem, d.doc.meta.title] as const] : []))),
    tables: set.documents.flatMap((d) => (d.doc?.data ? [d.doc.data] : [])),
    sizes: new Map([...files].map(([path, bytes]) => [path, bytes.length])),
    source: set.planFile,
    inputs: [set.planFile],
  };
  const setting = { theme: set.resources.theme, fonts: set.resources.fonts, ...(opts.fixedTime ? { fixedTime: opts.fixedTime } : {}) };
  for (const instance of KINDS.site.instances(input)) {
    const made = makeDocument(KINDS.site.template, instance.context!, set.resources);
    problems.push(...made.problems);
    if (!made.doc) return { problems, build: r };
    const page = await renderDocument(made.doc, formatsOf(instance.kind), instance.source, setting);
    problems.push(...page.problems);
    if (hasErrors(page.problems)) return { problems, build: r };
    for (const o of page.outputs) files.set(`${instance.stem}.${o.extension}`, o.bytes);
  }
  const zip = await zipOf(files, when);

  const temp = join(dirname(outDir), `.${basename(outDir)}.tmp-${process.pid}`);
  try {
    rmSync(temp, { recursive: true, force: true });
    writeAtomically([...files, [SITE_ZIP, zip] as const].map(([path, bytes]) => ({ path: join(temp, path), bytes })));
    swapIn(temp, outDir);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    if (e instanceof Failure) return { problems: [...problems, ...e.problems], build: r };
    return { problems: [...problems, writeProblem(e, outDir)], build: r };
  }
  const listed = [...files].map(([path, bytes]) => ({ path, bytes: bytes.length })).sort((a, b) => a.path.localeCompare(b.path));
  return { problems, build: r, files: listed, zipBytes: zip.length };
}
