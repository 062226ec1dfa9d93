import { readFileSync, statSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import * as z from 'zod';
// The one locale the messages are in: the others (all of zod's, 370 KB) are not bundled, nor compiled at every start.
import ja from 'zod/v4/locales/ja.js';
import { formatPath, type Problem } from './problem.js';
import { locate } from './positions.js';
import { didYouMean } from './suggest.js';
import type { RecentCache } from './memo.js';
import { mapStrings } from './data.js';

/** Plan files are a few kilobytes; anything this large is a mistake, not a plan. */
export const MAX_FILE_BYTES = 1024 * 1024;
const MAX_ALIAS_COUNT = 100;

z.config(ja());

export interface Loaded<T> {
  value?: T;
  problems: Problem[];
  /** The text read, kept so that later stages can point into it. */
  source?: string;
  doc?: Document;
  lineCounter?: LineCounter;
}

/**
 * What a long-running command remembers of files it read: a file whose bytes are the same as last
 * time (read again on every round, so no modification time is trusted) gives the same result without
 * parsing. Keyed by schema too: one file may be read against two.
 */
export type YamlMemo = RecentCache<string, { schema: z.ZodType; bytes: Buffer; loaded: Loaded<unknown> }>;

/**
 * Read a YAML file, validate it against a schema, and name every problem by file:line:column. The
 * codes of what the schema finds are the file's own area's: plan/… for the plan's files, theme/…
 * for templates/theme.yaml, font/… for fonts/fonts.yaml.
 */
export function loadYaml<S extends z.ZodType>(file: string, schema: S, area: 'plan' | 'theme' | 'font' = 'plan', memo?: YamlMemo): Loaded<z.infer<S>> {
  const r = readYaml(file, schema, memo);
  if (area === 'plan') return r;
  return { ...r, problems: r.problems.map((p) => (p.code.startsWith('plan/') ? { ...p, code: `${area}/${p.code.slice('plan/'.length)}` } : p)) };
}

function readYaml<S extends z.ZodType>(file: string, schema: S, memo?: YamlMemo): Loaded<z.infer<S>> {
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (!st.isFile()) {
      return { problems: [{ severity: 'error', code: 'file/not-a-file', message: `ファイルではありません: ${file}`, file }] };
    }
    if (st.size > MAX_FILE_BYTES) {
      return {
        problems: [{
          severity: 'error', code: 'file/too-large', file,
          message: `ファイルが大きすぎます（${st.size} バイト、上限 ${MAX_FILE_BYTES} バイト）。`,
        }],
      };
    }
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      problems: [{
        severity: 'error', code: code === 'ENOENT' ? 'file/missing' : 'file/unreadable', file,
        message: code === 'ENOENT' ? `ファイルがありません: ${file}` : `ファイルを読めません（${code}）: ${file}`,
      }],
    };
  }
  if (memo) {
    const known = memo.get(file);
    if (known && known.schema === schema && known.bytes.equals(bytes)) return known.loaded as Loaded<z.infer<S>>;
    const loaded = parseYaml(file, schema, bytes);
    memo.set(file, { schema, bytes, loaded });
    return loaded;
  }
  return parseYaml(file, schema, bytes);
}

