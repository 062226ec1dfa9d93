import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { confine, projectFile } from '../core/confine.js';
import type { Document } from '../document/ir.js';
import { Failure, type Problem } from '../core/problem.js';
import { formatDigits, type DigitStyle } from '../text/digits.js';
import { dateName, fiscalYearName } from '../text/era.js';
import { TEMPLATES_DIR } from '../core/paths.js';
import { missingName, partialCycles, syntaxProblem, treeFindings, type PartialCall } from './diagnose.js';
import { LINE_MARK, parseMarkup } from './markup.js';

export interface TemplateOptions {
  dir?: string;
  digits?: DigitStyle;
}

const HELPERS = ['era', 'date', 'num', 'seq', 'join'] as const;

// Strict, so that a misspelt field is an error rather than an empty string. Handlebars' own `log`
// writes to stdout, which `--diagnostics json` keeps for the JSON alone: it is no helper here.
const COMPILE = { strict: true, knownHelpersOnly: true, knownHelpers: { ...Object.fromEntries(HELPERS.map((h) => [h, true])), log: false } };

/** Fragments that several templates share live in templates/partials/<name>.hbs. */
export const PARTIALS_DIR = 'partials';

interface Compiled {
  fn: HandlebarsTemplateDelegate;
  file: string;
  source: string;
}

/** The outcome of one template: the document, or the problems that stop it. */
export interface Templated {
  doc?: Document;
  problems: Problem[];
}

/** Compiled templates, made once per process and reused for every document. */
export class Templates {
  private readonly hb: typeof Handlebars;
  private readonly compiled = new Map<string, Compiled | Problem[]>();
  private partialProblems: Problem[] = [];
  private partialsRead = false;
  readonly dir: string;

  constructor(opts: TemplateOptions = {}) {
    this.dir = opts.dir ?? TEMPLATES_DIR;
    const digits = opts.digits ?? 'single-fullwidth';
    this.hb = Handlebars.create();
    this.hb.unregisterHelper('log');
    // Helpers decide derived wording (years, numbers); they return plain strings that
    // Handlebars then escapes like any other data.
    const helper = (name: (typeof HELPERS)[number], fn: (...args: unknown[]) => string) =>
      this.hb.registerHelper(name, (...args: unknown[]) => {
        try {
          return fn(...args.slice(0, -1));
        } catch (e) {
          // Handlebars gives a helper where it was called: the problem is said there.
          const { loc } = args[args.length - 1] as { loc?: unknown };
          throw new Handlebars.Exception((e as Error).message, { loc } as never);
        }
      });
    helper('era', (fy) => fiscalYearName(asInt(fy, 'era'), digits));
    helper('date', (iso) => dateName(String(iso), digits));
    helper('num', (n) => formatDigits(asInt(n, 'num'), digits));
    helper('seq', (i) => formatDigits(asInt(i, 'seq') + 1, digits));
    helper('join', (items, sep) => {
      if (!Array.isArray(items)) throw new Error('join: 配列ではありません');
      return items.join(typeof sep === 'string' ? sep : '、');
    });
  }


  // Read when the first template is: a run that renders none (the survey, `build --only` of a data
  // kind) does not parse them. Their problems are only ever said with a template's.
  private registerPartials(): void {
    this.partialsRead = true;
    const dir = join(this.dir, PARTIALS_DIR);
    if (!existsSync(dir)) return;
    const calls = new Map<string, { file: string; source: string; calls: PartialCall[] }>();
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.hbs')).sort()) {
      const file = join(dir, name);
      const away = confine(dirname(this.dir), file, projectFile('template'));
      if (away) {
        this.partialProblems.push(away);
        continue;
      }
      let source: string;
      try {
        source = readFileSync(file, 'utf8');
      } catch (e) {
        // A folder named like a partial, or one the user may not read: said with the template's
        // problems, as a partial's syntax error is, never as a fault of the tool.
        const why = (e as NodeJS.ErrnoException).code === 'EISDIR' ? 'ファイルではなくフォルダです' : '読めません';
        this.partialProblems.push({ severity: 'error', code: 'template/unreadable', file, message: `部品のテンプレート ${name} が${why}。` });
        continue;
      }
      const found = treeFindings(source, file);
      calls.set(basename(name, '.hbs'), { file, source, calls: found.calls });
      this.partialProblems.push(...found.problems);
      try {
        // Parsed now (compile is lazy), so that a syntax error is named in the partial's own file.
        this.hb.precompile(markLines(source), COMPILE);
        this.hb.registerPartial(basename(name, '.hbs'), this.hb.compile(markLines(source), COMPILE));
      } catch (e) {
        this.partialProblems.push(handlebarsProblem(e as Error, file, source));
      }
    }
    this.partialProblems.push(...partialCycles(calls));
  }

  private template(name: string): Compiled | Problem[] {
    if (!this.partialsRead) this.registerPartials();
    let t = this.compiled.get(name);
    if (!t) {
      t = this.read(join(this.dir, `${name}.hbs`));
      this.compiled.set(name, t);
    }
    return t;
  }

  private read(file: string): Compiled | Problem[] {
    const away = confine(dirname(this.dir), file, projectFile('template'));
    if (away) return [...this.partialProblems, away];
    let source: string | undefined;
    try {
      source = readFileSync(file, 'utf8');
      const found = treeFindings(source, file).problems;
      if (this.partialProblems.length || found.length) return [...this.partialProblems, ...found];
      return { fn: this.hb.compile(markLines(source), COMPILE), file, source };
    } catch (e) {
      return source === undefined
        ? [{ severity: 'error', code: 'template/missing', file, message: `テンプレートがありません: ${file}` }]
        : [handlebarsProblem(e as Error, file, source)];
    }
  }

  /** The file and text of a template, to point at a line of it. */
  source(name: string): { file: string; source?: string } {
    const t = this.template(name);
    return Array.isArray(t) ? { file: join(this.dir, `${name}.hbs`) } : { file: t.file, source: t.source };
  }

  /** Render a template to markup and read the markup into a Document. */
  document(name: string, context: object): Templated {
    const t = this.template(name);
    if (Array.isArray(t)) return { problems: t };
    let markup: string;
    try {
      markup = t.fn(context);
    } catch (e) {
      return { problems: [handlebarsProblem(e as Error, t.file, t.source)] };
    }
    try {
      return { doc: parseMarkup(markup), problems: [] };
    } catch (e) {
      if (!(e instanceof Failure)) throw e;
      return {
        problems: e.problems.map((p) => ({ ...p, file: t.file, source: t.source, message: `テンプレート ${name}.hbs の出力が文書の形になっていません: ${p.message}` })),
      };
    }
  }
}

