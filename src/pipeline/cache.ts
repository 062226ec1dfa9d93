import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import * as z from 'zod';
import type { Problem } from '../core/problem.js';
import { ROOT } from '../core/paths.js';
import { writeAtomically } from './write.js';
import { rememberedDigest } from '../fonts/cache.js';
import { GENERATOR, toolDigest } from '../core/version.js';
import type { InputsRecord } from './unchanged.js';

// Incremental builds: a document is made again only when something it is made from has changed —
// its data, its template, the theme, the fonts, or the tool itself.

import { MANIFEST, MANIFEST_FORMAT } from './unchanged.js';

export { MANIFEST };
/**
 * diff's record, apart from build's: a comparison written into a folder a build also writes to
 * (`diff --out output/r6`) must never take the build's documents for its own stale tables.
 */
export const COMPARISON_MANIFEST = '.shien-comparison.json';
// 2: a document's key is its model, and its files are recorded one by one (one format can be made alone).
const FORMAT = MANIFEST_FORMAT;

const FileRecord = z.strictObject({ size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const Entry = z.strictObject({ key: z.string(), files: z.record(z.string(), FileRecord) });
/** A large input's digest, trusted while its size and modification time stay the same. */
const Digest = z.strictObject({ size: z.number(), mtimeMs: z.number(), sha256: z.string() });
const Manifest = z.strictObject({
  format: z.literal(FORMAT),
  entries: z.record(z.string(), Entry),
  /** Digests of large inputs (fonts), by path relative to the project: hashing the 46 MB IPAmj明朝 took ~50 ms a build. */
  digests: z.record(z.string(), Digest).optional(),
  /** Left by a clean whole build: what a run with the very same inputs may report without looking (unchanged.ts). */
  inputs: z.looseObject({ key: z.string() }).optional(),
});
type Manifest = z.infer<typeof Manifest>;

/** Inputs smaller than this are hashed every time: it costs little, and trusts no modification time. */
const REMEMBER_FROM_BYTES = 1 << 20;

/** Gives a file's digest; may remember it by size and modification time (see BuildCache). */
export type Digester = (path: string) => string;

const hashFile: Digester = (path) => sha256(readFileSync(path));

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

/**
 * What every document depends on besides its own model: the code (and the lock file), templates, theme,
 * fonts, and the fixed time (SOURCE_DATE_EPOCH) that changes the dates inside every file.
 */
export function environmentKey(templatesDir: string, fontsDir: string, fixedTime: Date | undefined, digest: Digester = hashFile): string {
  const h = createHash('sha256');
  h.update(`tool=${toolDigest()}\0`);
  for (const f of [...filesUnder(templatesDir), ...filesUnder(fontsDir)]) {
    if (!existsSync(f)) continue;
    h.update(relative(ROOT, f)).update('\0').update(digest(f)).update('\0');
  }
  h.update(`time=${fixedTime?.toISOString() ?? ''}`);
  // Every file names the version that made it: a new version remakes them all.
  h.update(`generator=${GENERATOR}`);
  return h.digest('hex');
}

/**
 * The key of one document: its model (as JSON, keys in a fixed order) and the environment. The model
 * is what the templates made of the data, so an edit that changes nothing printed remakes nothing.
 */
export function documentKey(environment: string, data: unknown): string {
  return sha256(environment + '\0' + stableJson(data));
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export class BuildCache {
  private readonly manifest: Manifest;
  private readonly file: string;
  /** Said once: the manifest could not be used (it is rewritten by this build). */
  readonly problems: Problem[] = [];

  constructor(private readonly outDir: string, manifest: string = MANIFEST) {
    this.file = join(outDir, manifest);
    let m: Manifest = { format: FORMAT, entries: {} };
    let text: string | undefined;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      // No manifest yet: everything is built.
    }
    if (text !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const read = Manifest.safeParse(parsed);
      // An older format is expected after an upgrade; anything else was damaged, and is said.
      if (read.success) m = read.data;
      else if ((parsed as { format?: unknown } | undefined)?.format === FORMAT || parsed === undefined) {
        this.problems.push({
          severity: 'warning', code: 'build/manifest-ignored', file: this.file,
          message: `前回の作成の記録（${basename(this.file)}）が読めないため、使わずにすべて作り直し、記録を書き直します。`,
        });
      }
    }
    this.manifest = m;
  }

  /** The documents this folder's manifest says were made, by stem. */
  get names(): string[] {
    return Object.keys(this.manifest.entries);
  }

  /**
   * Outputs of documents that are no longer made (a jurisdiction removed from the registry): their
   * files, only those the manifest says it made, are removed so no outdated document goes out.
   */
  removeDocuments(names: readonly string[]): string[] {
    const removed: string[] = [];
    for (const name of names) {
      for (const file of Object.keys(this.manifest.entries[name]?.files ?? {})) {
        const path = join(this.outDir, file);
        if (existsSync(path)) {
          rmSync(path, { force: true });
          removed.push(path);
        }
      }
      this.forget(name);
    }
    return removed;
  }

  /** True when the file (relative to the output folder) was made from the same inputs and is still as it was written. */
  fresh(name: string, key: string, file: string): boolean {
    const e = this.manifest.entries[name];
    const f = e?.key === key ? e.files[file] : undefined;
    if (!f) return false;
    try {
      const path = join(this.outDir, file);
      return statSync(path).size === f.size && sha256(readFileSync(path)) === f.sha256;
    } catch {
      return false;
    }
  }

  /** The files (relative to the output folder) a document was last made into, if it was made from the inputs of this key. */
  madeWith(name: string, key: string): string[] {
    const e = this.manifest.entries[name];
    return e?.key === key ? Object.keys(e.files) : [];
  }

  /** Files written for a document; those of its other formats are kept while its key stays the same. */
  record(name: string, key: string, outputs: readonly { path: string; bytes: Uint8Array }[]): void {
    const kept = this.manifest.entries[name]?.key === key ? this.manifest.entries[name].files : {};
    this.manifest.entries[name] = {
      key,
      files: {
        ...kept,
        ...Object.fromEntries(outputs.map((o) => [relative(this.outDir, o.path), { size: o.bytes.length, sha256: sha256(o.bytes) }])),
      },
    };
  }

  /**
   * The record of the inputs a clean whole build was made from (unchanged.ts). Only the run that
   * leaves it keeps it: any other run's outputs may no longer be the record's.
   */
  inputs?: InputsRecord;

  forget(name: string): void {
    delete this.manifest.entries[name];
  }

  /** The document failed: it is made again next time, but its earlier files stay known (and removable). */
  invalidate(name: string): void {
    const e = this.manifest.entries[name];
    if (e) e.key = '';
  }

  /** A file's digest; a large one is read again only when its size or modification time changed. */
  digest: Digester = (path) => {
    const st = statSync(path);
    if (st.size < REMEMBER_FROM_BYTES) return hashFile(path);
    const rel = relative(ROOT, path);
    const known = this.manifest.digests?.[rel];
    if (known && known.size === st.size && known.mtimeMs === st.mtimeMs) return known.sha256;
    const d = rememberedDigest(path);
    (this.manifest.digests ??= {})[rel] = { size: st.size, mtimeMs: st.mtimeMs, sha256: d };
    return d;
  };

  save(): void {
    const sortedBy = <T>(r: Record<string, T>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
    const sorted: Omit<Manifest, 'inputs'> & { inputs?: InputsRecord } = {
      format: FORMAT,
      entries: sortedBy(this.manifest.entries),
      ...(this.manifest.digests ? { digests: sortedBy(this.manifest.digests) } : {}),
      ...(this.inputs ? { inputs: this.inputs } : {}),
    };
    writeAtomically([{ path: this.file, bytes: Buffer.from(JSON.stringify(sorted, null, 1) + '\n') }]);
  }
}