function parseYaml<S extends z.ZodType>(file: string, schema: S, bytes: Buffer): Loaded<z.infer<S>> {
  const problems: Problem[] = [];
  const text = decodeUtf8(bytes, file, problems);
  if (text === undefined) return { problems };

  const tooDeep = nestingProblem(text, file);
  if (tooDeep) return { problems: [tooDeep], source: text };
  const fullWidth = fullWidthSyntax(text, file);
  if (fullWidth.length) return { problems: fullWidth, source: text };

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  if (doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) {
    // One message is enough: the parser gave up on nesting that no plan needs.
    return {
      problems: [{
        severity: 'error', code: 'yaml/too-deep', file, source: text, place: { line: 1, column: 1 },
        message: '入れ子（字下げや括弧）が深すぎて読めません。',
      }],
      source: text,
    };
  }
  // A file that is not YAML at all (a .env, a key file named by mistake) is named, never quoted:
  // its lines could be secrets, and they would end up in logs.
  const quotable = /\.ya?ml$/i.test(file);
  for (const err of [...syntaxErrors(doc.errors), ...doc.warnings]) {
    const unclosed = err.code === 'MISSING_CHAR' && /quote/i.test(err.message) ? unclosedQuote(text) : undefined;
    const pos = lineCounter.linePos(unclosed ?? err.pos[0]);
    problems.push({
      severity: doc.errors.includes(err as never) ? 'error' : 'warning',
      code: `yaml/${unclosed !== undefined ? 'unclosed-quote' : err.code.toLowerCase().replace(/_/g, '-')}`,
      message: yamlMessage(err.code, err.message),
      file, ...(quotable ? { source: text } : {}),
      place: { line: pos.line, column: pos.col },
    });
  }
  if (problems.some((p) => p.severity === 'error')) return { problems, source: text };
  if (doc.contents === null) {
    problems.push({ severity: 'error', code: 'plan/empty', message: 'ファイルが空です。', file, place: { line: 1, column: 1 } });
    return { problems, source: text };
  }

  let data: unknown;
  try {
    // Text in NFD (decomposed kana, as some Mac tools save it) looks the same but cannot be searched
    // for in the PDF: every string is read in NFC (`shien lint` says where the file has NFD).
    data = nfc(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
  } catch {
    // The parser's own words are English and name no place: point at the first alias instead.
    let first: number | undefined;
    visit(doc, { Alias: (_, node) => ((first ??= node.range?.[0]), first === undefined ? undefined : visit.BREAK) });
    const pos = first !== undefined ? lineCounter.linePos(first) : { line: 1, col: 1 };
    problems.push({
      severity: 'error', code: 'yaml/alias-limit', file, source: text, place: { line: pos.line, column: pos.col },
      message: `エイリアス（*）の展開が多すぎます（展開した値が上限 ${MAX_ALIAS_COUNT} を超えます）。エイリアス（& と *）を使わずに、値をそのまま書いてください。`,
    });
    return { problems, source: text };
  }

  const result = schema.safeParse(data);
  if (!result.success) {
    // A value of the wrong kind is one mistake: zod still measures a string given for a list by its
    // length (「31 個」 for 31 characters), which would count the characters as items.
    const wrongKind = new Set(result.error.issues.filter((i) => i.code === 'invalid_type').map((i) => formatPath(i.path)));
    const issues = result.error.issues.filter((i) => i.code === 'invalid_type' || !wrongKind.has(formatPath(i.path)));
    for (const issue of issues) problems.push(...issueToProblems(issue, schema, data, doc, lineCounter, file, text));
    // A misspelt key is one mistake, not two: drop 'missing X' when an unknown key suggests X.
    const suggested = new Set(problems.filter((p) => p.code === 'plan/unknown-key' && p.suggestion).map((p) => p.suggestion));
    for (let i = problems.length - 1; i >= 0; i--) {
      const p = problems[i];
      if (p.code === 'plan/missing-key' && p.path && suggested.has(p.path)) problems.splice(i, 1);
    }
    problems.sort((a, b) => (a.place?.line ?? 0) - (b.place?.line ?? 0) || (a.place?.column ?? 0) - (b.place?.column ?? 0));
    return { problems, source: text, doc, lineCounter };
  }
  return { value: result.data, problems, source: text, doc, lineCounter };
}

/** Every string of a value in NFC. */
const nfc = (v: unknown): unknown => mapStrings(v, (s) => s.normalize('NFC'));

/**
 * A full-width space used to indent, or a full-width colon after a key: invisible mistakes for
 * someone typing with a Japanese input method, that the parser can only report as broken structure.
 */
function fullWidthSyntax(text: string, file: string): Problem[] {
  const out: Problem[] = [];
  text.split('\n').forEach((line, i) => {
    const indent = /^[ \t\u3000]*/.exec(line)![0];
    const space = indent.indexOf('\u3000');
    if (space >= 0 && line.trim()) {
      out.push({
        severity: 'error', code: 'yaml/fullwidth-space', file, source: text, place: { line: i + 1, column: space + 1 },
        message: '字下げに全角スペース（U+3000）が使われています。字下げは半角スペースで書いてください。',
      });
      return;
    }
    const colon = /^([ \t]*(?:- )?)([A-Za-z][A-Za-z0-9_-]*)\s*：/.exec(line);
    if (colon) {
      out.push({
        severity: 'error', code: 'yaml/fullwidth-colon', file, source: text, place: { line: i + 1, column: colon[1].length + colon[2].length + 1 },
        message: `項目名「${colon[2]}」の後が全角のコロン「：」（U+FF1A）です。半角の「:」と半角スペースで書いてください。`,
      });
    }
  });
  return out;
}

/** Plans nest a few levels; the parser is not given text that could exhaust it. */
export const MAX_INDENT = 120;
export const MAX_FLOW_DEPTH = 32;

function nestingProblem(text: string, file: string): Problem | undefined {
  const lines = text.split('\n');
  let flow = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lead = /^[ \t]*(?:-[ \t]+)*/.exec(line)![0].length;
    if (lead > MAX_INDENT) {
      return {
        severity: 'error', code: 'yaml/too-deep', file, source: text, place: { line: i + 1, column: 1 },
        message: `字下げ（入れ子）が深すぎます（${MAX_INDENT} 桁まで）。`,
      };
    }
    for (let j = 0; j < line.length; j++) {
      const ch = line[j];
      if (ch === '#' && (j === 0 || /\s/.test(line[j - 1]))) break;
      if (ch === '[' || ch === '{') flow++;
      else if (ch === ']' || ch === '}') flow = Math.max(0, flow - 1);
      if (flow > MAX_FLOW_DEPTH) {
        return {
          severity: 'error', code: 'yaml/too-deep', file, source: text, place: { line: i + 1, column: j + 1 },
          message: `括弧 [ ] { } の入れ子が深すぎます（${MAX_FLOW_DEPTH} 段まで）。`,
        };
      }
    }
  }
  return undefined;
}

