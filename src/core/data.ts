// Plain data as YAML gives it (strings, numbers, lists, maps): one walk over it for every check that
// reads all of its text — the characters against the fonts, a printed text located at its field —
// and for NFC, which rewrites it.

/** Where a value stands in the data: map keys and list indexes from the top. */
export type DataPath = (string | number)[];

/** Every string of the data with its path, in the order it is written. */
export function* stringsOf(value: unknown, path: DataPath = []): Generator<{ text: string; path: DataPath }> {
  if (typeof value === 'string') yield { text: value, path };
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* stringsOf(v, [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* stringsOf(v, [...path, k]);
}

/** The data with every string, map keys included, put through `f`: plain maps and lists are made anew, anything else is kept. */
export function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [f(k), mapStrings(v, f)]));
  }
  return value;
}
