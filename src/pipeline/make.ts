import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Failure, hasErrors, type Problem } from '../core/problem.js';
import type { Document } from '../document/ir.js';
import type { CheckedDocument } from '../check/plan-set.js';
import { BuildCache, documentKey, environmentKey, MANIFEST } from './cache.js';
import { runJobs, type Job, type JobResult } from './pool.js';
import type { Output, RenderSetting } from './render.js';
import type { DocumentResult } from './report.js';
import { formatsOf } from './select.js';
import type { InputsRecord } from './unchanged.js';
import { prepareOutDir, removeStaleTemps, writeAtomically, type Sources } from './write.js';

// The one loop that makes files, for build, watch, preview and diff alike: documents × formats →
// jobs → the pool → each document's files written whole → the manifest → files of documents no
// longer made removed → one result per document. What the documents are (a plan's, or the
// comparisons of two plans) is the caller's; how files come to be is decided here only.

/** A document to make: its instance's names, and its model or the problems that stop it. */
export interface Item {
  /** Output path without extension, relative to the output folder. */
  stem: string;
  /** Its kind: which formats it has. */
  kind: string;
  /** The file a problem of the whole document is reported against. */
  source: string;
  doc?: Document;
  /** Without a model: why it cannot be made (a model's warnings are the caller's to report). */
  problems: Problem[];
}

/** A document of a checked plan as the loop makes it. */
export const itemOf = (d: CheckedDocument): Item => ({ stem: d.instance.stem, kind: d.instance.kind, source: d.instance.source, doc: d.doc, problems: d.problems });

/** Problems of laying a document out placed where their text is written (check/locate.ts). */
export type Place = (doc: Document, problems: readonly Problem[], section?: readonly number[]) => Problem[];

export interface RenderOptions {
  setting: RenderSetting;
  /** Processes that render (see pool.ts); default by the number of documents. */
  workers?: number;
  /** The order documents are rendered in, lowest first (the rest keep theirs): the pages a preview shows, then those just edited. */
  rank?: (stem: string) => number;
  place?: Place;
}

export interface MakeOptions extends RenderOptions {
  outDir: string;
  /** What the outputs are made from: a folder of them is no output folder, and a change to them remakes all. */
  sources: Required<Sources>;
  /** The formats asked for, in the writers table's order (each document makes those of its kind). */
  formats: readonly string[];
  /** Make every document, even those whose inputs have not changed. */
  force?: boolean;
  /**
   * The items are everything this folder holds: the files of any other document its manifest
   * names are removed (a jurisdiction dropped from the registry, a comparison no longer differing).
   */
  complete: boolean;
  /** The file name of this loop's record in the folder (build's by default). */
  manifest?: string;
  /** The environment's key as a long-running command last computed it, if it still holds (see build.ts). */
  environment?: string;
  /** Called once the documents are known, before any is rendered. */
  onPlan?: (total: number) => void;
  /** One call per finished document, in the order they finish. */
  onDocument?: (r: DocumentResult, done: number, total: number) => void;
  /** The record of the inputs to leave in the manifest, given every document's result (build's: unchanged.ts). */
  record?: (documents: readonly DocumentResult[], problems: readonly Problem[], filesOf: (stem: string) => string[]) => InputsRecord | undefined;
}

export interface Made {
  /** The folder could not be used: nothing was made, nothing removed. */
  stopped?: true;
  /** Problems of no one document (the folder, the manifest). */
  problems: Problem[];
  /** One per item, in the items' order. Files are relative to the output folder. */
  documents: DocumentResult[];
  /** Files removed (absolute): outputs of documents no longer made, temporaries of killed runs. */
  removed: string[];
  /** The environment's key the documents were made with (see cache.ts). */
  environment?: string;
  /** The record of the inputs was left in the manifest (MakeOptions.record). */
  recorded?: boolean;
}

/** A document's outputs rendered in memory, the overflow located: what writing to a folder and `publish`'s site share. */
export interface Rendered {
  item: Item;
  outputs: Output[];
  problems: Problem[];
  ms: number;
  pages?: number;
  scale?: number;
}

/**
 * Render items (those with a model) in the formats each has among those asked for, in parallel
 * when it pays; each result is handed on as soon as it is ready.
 */
