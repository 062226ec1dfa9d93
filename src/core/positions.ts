import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Place } from './problem.js';

/** Where in the YAML source a data path points. */
export interface Located {
  place: Place;
  /** True when the path itself is absent and `place` is its nearest existing parent. */
  missing: boolean;
}

function placeOf(range: [number, number, number] | null | undefined, lc: LineCounter): Place | undefined {
  if (!range) return undefined;
  const start = lc.linePos(range[0]);
  const end = lc.linePos(range[1]);
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

/**
 * The node for a path; for the last key of a map, its key (an unknown key is pointed at where
 * it is written, a wrong value at the value). A missing key points at the map that lacks it.
 */
export function locate(
  doc: Document,
  lc: LineCounter,
  path: readonly PropertyKey[],
  opts: { key?: boolean } = {},
): Located | undefined {
  let node: unknown = doc.contents;
  let parent: Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return nodePlace(node, lc, true);
      if (last && opts.key && isScalar(pair.key)) {
        const place = placeOf(pair.key.range, lc);
        return place ? { place, missing: false } : undefined;
      }
      parent = node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof seg === 'number') {
      if (seg >= node.items.length) return nodePlace(node, lc, true);
      parent = node;
      node = node.items[seg];
    } else {
      return parent ? nodePlace(parent, lc, true) : undefined;
    }
  }
  return nodePlace(node, lc, false);
}

function nodePlace(node: unknown, lc: LineCounter, missing: boolean): Located | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  const place = placeOf(range, lc);
  return place ? { place, missing } : undefined;
}
