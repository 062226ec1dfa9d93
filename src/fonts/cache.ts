import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../core/paths.js';
import { RACY_MS } from '../core/stamp.js';
import { Coverage } from './coverage.js';

// What each font can draw, cached by the font file's digest in .shien-cache/ (never committed): the
// check of every character against the fonts then reads a small table instead of parsing 4–46 MB of
// font with fontkit. The digest itself is remembered by the file's size and modification time, as
// git trusts its index, so a run reads no font file at all. A cache that cannot be read or written
// is simply not used.

const DIR = join(ROOT, '.shien-cache');
const INDEX = join(DIR, 'fonts.json');
const FORMAT = 1;

interface Indexed {
  size: number;
  mtimeMs: number;
  sha256: string;
}

let index: Record<string, Indexed> | undefined;

function readIndex(): Record<string, Indexed> {
  if (!index) {
    try {
      const read = JSON.parse(readFileSync(INDEX, 'utf8'));
      index = read?.format === FORMAT && read.files && typeof read.files === 'object' ? read.files : {};
    } catch {
      index = {};
    }
  }
  return index!;
}

function writeQuietly(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch {
    // A read-only checkout: the coverage is made from the font each time instead.
  }
}

/** The digest of a font file, read again only when its size or modification time changed. */
function digest(file: string, data: () => Buffer): string {
  const st = statSync(file);
  const known = readIndex()[file];
  if (known && known.size === st.size && known.mtimeMs === st.mtimeMs) return known.sha256;
  const sha256 = createHash('sha256').update(data()).digest('hex');
  // A file saved within the last two seconds could change again in the same clock tick: not remembered.
  if (Date.now() - st.mtimeMs < RACY_MS) return sha256;
  readIndex()[file] = { size: st.size, mtimeMs: st.mtimeMs, sha256 };
  writeQuietly(INDEX, JSON.stringify({ format: FORMAT, files: readIndex() }));
  return sha256;
}

/**
 * A large file's digest (a font), remembered for the whole project rather than per output folder:
 * a build into a new folder would otherwise read 55 MB of fonts to key its documents.
 */
export const rememberedDigest = (file: string): string => digest(file, () => readFileSync(file));

/** A font's coverage, from the cache when the file is the one it was made from, else made and kept. */
export function cachedCoverage(file: string, data: () => Buffer, make: () => Coverage): Coverage {
  const sha = digest(file, data);
  const table = join(DIR, `coverage-${FORMAT}-${sha}.json`);
  try {
    return Coverage.fromJSON(JSON.parse(readFileSync(table, 'utf8')));
  } catch {
    const coverage = make();
    writeQuietly(table, JSON.stringify(coverage));
    return coverage;
  }
}