export async function renderItems(
  items: readonly { item: Item; formats: string[]; fitOnly?: boolean }[],
  opts: RenderOptions,
  onRendered: (r: Rendered) => void,
): Promise<void> {
  const byStem = new Map(items.map((x) => [x.item.stem, x.item]));
  const jobs: Job[] = items.map(({ item, formats, fitOnly }) => ({ stem: item.stem, doc: item.doc!, formats, source: item.source, ...(fitOnly ? { fitOnly } : {}) }));
  const rank = opts.rank;
  // A stable sort: the rest keep their order.
  if (rank) jobs.sort((a, b) => rank(a.stem) - rank(b.stem));
  await runJobs(jobs, opts.setting, {
    workers: opts.workers,
    onResult: (r: JobResult) => {
      const item = byStem.get(r.job.stem)!;
      const problems = opts.place ? opts.place(item.doc!, r.rendered.problems, r.rendered.section) : r.rendered.problems;
      onRendered({ item, outputs: r.rendered.outputs, problems, ms: r.ms, pages: r.rendered.pages, scale: r.rendered.scale });
    },
  });
}

/** The formats of a kind among those asked for. */
export const formatsFor = (kind: string, asked: readonly string[]) => asked.filter((f) => formatsOf(kind).includes(f));

/**
 * Make the items' files in the output folder, only those whose inputs changed since they were made
 * (unless forced). One document that fails does not stop the others and loses none of its earlier
 * files; a folder that cannot be used stops everything before a document is rendered.
 */
export async function makeFiles(items: readonly Item[], opts: MakeOptions): Promise<Made> {
  // Nothing to make where nothing was made: no folder appears.
  if (!items.length && !existsSync(join(opts.outDir, opts.manifest ?? MANIFEST))) return { problems: [], documents: [], removed: [] };
  const outProblems = prepareOutDir(opts.outDir, opts.sources);
  if (outProblems.length) return { stopped: true, problems: outProblems, documents: [], removed: [] };

  const removed = removeStaleTemps(opts.outDir);
  const cache = new BuildCache(opts.outDir, opts.manifest);
  const problems = [...cache.problems];
  if (opts.complete) {
    const made = new Set(items.map((d) => d.stem));
    removed.push(...cache.removeDocuments(cache.names.filter((n) => !made.has(n))));
  }
  const environment = opts.environment ?? environmentKey(opts.sources.templatesDir, opts.sources.fontsDir, opts.setting.fixedTime, cache.digest);
  const total = items.length;
  const documents: DocumentResult[] = [];
  const finish = (d: DocumentResult) => {
    documents.push(d);
    opts.onDocument?.(d, documents.length, total);
  };
  opts.onPlan?.(total);

  const keys = new Map<string, string>();
  const stale: { item: Item; formats: string[] }[] = [];
  for (const item of items) {
    if (!item.doc) {
      cache.invalidate(item.stem);
      finish({ name: item.stem, files: [], problems: item.problems, ms: 0 });
      continue;
    }
    const key = documentKey(environment, item.doc);
    keys.set(item.stem, key);
    const formats = formatsFor(item.kind, opts.formats).filter((f) => opts.force || !cache.fresh(item.stem, key, `${item.stem}.${f}`));
    if (formats.length) stale.push({ item, formats });
    else finish({ name: item.stem, title: item.doc.meta.title, files: [], problems: [], ms: 0, skipped: true });
  }

  await renderItems(stale, opts, (r) => {
    const { item } = r;
    const outputs = r.outputs.map((o) => ({ path: join(opts.outDir, `${item.stem}.${o.extension}`), bytes: o.bytes }));
    let problems = r.problems;
    if (!hasErrors(problems) && outputs.length) {
      try {
        writeAtomically(outputs);
      } catch (e) {
        if (!(e instanceof Failure)) throw e;
        problems = e.problems;
      }
    }
    const ok = !hasErrors(problems);
    if (ok) cache.record(item.stem, keys.get(item.stem)!, outputs);
    else cache.invalidate(item.stem);
    finish({
      name: item.stem,
      title: item.doc!.meta.title,
      files: ok ? r.outputs.map((o) => `${item.stem}.${o.extension}`) : [],
      problems,
      ms: r.ms,
      pages: r.pages,
      scale: r.scale,
    });
  });
  // Listed in the items' order, whatever order they finished in.
  const order = new Map(items.map((d, i) => [d.stem, i]));
  documents.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  cache.inputs = opts.record?.(documents, problems, (stem) => {
    const key = keys.get(stem);
    return key ? cache.madeWith(stem, key) : [];
  });
  let saved = true;
  try {
    cache.save();
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    problems.push(...e.problems);
    saved = false;
  }
  return { problems, documents, removed, environment, recorded: saved && !!cache.inputs };
}
