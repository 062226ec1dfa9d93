import type { Plan } from '../plan/schema.js';
import { formatDigits, type DigitStyle } from '../text/digits.js';
import { fiscalYearName } from '../text/era.js';
import { diffChars, lcsTable, similarity, type Segment } from './chars.js';

// Two plans → the list of changes of a 新旧対照表. Pure: no files, no templates.
// What is compared is the text the summary prints, in the summary's order (years as eras, the
// programmes of a category as one line), because that is what a reader of the two versions sees.
// Settings that print no text of their own (status, sample, issuer, published) are not compared.

export type ChangeKind = 'modified' | 'added' | 'removed';

export interface Change {
  kind: ChangeKind;
  /** Where the passage stands, as a reader finds it: 「２．中小企業支援事業　《国の事業》」. */
  place: string;
  /** How the summary sets it: a bullet (●) or a line of its own (a title, heading, programme line). */
  style: 'bullet' | 'text';
  /** 改正後: null when the passage was removed. Changed stretches are underlined. */
  after: Segment[] | null;
  /** 改正前: null when the passage is new. */
  before: Segment[] | null;
}

export interface CompareOptions {
  /** How derived numbers are written (the theme's `digits`), as the templates write them. */
  digits?: DigitStyle;
}

/** Sentences that are at least this alike are one sentence edited, not one removed and one added. */
const SAME_SENTENCE = 0.5;
const SEP = '\u3000';

interface Pair<T> {
  old?: T;
  new?: T;
}

/** Pair two lists by key in document order (LCS over the keys); in a gap, removed before added. */
function alignBy<T>(a: readonly T[], b: readonly T[], key: (t: T) => string): Pair<T>[] {
  const ka = a.map(key);
  const kb = b.map(key);
  const dp = lcsTable(ka, kb);
  const out: Pair<T>[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && ka[i] === kb[j]) out.push({ old: a[i++], new: b[j++] });
    else if (j >= b.length || (i < a.length && dp[i + 1][j] >= dp[i][j + 1])) out.push({ old: a[i++] });
    else out.push({ new: b[j++] });
  }
  return out;
}

/** Sentences: the same text pairs; in a gap, an edited sentence pairs with its most alike old one. */
function alignSentences(a: readonly string[], b: readonly string[]): Pair<string>[] {
  const raw = alignBy(a, b, (s) => s);
  const out: Pair<string>[] = [];
  for (let k = 0; k < raw.length; ) {
    if (raw[k].old !== undefined && raw[k].new !== undefined) {
      out.push(raw[k++]);
      continue;
    }
    const dels: string[] = [];
    const ins: string[] = [];
    for (; k < raw.length && (raw[k].old === undefined || raw[k].new === undefined); k++) {
      if (raw[k].old !== undefined) dels.push(raw[k].old!);
      else ins.push(raw[k].new!);
    }
    let d = 0;
    for (const s of ins) {
      let best = -1;
      let bestSim = SAME_SENTENCE;
      for (let x = d; x < dels.length; x++) {
        const sim = similarity(dels[x], s);
        if (sim >= bestSim && (best < 0 || sim > bestSim)) [best, bestSim] = [x, sim];
      }
      if (best < 0) {
        out.push({ new: s });
        continue;
      }
      for (; d < best; d++) out.push({ old: dels[d] });
      out.push({ old: dels[best], new: s });
      d = best + 1;
    }
    for (; d < dels.length; d++) out.push({ old: dels[d] });
  }
  return out;
}

const whole = (text: string): Segment[] => [{ text, changed: true }];

