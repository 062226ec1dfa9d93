import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Write a set of files so that each appears complete or not at all: every file goes to a temporary
 * name beside its target first, and only when all are written are they renamed into place.
 * A failure removes the temporaries and leaves whatever was there before untouched.
 */
export function writeAtomically(files: readonly { path: string; bytes: Uint8Array }[]): void {
  const temps: { tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      const tmp = join(dirname(f.path), `.${basename(f.path)}.${process.pid}.tmp`);
      temps.push({ tmp, path: f.path });
      writeFileSync(tmp, f.bytes);
    }
    for (const t of temps) renameSync(t.tmp, t.path);
  } catch (e) {
    for (const t of temps) rmSync(t.tmp, { force: true });
    throw e;
  }
}
