import Handlebars from 'handlebars';
import type { Place, Problem } from '../core/problem.js';

// What goes wrong in a template, said in Japanese at its line and column. Handlebars says some of it
// in English parser tokens (「Expecting 'OPEN_ENDBLOCK', got 'EOF'」), some with no place at all
// (a helper that throws, a partial that calls itself), and lets some through to JavaScript's own
// errors (`{{__proto__.constructor.name}}`). Found here: what the syntax tree shows before anything
// runs, and what an error thrown while running means.

/** Names every object has from JavaScript (`__proto__`, `constructor`…): never data. */
const INTERNAL = new Set(Object.getOwnPropertyNames(Object.prototype));

interface Node {
  type?: string;
  loc?: { start: { line: number; column: number } };
  [key: string]: unknown;
}

const placeOf = (node: Node): Place | undefined => (node.loc ? { line: node.loc.start.line, column: node.loc.start.column + 1 } : undefined);

function* nodes(node: unknown): Generator<Node> {
  if (Array.isArray(node)) for (const n of node) yield* nodes(n);
  else if (node && typeof node === 'object') {
    const n = node as Node;
    if (typeof n.type === 'string') yield n;
    for (const [key, value] of Object.entries(n)) if (key !== 'loc' && value && typeof value === 'object') yield* nodes(value);
  }
}

/** A partial a template calls, and where. */
export interface PartialCall {
  name: string;
  place?: Place;
}

/**
 * What the syntax tree of a template shows: names of JavaScript's internals used as data (an error
 * at each), and the partials it calls (for the cycle check). A source that does not parse has no
 * tree; compiling it says why.
 */
export function treeFindings(source: string, file: string): { problems: Problem[]; calls: PartialCall[] } {
  let ast: unknown;
  try {
    ast = Handlebars.parse(source);
  } catch {
    return { problems: [], calls: [] };
  }
  const problems: Problem[] = [];
  const calls: PartialCall[] = [];
  for (const n of nodes(ast)) {
    if (n.type === 'PathExpression') {
      const internal = (n.parts as string[]).find((p) => INTERNAL.has(p));
      if (internal) {
        problems.push({
          severity: 'error', code: 'template/forbidden-name', file, source, place: placeOf(n),
          message: `「${String(n.original)}」の「${internal}」はデータの項目ではなく、JavaScript の内部の名前です。テンプレートでは使えません。`,
        });
      }
    } else if ((n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') && (n.name as Node).type === 'PathExpression') {
      calls.push({ name: String((n.name as Node).original), place: placeOf(n) });
    }
  }
  return { problems, calls };
}

/** Partials that call themselves, directly or through others: each cycle once, at the call that closes it. */
export function partialCycles(calls: ReadonlyMap<string, { file: string; source: string; calls: PartialCall[] }>): Problem[] {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  const visit = (name: string, path: string[]) => {
    const partial = calls.get(name);
    if (!partial) return;
    for (const call of partial.calls) {
      const at = path.indexOf(call.name);
      if (at >= 0) {
        const cycle = [...path.slice(at), call.name];
        const key = [...cycle.slice(0, -1)].sort().join('>');
        if (reported.has(key)) continue;
        reported.add(key);
        problems.push({
          severity: 'error', code: 'template/recursive-partial', file: partial.file, source: partial.source, place: call.place,
          message: `部分テンプレート「${call.name}」が自分自身を呼び出しています（${cycle.join(' → ')}）。終わりがないため、文書を作れません。`,
        });
      } else if (path.length < calls.size) visit(call.name, [...path, call.name]);
    }
  };
  for (const name of [...calls.keys()].sort()) visit(name, [name]);
  return problems;
}

/** The first block opened and never closed (`{{#each}}` without `{{/each}}`), comments skipped. */
function unclosedBlock(source: string): { name: string; offset: number } | undefined {
  const stack: { name: string; offset: number }[] = [];
  const re = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{~?\s*([#^/])\s*>?\s*([^\s}~]+)/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (!m[1]) continue;
    if (m[1] === '/') {
      const i = stack.map((s) => s.name).lastIndexOf(m[2]);
      if (i >= 0) stack.length = i;
    } else stack.push({ name: m[2], offset: m.index });
  }
  return stack[0];
}

function placeAt(source: string, offset: number): Place {
  const before = source.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** A parse error of Handlebars, in Japanese, at the block or the mustache it is about. */
export function syntaxProblem(message: string, line: number | undefined, source: string): { code: string; message: string; place?: Place } {
  if (/got 'EOF'/.test(message)) {
    const open = unclosedBlock(source);
    if (open) {
      return {
        code: 'template/unclosed-block', place: placeAt(source, open.offset),
        message: `{{#${open.name}}} が閉じられていません。対応する {{/${open.name}}} を書いてください。`,
      };
    }
  }
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
  if (mismatch) {
    const close = line !== undefined ? source.split('\n').slice(line - 1).join('\n').indexOf(`{{/${mismatch[2]}`) : -1;
    const offset = close >= 0 ? source.split('\n').slice(0, line! - 1).join('\n').length + (line! > 1 ? 1 : 0) + close : undefined;
    return {
      code: 'template/mismatched-block',
      message: `{{#${mismatch[1]}}} を {{/${mismatch[2]}}} で閉じています。{{/${mismatch[1]}}} にしてください。`,
      ...(offset !== undefined ? { place: placeAt(source, offset) } : {}),
    };
  }
  // Anything else: the mustache on the line that Handlebars could not read.
  const text = line !== undefined ? source.split('\n')[line - 1] : undefined;
  const at = text?.indexOf('{{') ?? -1;
  return {
    code: 'template/syntax',
    message: 'テンプレートの {{ }} の書き方に誤りがあります（閉じる }} がないか、名前に使えない文字があります）。',
    ...(line !== undefined ? { place: { line, column: at >= 0 ? at + 1 : 1 } } : {}),
  };
}

/**
 * `"deep" not defined in undefined` is Handlebars' strict mode finding `nosuch` missing in
 * `{{nosuch.deep}}`: the missing name is the one before, found in the path at the error's place.
 */
export function missingName(name: string, container: string, source: string, place: Place | undefined): string {
  if (container !== 'undefined' || !place) return name;
  const path = /^[^\s}()]+/.exec(source.split('\n')[place.line - 1]?.slice(place.column - 1) ?? '')?.[0];
  const parts = path?.split(/[./]/) ?? [];
  const i = parts.lastIndexOf(name);
  return i > 0 ? parts.slice(0, i).join('.') : name;
}
