import { Document, isMap, isScalar, isSeq, parseDocument, visit, type Node } from 'yaml';
import type { Contact, Jurisdiction, LocalPlan } from '../plan/jurisdiction.js';

// A jurisdiction's data written as its YAML file. An existing file is updated in place through the
// yaml package's Document API, value by value, so that the comments people wrote in it survive.

const FORMAT = { lineWidth: 0, flowCollectionPadding: false } as const;

const contact = (c: Contact) => ({
  name: c.name,
  ...(c.address !== undefined ? { address: c.address } : {}),
  ...(c.phone !== undefined ? { phone: c.phone } : {}),
  ...(c.url !== undefined ? { url: c.url } : {}),
});

/** The data as a file says it, in the schema's order; `etc: false` is the default and left out. */
function plain(local: LocalPlan) {
  return {
    code: local.code,
    sample: local.sample,
    // When the office's answer came in, where a person reading the file sees it; no carriedOver: it is this year's now.
    ...(local.answered ? { answered: local.answered } : {}),
    center: contact(local.center),
    contacts: local.contacts.map(contact),
    programmes: local.programmes.map((g) => ({ category: g.category, items: g.items, ...(g.etc ? { etc: true } : {}) })),
  };
}

export class ExistingFileError extends Error {}

/**
 * The text of `<code>-<slug>.yaml` holding `local`: the existing text with its values replaced, or
 * a new file. Throws ExistingFileError when the existing text is not YAML that can be updated.
 */
export function localPlanYaml(existing: string | undefined, local: LocalPlan, j: Jurisdiction): string {
  const value = plain(local);
  if (existing === undefined) {
    const doc = new Document(value);
    doc.commentBefore = [
      ' yaml-language-server: $schema=../../../schema/local-plan.schema.json',
      '',
      ` ${j.name}の中小企業支援事業と相談窓口（都道府県等版の３．に載る）。`,
      ' 調査票（npx shien survey import）から作成。次の調査票（npx shien survey export）もここから書き出す。',
    ].join('\n');
    return doc.toString(FORMAT);
  }
  const doc = parseDocument(existing);
  if (doc.errors.length || !isMap(doc.contents)) throw new ExistingFileError(doc.errors[0]?.message ?? 'not a map');
  keepKeyLineComments(doc, existing);
  update(doc, doc.contents, value);
  return alignComments(doc.toString(FORMAT), existing);
}

/**
 * `center:   # 中小企業支援センター` is read as a comment before the map under the key, and would be
 * written on a line of its own below it: put it back on the key's line, where the person wrote it.
 */
function keepKeyLineComments(doc: Document, source: string): void {
  visit(doc, {
    Pair(_, pair) {
      const value = pair.value as { commentBefore?: string | null } | null;
      if (!isScalar(pair.key) || !pair.key.range || !value?.commentBefore || !(isMap(value) || isSeq(value)) || value.flow) return;
      const rest = source.slice(pair.key.range[1]).split('\n', 1)[0];
      if (!/^\s*:\s*#/.test(rest)) return;
      const [first, ...others] = value.commentBefore.split('\n');
      pair.key.comment = first;
      value.commentBefore = others.length ? others.join('\n') : undefined;
    },
  });
}

/**
 * A comment at the end of a line keeps its place: in the column it started in when the person lined
 * comments up (more than two spaces before it), else the spaces they left; the yaml package would
 * write one space after the value.
 */
function alignComments(text: string, source: string): string {
  const gaps = new Map<string, { column: number; gap: string }>();
  for (const line of source.split('\n')) {
    const m = /^(.*?\S)(\s+)(#.*)$/.exec(line);
    if (m && !gaps.has(m[3])) gaps.set(m[3], { column: m[1].length + m[2].length, gap: m[2] });
  }
  return text
    .split('\n')
    .map((line) => {
      const m = /^(.*?\S) (#.*)$/.exec(line);
      const was = m && gaps.get(m[2]);
      if (!m || !was) return line;
      return was.gap.length > 2 && was.column > m[1].length ? m[1].padEnd(was.column) + m[2] : m[1] + was.gap + m[2];
    })
    .join('\n');
}

const isDefault = (v: unknown) => v === false || (Array.isArray(v) && v.length === 0);

/** `node` made to hold `value`, keeping the nodes (and so the comments) of what is still there. */
function update(doc: Document, node: unknown, value: unknown): unknown {
  if (isMap(node) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    const indexOf = (key: string) => node.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
    entries.forEach(([key, v], i) => {
      const pair = node.items[indexOf(key)];
      if (pair) pair.value = update(doc, pair.value, v) as Node;
      // A key the file does not have is not added for its default (no `contacts: []` in a file without one);
      // a new one goes under the key before it in the schema's order (answered: under sample:).
      else if (!isDefault(v)) node.items.splice(i ? indexOf(entries[i - 1][0]) + 1 || node.items.length : 0, 0, doc.createPair(key, v));
    });
    const keys = new Set(entries.map(([k]) => k));
    node.items = node.items.filter((p) => isScalar(p.key) && keys.has(String(p.key.value)));
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    value.forEach((v, i) => {
      if (i < node.items.length) node.items[i] = update(doc, node.items[i], v);
      else node.items.push(doc.createNode(v));
    });
    node.items.length = value.length;
    return node;
  }
  if (isScalar(node) && (value === null || typeof value !== 'object')) {
    if (node.value !== value) node.value = value;
    return node;
  }
  // A different kind of value (a list where a string was): a new node, with the old one's comments.
  const created = doc.createNode(value);
  if (node && typeof node === 'object') {
    const old = node as { comment?: string | null; commentBefore?: string | null; spaceBefore?: boolean };
    Object.assign(created, { comment: old.comment, commentBefore: old.commentBefore, spaceBefore: old.spaceBefore });
  }
  return created;
}
