import { formatPath, type Problem } from '../core/problem.js';
import { locate } from '../core/positions.js';
import { stringsOf } from '../core/data.js';
import type { Loaded } from '../core/yaml.js';
import { runsText, textsOf, walkBlocks, type Block, type Document } from '../document/ir.js';
import type { PlanSet } from './plan-set.js';

// A problem found after templating (a section that does not fit its page) is about text someone
// wrote: find which field of which file the text came from, so that the message names the line to
// edit, not the document it showed up in.

interface DataText {
  text: string;
  where: Pick<Problem, 'file' | 'source' | 'path' | 'place'>;
}

function texts(file: string, loaded: Loaded<unknown>, value: unknown): DataText[] {
  return [...stringsOf(value)].map(({ text, path }) => {
    const at = loaded.doc && loaded.lineCounter ? locate(loaded.doc, loaded.lineCounter, path) : undefined;
    return { text, where: { file, source: loaded.source, path: formatPath(path), place: at?.place } };
  });
}

/** Every string of the plan set's data with where it is written. */
function dataTexts(set: PlanSet): DataText[] {
  return [
    ...texts(set.planFile, set.loaded, set.plan),
    ...(set.registryLoaded ? texts(set.registryFile!, set.registryLoaded, set.registryLoaded.value) : []),
    ...[...set.locals.values()].flatMap((l) => texts(l.file, l.loaded, l.plan)),
  ];
}

/** What a block prints, in the model's one walk (document/ir.ts): its texts, and the addresses its QR codes encode. */
function blockText(b: Block): string {
  const codes = [...walkBlocks({ body: [b] })].flatMap((x) => (x.kind === 'qr' ? [x.value] : []));
  return [...textsOf([b]).map(runsText), ...codes].join('\n');
}

/** The longest field of the data printed in these top-level blocks of a document. */
export function locateBlocks(set: PlanSet, doc: Document, blocks: readonly number[]): DataText['where'] | undefined {
  const printed = blocks.map((i) => blockText(doc.body[i])).join('\n');
  let best: DataText | undefined;
  for (const t of dataTexts(set)) {
    if (t.text.length > 1 && printed.includes(t.text) && (!best || t.text.length > best.text.length)) best = t;
  }
  return best?.where;
}

/**
 * Problems of laying a document out, placed where the text is written: a section too long for the
 * page is reported at the longest field it prints, so that a text shared by all documents is one
 * problem however many it pushes over. `build` and `validate` both report them so.
 */
export function placeLayoutProblems(set: PlanSet, doc: Document, problems: readonly Problem[], section?: readonly number[]): Problem[] {
  const where = section ? locateBlocks(set, doc, section) : undefined;
  return where ? problems.map((p) => (p.code === 'layout/overflow' ? { ...p, ...where } : p)) : [...problems];
}