export function comparePlans(oldPlan: Plan, newPlan: Plan, opts: CompareOptions = {}): Change[] {
  const digits = opts.digits ?? 'single-fullwidth';
  const num = (n: number) => formatDigits(n, digits);
  const era = (p: Plan) => fiscalYearName(p.fiscalYear, digits);
  const changes: Change[] = [];

  /** One passage at one place: compared when both sides have it, else added or removed. */
  const passage = (place: string, style: Change['style'], before: string | undefined, after: string | undefined) => {
    if (before === after) return;
    if (before === undefined) changes.push({ kind: 'added', place, style, after: whole(after!), before: null });
    else if (after === undefined) changes.push({ kind: 'removed', place, style, after: null, before: whole(before) });
    else changes.push({ kind: 'modified', place, style, ...diffChars(before, after) });
  };
  const sentences = (place: string, style: Change['style'], before: readonly string[], after: readonly string[]) => {
    for (const p of alignSentences(before, after)) passage(place, style, p.old, p.new);
  };
  const both = <T>(p: Pair<T>) => (p.new ?? p.old)!;
  const [o, n] = [oldPlan, newPlan];

  passage('表題', 'text', `${era(o)}${o.title}`, `${era(n)}${n.title}`);
  passage('冒頭の枠の見出し', 'text', `＜${o.positioning.heading}＞`, `＜${n.positioning.heading}＞`);
  sentences(`＜${n.positioning.heading}＞`, 'bullet', o.positioning.bullets, n.positioning.bullets);

  const s1 = `${num(1)}．`;
  passage(`${s1}の見出し`, 'text', `${s1}${o.basicPolicy.heading}`, `${s1}${n.basicPolicy.heading}`);
  sentences(`${s1}${n.basicPolicy.heading}`, 'bullet', o.basicPolicy.bullets, n.basicPolicy.bullets);

  const s2 = `${num(2)}．`;
  const section2 = `${s2}${n.supportProjects.heading}`;
  passage(`${s2}の見出し`, 'text', `${s2}${o.supportProjects.heading}`, `${s2}${n.supportProjects.heading}`);

  // The five categories of the Act are written once and printed in every column: their wording is
  // compared once; which programmes each column lists under them is compared per column below.
  passage(`${section2}${SEP}法の事業区分の見出し`, 'text', `【${o.act.heading}】`, `【${n.act.heading}】`);
  const categories = alignBy(o.act.categories, n.act.categories, (c) => c.id);
  const label = (p: Pair<Plan['act']['categories'][number]>) => {
    const c = both(p);
    const list = p.new ? n.act.categories : o.act.categories;
    return `（${list.indexOf(c) + 1}）`;
  };
  for (const p of categories) passage(`${section2}${SEP}法の事業区分${label(p)}`, 'text', p.old?.title, p.new?.title);

  const programmeLine = (g: { items: string[]; etc: boolean } | undefined) =>
    g ? `（${g.items.join('、')}${g.etc ? ' 等' : ''}）` : undefined;

  for (const ip of alignBy(o.implementers, n.implementers, (i) => i.id)) {
    const column = `${section2}${SEP}《${both(ip).name}の事業》`;
    passage(`${section2}${SEP}列の見出し`, 'text', ip.old && `《${ip.old.name}の事業》`, ip.new && `《${ip.new.name}の事業》`);
    sentences(column, 'bullet', ip.old?.bullets ?? [], ip.new?.bullets ?? []);
    for (const cp of categories) {
      const find = (imp: Plan['implementers'][number] | undefined, c: Pair<Plan['act']['categories'][number]>['old']) =>
        imp && c ? imp.programmes.find((g) => g.category === c.id) : undefined;
      passage(
        `${column}${SEP}${label(cp)}${both(cp).title}`,
        'text',
        programmeLine(find(ip.old, cp.old)),
        programmeLine(find(ip.new, cp.new)),
      );
    }
    const [ob, nb] = [ip.old?.budget, ip.new?.budget];
    const budgetHeading = (p: Plan, b: typeof ob) => (b ? `【${era(p)}${b.heading}】` : undefined);
    passage(`${column}${SEP}予算の見出し`, 'text', budgetHeading(o, ob), budgetHeading(n, nb));
    sentences(`${column}${SEP}${budgetHeading(n, nb) ?? budgetHeading(o, ob)}`, 'text', ob?.pillars ?? [], nb?.pillars ?? []);
  }
  return changes;
}
