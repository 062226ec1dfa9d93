// Did-you-mean: the closest of the names that would have been right, when it is close enough.

export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDist) [best, bestDist] = [c, d];
  }
  return best !== undefined && bestDist <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Something looked up by name, and every form it may be written in (name, reading, romaji, code). */
export interface Named<T> {
  value: T;
  forms: readonly string[];
}

/**
 * What a name that matched nothing probably meant: all of the best matches (大阪 is both 大阪府 and
 * 大阪市). Edit distance alone is poor for Japanese names — 秋田 is two edits from 秋田県 and from
 * 秋田犬 alike — so, in order, the first rule that finds anything decides:
 *   1. the same once widths, case, spaces and leading zeros are set aside (１３, Tokyo, 1 → 01);
 *   2. the same without the suffix that says what kind of place it is (秋田 → 秋田県, よこはま →
 *      よこはまし, osaka-shi → osaka-city);
 *   3. the start of a name (かなが → かながわけん, 01100 → 011002), from two characters on;
 *   4. a few letters wrong, with or without the suffix (tokio → tokyo, 大坂 → 大阪府).
 */
export function suggestNames<T>(word: string, named: readonly Named<T>[], max = 5): T[] {
  const w = normal(word);
  if (!w) return [];
  const rules: ((form: string) => boolean)[] = [
    (f) => f === w || (/^\d+$/.test(w) && /^\d+$/.test(f) && f === w.padStart(f.length, '0')),
    (f) => !/^\d+$/.test(f) && (stem(f) === w || stem(f) === stem(w)),
    (f) => [...w].length >= 2 && f.startsWith(w),
  ];
  for (const rule of rules) {
    const found = named.filter((n) => n.forms.some((f) => rule(normal(f))));
    if (found.length) return found.slice(0, max).map((n) => n.value);
  }
  const limit = Math.max(1, Math.floor([...w].length / 4));
  let best = Infinity;
  let found: T[] = [];
  for (const n of named) {
    const d = Math.min(...n.forms.filter((f) => !/^\d+$/.test(f)).flatMap((f) => [editDistance(w, normal(f)), editDistance(w, stem(normal(f)))]));
    if (d < best) [best, found] = [d, [n.value]];
    else if (d === best) found.push(n.value);
  }
  return best <= limit ? found.slice(0, max) : [];
}

/** Full-width letters and digits as ASCII, lower case, without spaces: what a name is compared as. */
const normal = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/**
 * A name without the suffix that says what kind of place it is: 都道府県市 and their readings
 * and romaji. What is left keeps two characters at least (京都 is not 京 and a suffix).
 */
function stem(s: string): string {
  const m = /^(.{2,}?)(?:都|道|府|県|市|どう|と|ふ|けん|し|[-_]?(?:to|do|fu|ken|shi|city|prefecture))$/u.exec(s);
  return m ? m[1] : s;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      const swap = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] ? 0 : Infinity;
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1), swap === 0 ? diag : Infinity);
      diag = tmp;
    }
  }
  return prev[b.length];
}
