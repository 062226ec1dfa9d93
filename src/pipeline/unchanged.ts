import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Problem } from '../core/problem.js';
import { GENERATOR, toolDigest } from '../core/version.js';
import { FONTS_DIR, TEMPLATES_DIR } from '../core/paths.js';
import { stampOf, takeInputs, type Inputs } from '../core/stamp.js';
import type { DocumentResult } from './report.js';

// A build whose inputs are, file for file, those of the last whole build of its output folder finds
// what that build found. Nothing then needs to be checked, templated or loaded again: the files'
// sizes and modification times (as git trusts its index), the tool's own digest and the command's
// settings prove it, and every output is read back against the digest it was written with, as for
// any document a build skips. This module is all that such a run loads: no schema library, no
// YAML, no fonts. Whatever does not hold exactly falls back to the full build, which is never wrong.

/** build's record in its output folder (cache.ts), the place of the inputs record too, and its format. */
export const MANIFEST = '.shien-manifest.json';
export const MANIFEST_FORMAT = 2;


/** A problem as recorded: without its file's text, and whether the text was shown with it (a file that is not YAML is never quoted). */
type Recorded = Omit<Problem, 'source'> & { quoted?: true };

/** What a clean whole build leaves in its manifest for the next run with the same inputs. */
export interface InputsRecord {
  /** The inputs' fingerprint with the plan folder's name, the tool, the fixed time and the formats asked for. */
  key: string;
  /** The folders fingerprinted (the plan, the templates, the fonts) and the files read from elsewhere. */
  dirs: string[];
  files: string[];
  /** The formats as they were asked for (none: every format). */
  asked: string[];
  /** A page format was made: every document was laid out, as validate lays them out. */
  laidOut: boolean;
  /** The formats made, in the writers table's order (for --open). */
  formats: string[];
  /** What the build reported besides its documents, and what validate reports (the files' text left out: read again where it was quoted). */
  build: Recorded[];
  validate: Recorded[];
  /** Each document and the files it was made into, relative to the output folder, with their stamps as written (stampOf). */
  documents: { name: string; title?: string; files: string[]; stamps?: string[] }[];
}

/** The folders a build of this plan reads: the plan's, and the tool's templates and fonts (those a record is left for). */
export const planDirs = (planDir: string): string[] => [resolve(planDir), TEMPLATES_DIR, FONTS_DIR];

/** A file inside a folder (on Windows a file on another drive is outside, and its relative path absolute). */
export const inside = (dir: string, file: string): boolean => {
  const rel = relative(dir, resolve(file));
  return !rel.startsWith('..') && !isAbsolute(rel);
};

const asked = (formats: readonly string[] | undefined) => [...new Set(formats ?? [])].sort();

/** The record's key: the same inputs, the same code, the same time inside the files, the same formats. */
export function inputsKey(inputs: Inputs, planDir: string, fixedTime: Date | undefined, formats: readonly string[] | undefined): string {
  // The plan folder as it was named: the problems' file names are said as the build said them.
  return createHash('sha256')
    .update(`${inputs.fingerprint}\0plan=${planDir}\0tool=${toolDigest()}\0${GENERATOR}\0time=${fixedTime?.toISOString() ?? ''}\0formats=${asked(formats).join(',')}`)
    .digest('hex');
}

/** The record a clean whole build leaves, problems without the text of their files. */
export function inputsRecord(
  inputs: Inputs,
  planDir: string,
  fixedTime: Date | undefined,
  formats: readonly string[] | undefined,
  found: { laidOut: boolean; formats: string[]; build: readonly Problem[]; validate: readonly Problem[]; documents: InputsRecord['documents'] },
): InputsRecord {
  const bare = (ps: readonly Problem[]): Recorded[] => ps.map(({ source, ...p }) => (source === undefined ? p : { ...p, quoted: true }));
  return {
    key: inputsKey(inputs, planDir, fixedTime, formats),
    dirs: inputs.dirs,
    files: inputs.files,
    asked: asked(formats),
    laidOut: found.laidOut,
    formats: found.formats,
    build: bare(found.build),
    validate: bare(found.validate),
    documents: found.documents,
  };
}