function decodeUtf8(bytes: Buffer, file: string, problems: Problem[]): string | undefined {
  // UTF-16 (Windows Notepad's 「Unicode」) has a byte order mark, or a NUL beside every ASCII byte.
  const bom16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const nulPairs = bytes.length >= 4 && ((bytes[1] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[2] === 0));
  if (bom16 || nulPairs) {
    problems.push({
      severity: 'error', code: 'file/utf16', file,
      message: '文字コードが UTF-16 です。UTF-8 で保存し直してください。',
      hint: 'メモ帳なら「名前を付けて保存」で文字コードに「UTF-8」を選びます。VS Code なら右下の「UTF-16」を押して「エンコード付きで保存」→「UTF-8」。',
    });
    return undefined;
  }
  if (bytes.includes(0)) {
    problems.push({ severity: 'error', code: 'file/binary', file, message: 'テキストファイルではありません（NUL バイトを含みます）。' });
    return undefined;
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  // Say where: usually a Shift_JIS file, or one Shift_JIS line pasted into a UTF-8 file. Called
  // Shift_JIS only when the bytes read as Shift_JIS; otherwise they are named as they are.
  const before = bytes.subarray(0, bad).toString('utf8');
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  const lineEnd = bytes.indexOf(0x0a, bad);
  const lineStart = bytes.lastIndexOf(0x0a, bad) + 1;
  const sjis = readsAs('shift_jis', bytes.subarray(lineStart, lineEnd < 0 ? bytes.length : lineEnd));
  const hex = [...bytes.subarray(bad, Math.min(bad + 4, lineEnd < 0 ? bytes.length : lineEnd))].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  problems.push({
    severity: 'error', code: 'file/encoding', file, place: { line, column },
    message: sjis
      ? '文字コードが UTF-8 ではありません（Shift_JIS のようです）。UTF-8 で保存し直してください。'
      : 'UTF-8 として読めないバイトがあります。ファイルが壊れているか、UTF-8 でも Shift_JIS でもない文字コードです。UTF-8 で保存し直してください。',
    found: `バイト ${hex}`,
  });
  return undefined;
}

/** Whether bytes are well-formed in an encoding (Node's ICU knows Shift_JIS). */
function readsAs(encoding: string, bytes: Uint8Array): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The offset of the first byte that is not part of well-formed UTF-8, or -1: one pass over the bytes. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    // Length of the sequence, and the range its second byte must fall in (RFC 3629's table).
    let n: number, lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) [n, lo, hi] = [2, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf];
    else if (c >= 0xf0 && c <= 0xf4) [n, lo, hi] = [3, c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf];
    else return i;
    if (i + n >= b.length) return i;
    if (b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k <= n; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return i;
    i += n + 1;
  }
  return -1;
}

/**
 * One syntax mistake makes the parser stumble over the lines after it: report the mistake, not the
 * stumbles. Duplicate keys are independent of each other and all reported.
 */
