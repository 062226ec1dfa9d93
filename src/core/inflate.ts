import { createRequire } from 'node:module';
import { standIn } from './defer.js';
import { inflateRawSync } from 'node:zlib';

// fontkit (its Unicode properties) and pdfkit (its line breaking) each build a Unicode table as
// they load, from data squeezed twice with deflate, and unpack it with tiny-inflate, a decoder in
// JavaScript: some 40 ms of every start that draws. Node's own zlib unpacks the same deflate data to
// the same bytes in a fraction of that. The CommonJS module they require is put in the cache as a
// stand-in that does what tiny-inflate does (the bytes written into `dest`, the same array or the
// part of it that was written given back) with zlib.

/** tiny-inflate's function: `source`, raw deflate data, unpacked into `dest`. */
export function inflate(source: Uint8Array, dest: Uint8Array): Uint8Array {
  const out = inflateRawSync(source);
  const n = Math.min(out.length, dest.length);
  dest.set(n === out.length ? out : out.subarray(0, n));
  // As tiny-inflate ends: the array itself when it is full, else the part written.
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
}

/** Dependencies that load tiny-inflate, each with the module it is required from. */
const USERS: readonly (readonly string[])[] = [['fontkit'], ['fontkit', 'unicode-properties', 'unicode-trie'], ['pdfkit', 'linebreak', 'unicode-trie']];

/** Put the stand-in in place of every copy of tiny-inflate these dependencies load; before they load. */
export function nativeInflate(): void {
  for (const chain of USERS) {
    let from = import.meta.url;
    try {
      for (const name of chain) from = createRequire(from).resolve(name);
    } catch {
      // Not where this version of the dependency keeps it: it loads its own as it is.
      continue;
    }
    standIn('tiny-inflate', from, () => inflate);
  }
}
