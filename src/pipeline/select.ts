import type { Problem } from '../core/problem.js';
import { suggestNames } from '../core/suggest.js';
import { fileStem, findJurisdiction } from '../plan/files.js';
import type { Jurisdiction } from '../plan/jurisdiction.js';
import { KINDS, PLAN_KINDS, type DocumentKind, type Instance } from '../documents/index.js';
import { PAGE_FORMATS, WRITERS } from '../render/writers.js';
import type { CheckedDocument, PlanSet } from '../check/plan-set.js';

// Which documents and formats a build makes: `--only`, `--jurisdiction` and `--format`.

export interface Selection {
  /** A kind's `only` word: summary, handouts. */
  only?: string;
  /** Codes, names or slugs of jurisdictions: their documents only (and no summary unless asked). */
  jurisdictions?: string[];
  /** Format ids of the writers table; all of them when absent. */
  formats?: string[];
}

const usage = (code: string, message: string, extra: Partial<Problem> = {}): Problem => ({ severity: 'error', code, message, ...extra });

/** A key that names no jurisdiction (--jurisdiction, init-jurisdiction), with what it probably meant. */
export function unknownJurisdiction(registry: readonly Jurisdiction[], key: string): Problem {
  const meant = suggestNames(key, registry.map((j) => ({ value: j, forms: [j.code, j.name, j.kana, j.slug, fileStem(j)] })));
  return usage('usage/unknown-jurisdiction', `都道府県等「${key}」は一覧にありません。${meant.length ? `${meant.map((j) => `${j.name}（${j.code}）`).join('、')}の誤りではありませんか。` : ''}`, {
    hint: 'コード（13、011002）、名前（東京都）、ローマ字（tokyo）で指定してください。',
    ...(meant.length === 1 ? { suggestion: meant[0].code } : {}),
  });
}

/**
 * The jurisdictions named by --jurisdiction (every one of the registry when none is), for every
 * command that takes the option: an unknown name is refused with what it probably meant. `what`
 * names the documents that cannot be made without a registry (都道府県等版, 調査票).
 */
export function selectJurisdictions(set: Pick<PlanSet, 'registry' | 'registryFile' | 'planFile'>, keys: readonly string[], what: string): { chosen: Jurisdiction[]; problems: Problem[] } {
  if (!set.registryFile) {
    return { chosen: [], problems: [usage('usage/no-jurisdictions', `この計画には都道府県等の一覧（jurisdictions:）がないため、${what}は作れません。`, { file: set.planFile })] };
  }
  if (!keys.length) return { chosen: [...set.registry], problems: [] };
  const unknown = keys.filter((k) => !findJurisdiction(set.registry, k));
  if (unknown.length) return { chosen: [], problems: unknown.map((k) => unknownJurisdiction(set.registry, k)) };
  const codes = new Set(keys.map((k) => findJurisdiction(set.registry, k)!.code));
  return { chosen: set.registry.filter((j) => codes.has(j.code)), problems: [] };
}

/**
 * Before the plan is checked: every document selectDocuments can choose (and perhaps others, never
 * fewer), so that the check renders only those. A key matches as findJurisdiction matches it;
 * undefined when everything is chosen.
 */
export function mayBeChosen(sel: Selection): ((instance: Instance) => boolean) | undefined {
  const kinds = sel.only ? new Set(PLAN_KINDS.filter((k) => k.only === sel.only).map((k) => k.name)) : undefined;
  const keys = sel.jurisdictions ?? [];
  if (!kinds && !keys.length) return undefined;
  return (instance) =>
    (!kinds || kinds.has(instance.kind)) &&
    // Naming jurisdictions chooses theirs, and the summary only with --only (as selectDocuments).
    (!keys.length || (instance.jurisdiction ? keys.some((k) => findJurisdiction([instance.jurisdiction!], k)) : sel.only !== undefined));
}

/** The formats asked for, in the table's order; an unknown one is a usage problem. */
export function selectFormats(formats: readonly string[] | undefined): { formats: string[]; problems: Problem[] } {
  const ids = WRITERS.map((w) => w.id);
  const asked = (formats ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
  // `--format ''` names no format: it is not a request for all of them.
  if (formats?.length && !asked.length) {
    return { formats: [], problems: [usage('usage/empty-option', `--format の値が空です。作る形式を書いてください（${ids.join('、')}）。`, { hint: 'すべての形式を作るなら --format を付けません。' })] };
  }
  const unknown = asked.filter((f) => !ids.includes(f));
  return {
    formats: asked.length ? ids.filter((id) => asked.includes(id)) : ids,
    problems: unknown.map((f) => usage('usage/unknown-format', `形式「${f}」は作れません（作れるもの: ${ids.join('、')}）。`)),
  };
}

/** The formats a document of this kind is written in: its own list, or every page format. */
export function formatsOf(kind: string): readonly string[] {
  return Object.values(KINDS).find((k: DocumentKind<never>) => k.name === kind)?.formats ?? PAGE_FORMATS;
}

export function selectDocuments(set: PlanSet, sel: Selection): { documents: CheckedDocument[]; problems: Problem[] } {
  let documents = set.documents;
  if (sel.only) {
    const kinds = new Set(PLAN_KINDS.filter((k) => k.only === sel.only).map((k) => k.name));
    documents = documents.filter((d) => kinds.has(d.instance.kind));
  }
  const keys = sel.jurisdictions ?? [];
  // `--only summary --jurisdiction 13`: no document of that kind is one jurisdiction's.
  if (sel.only && keys.length && !documents.some((d) => d.instance.jurisdiction)) {
    return {
      documents: [],
      problems: [usage('usage/conflicting-options', `--only ${sel.only} と --jurisdiction は一緒に使えません（${sel.only} は都道府県等ごとの文書ではありません）。`, {
        hint: '都道府県等版を作るなら --only handouts --jurisdiction 13 のように指定します。',
      })],
    };
  }
  const wantsJurisdictions = keys.length > 0 || (sel.only !== undefined && documents.length === 0);
  if (!wantsJurisdictions) return { documents, problems: [] };
  const selected = selectJurisdictions(set, keys, '都道府県等版');
  if (selected.problems.length) return { documents: [], problems: selected.problems };
  if (!keys.length) return { documents, problems: [] };
  const codes = new Set(selected.chosen.map((j) => j.code));
  // Naming jurisdictions chooses their documents; the summary only when `--only summary` asks for it.
  return { documents: documents.filter((d) => (d.instance.jurisdiction ? codes.has(d.instance.jurisdiction.code) : sel.only !== undefined)), problems: [] };
}