function syntaxErrors<E extends { code: string; pos: [number, number] }>(errors: readonly E[]): E[] {
  const duplicates = errors.filter((e) => e.code === 'DUPLICATE_KEY');
  const rest = errors.filter((e) => e.code !== 'DUPLICATE_KEY');
  const rootCause = rest.find((e) => e.code === 'TAB_AS_INDENT' || (e.code === 'MISSING_CHAR' && /quote/i.test((e as unknown as Error).message)));
  const first = rootCause ?? [...rest].sort((a, b) => a.pos[0] - b.pos[0])[0];
  return [...duplicates, ...(first ? [first] : [])];
}

/** Where the quote that never closes was opened; the parser only notices at the end of the file. */
function unclosedQuote(text: string): number | undefined {
  let open: { ch: string; at: number } | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (open) {
      if (ch === '\\' && open.ch === '"') i++;
      else if (ch === open.ch) {
        if (ch === "'" && text[i + 1] === "'") i++;
        else open = undefined;
      }
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if ((ch === '"' || ch === "'") && (i === 0 || /[\s:\-\[{,]/.test(text[i - 1]))) {
      open = { ch, at: i };
    }
  }
  return open?.at;
}

const YAML_MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: '同じ項目名が二度書かれています。',
  TAB_AS_INDENT: 'タブで字下げしています。字下げは半角スペースで書いてください。',
  MISSING_CHAR: '閉じていない引用符か括弧があります。',
  BAD_INDENT: '字下げがそろっていません。',
  MULTILINE_IMPLICIT_KEY: '項目名の後の「:」が足りないか、字下げが崩れています。',
  BLOCK_AS_IMPLICIT_KEY: '項目名の後の「:」が足りないか、字下げが崩れています。',
  UNEXPECTED_TOKEN: '書式が YAML として読めません。',
  BAD_SCALAR_START: '値の書き出しが YAML として読めません（先頭の記号は引用符で囲んでください）。',
  ALIAS_PROPS: 'エイリアスに属性は付けられません。',
  BAD_ALIAS: 'エイリアスの参照先がありません。',
  KEY_OVER_1024_CHARS: '項目名が長すぎます。',
  TAG_RESOLVE_FAILED: 'タグを解釈できません。',
  BAD_DIRECTIVE: 'ディレクティブが読めません。',
  MULTIPLE_DOCS: '一つのファイルに複数の文書（---）があります。',
};

function yamlMessage(code: string, raw: string): string {
  const first = raw.split('\n')[0];
  // MISSING_CHAR covers several mistakes; the parser's English says which.
  const text =
    code === 'MISSING_CHAR' && /quote/i.test(first) ? 'この引用符（" または \'）が閉じていません。'
    : code === 'MISSING_CHAR' && /map value/i.test(first) ? '項目名の後の「:」が足りません。'
    : code === 'MISSING_CHAR' && /flow/i.test(first) ? '括弧 [ ] { } が閉じていません。'
    : YAML_MESSAGES[code] ?? 'YAML として読めません。';
  return `${text}（${first}）`;
}

/** What a schema says of itself in .meta(): the title and description editors show. */
interface SchemaAt {
  schema?: z.ZodType;
  title?: string;
  description?: string;
}

/** The schema at a data path, unwrapped (optional, default…), with the nearest title and description. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): SchemaAt {
  let s: unknown = schema;
  let meta: { title?: string; description?: string } = {};
  const unwrap = () => {
    for (;;) {
      const own = z.globalRegistry.get(s as z.ZodType) as { title?: string; description?: string } | undefined;
      if (own?.title && !meta.title) meta = own;
      const def = (s as { def?: { type: string; innerType?: unknown; in?: unknown } }).def;
      if (!def) return;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') s = def.innerType;
      else if (def.type === 'pipe') s = def.in;
      else return;
    }
  };
  unwrap();
  for (const seg of path) {
    meta = {};
    const def = (s as { def: { type: string; element?: unknown; items?: unknown[] } }).def;
    if (def.type === 'object') s = (s as z.ZodObject).shape[String(seg)];
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'tuple') s = def.items?.[Number(seg)];
    else if (def.type === 'record') s = (def as unknown as { valueType: unknown }).valueType;
    else return {};
    if (!s) return {};
    unwrap();
  }
  return { schema: s as z.ZodType, ...meta };
}

/** The object schema at a data path, to list the keys that would have been right. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const s = schemaAt(schema, path).schema;
  const def = (s as { def?: { type: string } } | undefined)?.def;
  return def?.type === 'object' ? Object.keys((s as z.ZodObject).shape) : [];
}

/** The bounds of a number, in words: 「0 より大きく 200 以下」. */
function numberRange(s: z.ZodType | undefined): string | undefined {
  const checks = ((s as { def?: { checks?: { _zod: { def: { check: string; value: number; inclusive?: boolean; error?: unknown } } }[] } } | undefined)?.def?.checks ?? []).map((c) => c._zod.def);
  // A bound with its own words (fiscalYear's 「1926 から 2200 までの西暦」) keeps them.
  if (checks.some((c) => c.error)) return undefined;
  const lower = checks.find((c) => c.check === 'greater_than');
  const upper = checks.find((c) => c.check === 'less_than');
  if (!lower && !upper) return undefined;
  return [
    lower ? `${lower.value} ${lower.inclusive ? '以上' : 'より大きく'}` : '',
    upper ? `${upper.value} ${upper.inclusive ? '以下' : '未満'}` : '',
  ].filter(Boolean).join(' ').replace(/く$/, 'い');
}

function describe(value: unknown): string {
  if (value === null) return 'null（値なし）';
  if (Array.isArray(value)) return '配列';
  if (value instanceof Date) return `日時（!!timestamp）${Number.isNaN(value.getTime()) ? '' : value.toISOString()}`;
  if (value instanceof Uint8Array) return `バイナリ（!!binary、${value.length} バイト）`;
  if (typeof value === 'string') return `文字列「${value.length > 30 ? value.slice(0, 30) + '…' : value}」`;
  if (typeof value === 'object') return '項目の集まり（マップ）';
  return `${typeof value === 'number' ? '数値' : typeof value === 'boolean' ? '真偽値' : typeof value} ${String(value)}`;
}

/**
 * How to keep a sentence with a half-width 「: 」 one string: YAML reads `- 重点: 物価高騰…` as a key
 * and its value. The editors' schema says the same (check/json-schema.ts).
 */
export const COLON_ADVICE = '全角の「：」にするか、文全体を引用符（"…"）で囲んでください。';

/** A list of one is still a list: a string where one is expected is the usual slip. */
export const LIST_ADVICE = '一つだけでも、次の行から「- 」を付けて一行に一つずつ書いてください。';

/** The kinds of value, as messages name them (and the editors' schema: check/json-schema.ts). */
export const TYPE_NAMES: Record<string, string> = {
  string: '文字列', number: '数値', int: '整数', boolean: '真偽値（true / false）',
  array: '配列（- で始まる行の並び）', object: '項目の集まり（マップ）',
};

function issueToProblems(
  issue: z.core.$ZodIssue,
  schema: z.ZodType,
  data: unknown,
  doc: Document,
  lc: LineCounter,
  file: string,
  source: string,
): Problem[] {
  const base = { severity: 'error' as const, file, source };
  const valueAt = (path: readonly PropertyKey[]) =>
    path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), data);

  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(schema, issue.path);
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      const suggestion = didYouMean(key, known);
      return {
        ...base,
        code: 'plan/unknown-key',
        path: formatPath(path),
        place: locate(doc, lc, path, { key: true })?.place,
        message: `未定義の項目「${key}」です。` + (suggestion ? `「${suggestion}」の誤りではありませんか。` : ''),
        suggestion: suggestion ? formatPath([...issue.path, suggestion]) : undefined,
        expected: known.length ? known.join('、') : undefined,
      };
    });
  }

  const loc = locate(doc, lc, issue.path);
  const path = formatPath(issue.path);
  const key = issue.path.length ? String(issue.path[issue.path.length - 1]) : 'ファイル全体';
  // An item of a list has no name of its own: 「bullets」の 2 番目, counted as a person counts.
  const last = issue.path.at(-1);
  const called = typeof last === 'number' ? `「${String(issue.path.at(-2) ?? 'ファイル全体')}」の ${last + 1} 番目` : `「${key}」`;
  if (loc?.missing && valueAt(issue.path) === undefined) {
    return [{
      ...base, code: 'plan/missing-key', path, place: loc.place,
      message: `必須の項目「${key}」がありません。`,
      expected: issue.code === 'invalid_type' ? TYPE_NAMES[issue.expected] ?? issue.expected
        : issue.code === 'invalid_value' ? issue.values.map(String).join(' / ') : undefined,
    }];
  }
  if (issue.code === 'invalid_type') {
    const found = valueAt(issue.path);
    if (typeof found === 'number' && !Number.isFinite(found)) {
      // `1e309` reads as Infinity: say what was written, and that it is too large to be a number.
      const node = doc.getIn(issue.path, true) as { range?: [number, number, number] } | undefined;
      const written = node?.range ? source.slice(node.range[0], node.range[1]) : String(found);
      return [{
        ...base, code: 'plan/out-of-range', path, place: loc?.place,
        message: `${called}の数値 ${written} は大きすぎて、数として扱えません。`,
        expected: TYPE_NAMES[issue.expected] ?? issue.expected,
        found: `数値 ${written}`,
      }];
    }
    if (!issue.path.length) {
      // A file whose whole content is of the wrong kind is probably not the file meant: say what it
      // is, never what it says (it may be a secret read by mistake).
      const { source: _unquoted, ...named } = base;
      return [{
        ...named, code: 'plan/wrong-type', place: { line: 1, column: 1 },
        message: `ファイル全体を${TYPE_NAMES[issue.expected] ?? issue.expected}で書いてください。この計画のファイルではないかもしれません。`,
        expected: TYPE_NAMES[issue.expected] ?? issue.expected,
        found: typeof found === 'string' ? `文字列（${found.length} 文字）` : describe(Array.isArray(found) ? [] : found),
      }];
    }
    // `- 重点: 物価高騰…` is one sentence to the writer and, on the item's own line, a key with a value
    // to YAML (a map under a key, on lines of its own, is meant as one and gets the plain message).
    const node = doc.getIn(issue.path, true);
    const pair = typeof last === 'number' && isMap(node) && !node.flow && node.items.length === 1 ? node.items[0] : undefined;
    if (issue.expected === 'string' && pair && isScalar(pair.key)) {
      return [{
        ...base, code: 'plan/wrong-type', path, place: loc?.place,
        message: `${called}は文字列で書いてください。半角のコロン「: 」で、この行が項目名「${String(pair.key.value)}」と値の組（マップ）として読まれました。`,
        expected: TYPE_NAMES.string,
        found: describe(found),
        hint: COLON_ADVICE,
      }];
    }
    return [{
      ...base, code: 'plan/wrong-type', path, place: loc?.place,
      message: `${called}は${TYPE_NAMES[issue.expected] ?? issue.expected}で書いてください。`,
      expected: TYPE_NAMES[issue.expected] ?? issue.expected,
      found: describe(found),
      ...(issue.expected === 'array' && typeof found === 'string' ? { hint: LIST_ADVICE } : {}),
    }];
  }
  if (issue.code === 'invalid_value') {
    return [{
      ...base, code: 'plan/invalid-value', path, place: loc?.place,
      message: `${called}の値が選べるものではありません。`,
      expected: issue.values.map(String).join(' / '),
      found: describe(valueAt(issue.path)),
    }];
  }
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'number') {
    // Zod's words (「数値は0より大きい…」) name neither the field nor its unit: the schema's title does.
    const at = schemaAt(schema, issue.path);
    const range = numberRange(at.schema);
    if (range) {
      return [{
        ...base, code: 'plan/out-of-range', path, place: loc?.place,
        message: `${at.title ? `「${at.title}」（${path}）` : called}は ${range}の数にしてください。`,
        found: describe(valueAt(issue.path)),
        ...(at.description ? { hint: at.description } : {}),
      }];
    }
  }
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return [{ ...base, code: 'plan/empty-text', path, place: loc?.place, message: issue.message }];
  }
  if (issue.code === 'custom') {
    const params = (issue.params ?? {}) as { code?: string; expected?: string };
    return [{
      ...base, code: params.code ?? 'plan/invalid', path, place: loc?.place, message: issue.message,
      expected: params.expected,
    }];
  }
  const code = issue.code === 'invalid_format' ? 'plan/invalid-format'
    : issue.code === 'too_big' && issue.origin === 'string' ? 'plan/too-long'
    : issue.code === 'too_big' && issue.origin === 'array' ? 'plan/too-many'
    : issue.code === 'too_small' || issue.code === 'too_big' ? 'plan/out-of-range' : 'plan/invalid';
  return [{ ...base, code, path, place: loc?.place, message: issue.message, found: describe(valueAt(issue.path)) }];
}