interface Entry {
  key: string;
  files: Record<string, { size: number; sha256: string }>;
}

/** The manifest's record and entries, if it has them in the expected shape (read without the schema library, for speed; build reads it with the schema). */
function readRecord(outDir: string): { record: InputsRecord; entries: Record<string, Entry> } | undefined {
  let m: { format?: unknown; inputs?: InputsRecord; entries?: Record<string, Entry> };
  try {
    m = JSON.parse(readFileSync(join(outDir, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
  const r = m?.inputs;
  const isObject = (x: unknown): x is object => !!x && typeof x === 'object';
  const ok =
    m?.format === MANIFEST_FORMAT && isObject(m.entries) && isObject(r) && typeof r.key === 'string' &&
    [r.dirs, r.files, r.asked, r.formats, r.build, r.validate, r.documents].every(Array.isArray) &&
    [...r.build, ...r.validate].every((p) => isObject(p) && typeof p.code === 'string' && typeof p.message === 'string') &&
    r.documents.every((d) => isObject(d) && typeof d.name === 'string' && Array.isArray(d.files));
  return ok ? { record: r!, entries: m.entries! } : undefined;
}

/** Every file of every document is on disk as its build wrote it. */
function outputsIntact(outDir: string, record: InputsRecord, entries: Record<string, Entry>): boolean {
  const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
  return record.documents.every((d) => {
    const e = entries[d.name];
    if (!e?.key) return false;
    return d.files.every((file, i) => {
      const f = e.files?.[file];
      if (!f) return false;
      const path = join(outDir, file);
      // As it was written, by its stamp; else read back against its digest.
      if (d.stamps?.[i] && stampOf(path) === d.stamps[i]) return true;
      try {
        return statSync(path).size === f.size && sha256(path) === f.sha256;
      } catch {
        return false;
      }
    });
  });
}

/** Problems as they were found, with the text of their files again for the printer (the files are unchanged). */
function withSources(problems: readonly Recorded[]): Problem[] {
  const texts = new Map<string, string | undefined>();
  const text = (file: string) => {
    if (!texts.has(file)) {
      try {
        // Decoded as the check decoded it (a byte order mark dropped), so that lines are counted alike.
        texts.set(file, new TextDecoder('utf-8').decode(readFileSync(file)));
      } catch {
        texts.set(file, undefined);
      }
    }
    return texts.get(file);
  };
  return problems.map(({ quoted, ...p }) => {
    const source = quoted && p.file ? text(p.file) : undefined;
    return source === undefined ? p : { ...p, source };
  });
}

export interface UnchangedOptions {
  planDir: string;
  outDir: string;
  fixedTime?: Date;
  formats?: readonly string[];
}

/** The record of the folder's last whole build, when nothing it was made from has changed since and its files are intact. */
function unchanged(opts: UnchangedOptions): InputsRecord | undefined {
  const read = readRecord(opts.outDir);
  if (!read) return undefined;
  // The folders this run would read (a copy of the project is another project), and only those.
  const dirs = planDirs(opts.planDir);
  if (read.record.dirs.length !== dirs.length || read.record.dirs.some((d, i) => d !== dirs[i])) return undefined;
  const inputs = takeInputs(dirs, read.record.files);
  if (inputsKey(inputs, opts.planDir, opts.fixedTime, opts.formats) !== read.record.key) return undefined;
  return outputsIntact(opts.outDir, read.record, read.entries) ? read.record : undefined;
}

/** A whole build with nothing to do, as build would report it; undefined when a build must look. */
export function unchangedBuild(opts: UnchangedOptions): { problems: Problem[]; documents: DocumentResult[]; formats: string[] } | undefined {
  const record = unchanged(opts);
  if (!record) return undefined;
  return {
    formats: record.formats,
    problems: withSources(record.build),
    documents: record.documents.map((d) => ({ name: d.name, ...(d.title ? { title: d.title } : {}), files: [], problems: [], ms: 0, skipped: true })),
  };
}

/** What validate would find, when the folder's last whole build laid out every document from the same inputs. */
export function unchangedValidation(opts: UnchangedOptions): Problem[] | undefined {
  const record = unchanged(opts);
  return record?.laidOut ? withSources(record.validate) : undefined;
}
