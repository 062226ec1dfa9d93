import { createHash } from 'node:crypto';
import { readdirSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve } from 'node:path';

// What a file is trusted by between runs, as git trusts its index: its size, modification time and
// inode. A file saved within the coarsest clock's tick (FAT's two seconds) of being looked at may
// change again unseen, so it is never trusted by its stamp: RACY_MS says how recent that is.

export const RACY_MS = 2000;

/** A file's stamp from its stats. */
export const stampText = (st: Stats): string => `${st.size}:${st.mtimeMs}:${st.ino}`;

/** A file's stamp, or undefined when it cannot be read. */
export function stampOf(path: string): string | undefined {
  try {
    return stampText(statSync(path));
  } catch {
    return undefined;
  }
}

/**
 * Inputs by their stamps: every file under some folders and some files elsewhere (a build's: the plan,
 * templates and fonts, and the jurisdictions' registry; loaded resources': the templates and fonts).
 */
export interface Inputs {
  dirs: string[];
  files: string[];
  fingerprint: string;
  /** A file was modified since shortly before `since`: what was read after it may not be what is there now. */
  racy: boolean;
}

/**
 * The inputs as they stand, taken before reading them (and, by a build, again after): a file modified
 * after `since` (the reading's start, less the coarsest clock's tick) makes them racy, and what was
 * read is not vouched for by these stamps.
 */
export function takeInputs(dirs: readonly string[], files: readonly string[], since: number = Date.now()): Inputs {
  const h = createHash('sha256');
  let racy = false;
  const stamp = (f: string) => {
    try {
      const st = statSync(f);
      if (st.mtimeMs >= since - RACY_MS) racy = true;
      return stampText(st);
    } catch {
      return 'unreadable';
    }
  };
  const resolved = dirs.map((d) => resolve(d));
  for (const dir of resolved) {
    h.update(dir).update('\0');
    let listed: string[];
    try {
      listed = readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => !e.isDirectory())
        .map((e) => join(e.parentPath, e.name))
        .sort();
    } catch {
      h.update('\u0001missing\0');
      continue;
    }
    for (const f of listed) h.update(relative(dir, f)).update('\0').update(stamp(f)).update('\0');
  }
  const others = [...new Set(files.map((f) => resolve(f)))].sort();
  for (const f of others) h.update(f).update('\0').update(stamp(f)).update('\0');
  return { dirs: resolved, files: others, fingerprint: h.digest('hex'), racy };
}
