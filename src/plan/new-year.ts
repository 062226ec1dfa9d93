import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isScalar, parseDocument, type Document, type Pair } from 'yaml';
import { fiscalYearName } from '../text/era.js';
import { LOCAL_DIR, PLAN_FILE } from './files.js';

// A new fiscal year's plan made from the last one (`shien init-year`): the same files, with the
// year advanced, the status back to draft, the dates that belong to one year left to fill in, and
// each jurisdiction's data marked as last year's until that office answers again. Only values are
// replaced, in the text as it is written, so every comment and the order of the file survive.

/** A file of the new plan: its path inside the plan's folder, and its text. */
export interface NewFile {
  path: string;
  bytes: Buffer;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const applyEdits = (source: string, edits: Edit[]) =>
  [...edits].sort((a, b) => b.start - a.start).reduce((s, e) => s.slice(0, e.start) + e.text + s.slice(e.end), source);

const pairOf = (doc: Document, key: string, map: unknown = doc.contents): Pair | undefined =>
  isMap(map) ? (map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair | undefined) : undefined;

/** The span of the whole lines a pair is written on (from its key's line to its value's). */
function linesOf(source: string, pair: Pair): { start: number; end: number; indent: string } {
  const keyStart = (pair.key as { range: [number, number, number] }).range[0];
  const valueEnd = (pair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? (pair.key as { range: [number, number, number] }).range[1];
  const start = source.lastIndexOf('\n', keyStart - 1) + 1;
  const newline = source.indexOf('\n', valueEnd);
  return { start, end: newline < 0 ? source.length : newline, indent: source.slice(start, keyStart) };
}

const valueRange = (pair: Pair | undefined) => (pair && isScalar(pair.value) ? pair.value.range : undefined);

/** plan.yaml for `fiscalYear`: the year, draft, no publication date and no survey deadline yet. */
export function newPlanYaml(source: string, from: number, fiscalYear: number): string {
  const doc = parseDocument(source);
  const edits: Edit[] = [];
  const replace = (pair: Pair | undefined, text: string) => {
    const r = valueRange(pair);
    if (r) edits.push({ start: r[0], end: r[1], text });
  };
  replace(pairOf(doc, 'fiscalYear'), String(fiscalYear));
  replace(pairOf(doc, 'status'), 'draft');
  const leaveToFill = (pair: Pair | undefined, what: string, example: string, whole?: Pair) => {
    if (!pair) return;
    const { start, end, indent } = linesOf(source, pair);
    const outer = whole ? linesOf(source, whole) : undefined;
    const line = `${indent}# ${(pair.key as { value: string }).value}: ${example}  # ${what}（決まったら先頭の # を消して書く。npx shien validate --release が確かめる）`;
    // A survey: that held only its deadline would be left empty, which is no map: it goes with it.
    edits.push(outer ? { start: outer.start, end: outer.end, text: `${outer.indent}# survey:\n${line}` } : { start, end, text: line });
  };
  leaveToFill(pairOf(doc, 'published'), '公表日', `${fiscalYear}-03-31`);
  const survey = pairOf(doc, 'survey');
  if (survey && isMap(survey.value)) {
    const deadline = pairOf(doc, 'deadline', survey.value);
    leaveToFill(deadline, '調査票の回答期限', `${fiscalYear}-05-31`, survey.value.items.length === 1 ? survey : undefined);
  }
  // The year named in the comments (# 令和５年度中小企業支援計画…) is the new one's; the text's wording is the person's to change.
  const comments = applyEdits(source, edits).replace(/^(\s*#.*)$/gmu, (line) => line.split(fiscalYearName(from)).join(fiscalYearName(fiscalYear)));
  return comments;
}

/**
 * A jurisdiction's file carried over: marked `carriedOver: <last year>` under its code (kept when
 * it was already carried over from an older year), last year's `answered:` date removed.
 */
export function carriedOverYaml(source: string, from: number): string {
  const doc = parseDocument(source);
  const edits: Edit[] = [];
  const answered = pairOf(doc, 'answered');
  if (answered) {
    const { start, end } = linesOf(source, answered);
    edits.push({ start, end: Math.min(end + 1, source.length), text: '' });
  }
  if (!pairOf(doc, 'carriedOver')) {
    const after = pairOf(doc, 'sample') ?? pairOf(doc, 'code');
    const at = after ? linesOf(source, after).end + 1 : 0;
    edits.push({ start: at, end: at, text: `carriedOver: ${from}       # ${fiscalYearName(from)}のデータのまま（回答の調査票を取り込むと消える。変わりがないと確かめたら、この行を消す）\n` });
  }
  return applyEdits(source, edits);
}

/** Every file of the plan folder `fromDir`, made into the plan of `fiscalYear`. */
export function newYearFiles(fromDir: string, from: number, fiscalYear: number): { files: NewFile[]; carried: number } {
  const files: NewFile[] = [];
  let carried = 0;
  for (const e of readdirSync(fromDir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const full = join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
    const path = relative(fromDir, full);
    const bytes = readFileSync(full);
    if (path === PLAN_FILE) files.push({ path, bytes: Buffer.from(newPlanYaml(bytes.toString('utf8'), from, fiscalYear)) });
    else if (path.startsWith(`${LOCAL_DIR}/`) && path.endsWith('.yaml') && !path.slice(LOCAL_DIR.length + 1).includes('/')) {
      files.push({ path, bytes: Buffer.from(carriedOverYaml(bytes.toString('utf8'), from)) });
      carried++;
    } else files.push({ path, bytes });
  }
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : 1)), carried };
}