/**
 * Put a marker before every line that starts with a tag, so that a problem found in the markup
 * can name the template line it came from. Handlebars cannot map its output back by itself.
 */
function markLines(source: string): string {
  return source
    .split('\n')
    .map((line, i) => line.replace(/^(\s*)<(?![!?\/])/, `$1<?${LINE_MARK} ${i + 1}?><`))
    .join('\n');
}

function asInt(v: unknown, helper: string): number {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n)) throw new Error(`${helper}: 整数ではありません（${String(v)}）`);
  return n;
}

function handlebarsProblem(e: Error, file: string, source: string): Problem {
  // A Handlebars exception carries where (a 0-based column); a parse error says "Parse error on line 12:".
  const ex = e as Error & { lineNumber?: number; column?: number };
  const line = ex.lineNumber ?? (/on line (\d+)/.exec(e.message) ? Number(/on line (\d+)/.exec(e.message)![1]) : undefined);
  let column = ex.column !== undefined ? ex.column + 1 : 1;
  // Handlebars counts columns in the marked source: take the line marker back out.
  const original = line ? source.split('\n')[line - 1] : undefined;
  if (original !== undefined && markLines(original) !== original) {
    const indent = /^\s*/.exec(original)![0].length;
    if (column > indent + 1) column -= `<?${LINE_MARK} ${line}?>`.length;
  }
  let place: Problem['place'] = line ? { line, column } : undefined;
  const text = e.message.split('\n')[0].replace(/ - \d+:\d+$/, '');
  let message: string;
  let code = 'template/error';
  const missingHelper = /You specified knownHelpersOnly, but used the unknown helper (\S+)/.exec(e.message);
  const missingField = /"([^"]+)" not defined in (.*?)(?: - \d+:\d+)?$/m.exec(e.message);
  const missingPartial = /The partial (\S+) could not be found/.exec(e.message);
  if (missingHelper) [code, message] = ['template/unknown-helper', `未定義のヘルパー「${missingHelper[1]}」です（使えるもの: ${HELPERS.join('、')}、if、each、unless、with）。`];
  else if (missingField) [code, message] = ['template/unknown-field', `データにない項目「${missingName(missingField[1], missingField[2], source, place)}」を参照しています。`];
  else if (missingPartial) [code, message] = ['template/unknown-partial', `部分テンプレート「${missingPartial[1]}」がありません（templates/${PARTIALS_DIR}/ に置きます）。`];
  else if (/Parse error|doesn't match/.test(e.message)) {
    const said = syntaxProblem(e.message, line, source);
    [code, message, place] = [said.code, said.message, said.place];
  } else if (e instanceof RangeError) {
    [code, message] = ['template/too-deep', 'テンプレートの呼び出しが深すぎて、文書を作れません（部分テンプレートが自分自身を呼び出していませんか）。'];
  } else if (e instanceof Handlebars.Exception) {
    // A helper of ours that refused its argument: its message is already Japanese.
    [code, message] = ['template/helper', `ヘルパーが値を扱えません: ${text}`];
  } else {
    message = `テンプレートを当てはめられません（${e.name}）。データの項目の名前を確かめてください。`;
  }
  return { severity: 'error', code, file, message, source, ...(place ? { place } : {}) };
}
