import { statSync, type Stats } from 'node:fs';

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
