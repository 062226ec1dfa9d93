import { createRequire } from 'node:module';
import { wrapPdfmake } from './hook.js';

// pdfmake looks up some twenty style properties for every inline it measures
// (TextInlines.measure), each through StyleContextStack.getStyleProperty: it pushes the inline and
// its named styles onto the stack, makes a closure and a Set, walks the stack and pops again. Most
// of those properties are set nowhere, so each lookup walks the whole stack; over the 67 handouts
// that was about 0.5 s of CPU and much of the garbage. The lookups below answer exactly as
// pdfmake's do (the same order: the inline, its named styles last to first, the stack top to
// bottom, the default style; a named style's `extends` as pdfmake follows them) without touching
// the stack or allocating.
//
// While TextInlines.buildInlines breaks and measures one text node, the stack stays as it is and
// nothing on it is written to (the words it measures are its own copies), so what the stack says
// of a property is the same for each of the node's words: it is read once per node.

const require = createRequire(import.meta.url);

type Style = Record<string, unknown> & { extends?: string | string[] };
type Item = Record<string, unknown> & { style?: string | string[]; section?: unknown };
interface Stack {
  styleDictionary: Record<string, Style | undefined>;
  defaultStyle?: Record<string, unknown>;
  styleOverrides?: (string | Item)[];
  getProperty(property: string): unknown;
}
type StackClass = {
  getStyleProperty(item: Item, stack: Stack | undefined, property: string, defaultValue: unknown): unknown;
  prototype: Stack & Record<symbol, unknown>;
};

const isValue = (v: unknown) => v !== undefined && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string' || v instanceof String;

/** pdfmake's own walk through a named style and the styles it extends (with its guard against cycles). */
function fromExtending(dict: Stack['styleDictionary'], name: string, property: string, visited: Set<string>): unknown {
  if (visited.has(name)) return undefined;
  visited.add(name);
  const style = dict[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (style.extends) {
    const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
    for (let i = parents.length - 1; i >= 0; i--) {
      const value = fromExtending(dict, parents[i], property, visited);
      if (isValue(value)) return value;
    }
  }
  return undefined;
}

/** A named style's value; the Set for cycles is only made for a style that extends others. */
function fromStyle(dict: Stack['styleDictionary'], name: string, property: string): unknown {
  const style = dict[name];
  if (!style) return undefined;
  const value = style[property];
  if (isValue(value)) return value;
  return style.extends ? fromExtending(dict, name, property, new Set()) : undefined;
}

function getProperty(this: Stack, property: string): unknown {
  const overrides = this.styleOverrides;
  if (overrides) {
    for (let i = overrides.length - 1; i >= 0; i--) {
      const item = overrides[i];
      const value = isString(item) ? fromStyle(this.styleDictionary, item as string, property) : item[property];
      if (isValue(value)) return value;
    }
  }
  return this.defaultStyle && this.defaultStyle[property];
}

/** The stack whose answers are kept while one text node is measured, and those answers. */
let memoStack: Stack | undefined;
const memo = new Map<string, unknown>();

function fromStack(stack: Stack, property: string): unknown {
  if (memo.has(property)) return memo.get(property);
  const value = stack.getProperty(property);
  memo.set(property, value);
  return value;
}

type BuildInlines = (this: unknown, textArray: unknown, stack: Stack | undefined) => unknown;

/** As pdfmake's: the stack as `auto(item)` would leave it, read without pushing. */
function getStyleProperty(item: Item, stack: Stack | undefined, property: string, defaultValue: unknown): unknown {
  const own = item[property];
  if (isValue(own)) return own;
  if (!stack) return defaultValue;
  let value: unknown;
  // autopush pushes nothing for a string or a section; otherwise the item (whose own value is not
  // one, as seen above) over its named styles.
  if (!isString(item) && typeof item.section === 'undefined' && item.style) {
    const names = Array.isArray(item.style) ? item.style : [item.style];
    for (let i = names.length - 1; i >= 0 && !isValue(value); i--) {
      const name = names[i];
      value = isString(name) ? fromStyle(stack.styleDictionary, name, property) : (name as unknown as Item)[property];
    }
  }
  if (!isValue(value)) value = stack === memoStack ? fromStack(stack, property) : stack.getProperty(property);
  return isValue(value) ? value : defaultValue;
}

/** Once per process; later calls do nothing. */
export function installStyleLookup(): void {
  const stack = (require('pdfmake/js/StyleContextStack.js') as { default: StackClass }).default;
  const mark = Symbol.for('shien.StyleContextStack.lookup');
  if (stack.prototype[mark]) return;
  if (typeof stack.getStyleProperty !== 'function' || typeof stack.prototype.getProperty !== 'function') {
    throw new Error('pdfmake StyleContextStack.getStyleProperty not found: check the pdfmake version');
  }
  stack.prototype.getProperty = getProperty;
  stack.getStyleProperty = getStyleProperty;
  stack.prototype[mark] = true;
  wrapPdfmake<BuildInlines>('TextInlines', 'buildInlines', (buildInlines) => function (textArray, styleStack) {
    const outer = memoStack;
    const kept = outer ? new Map(memo) : undefined;
    memoStack = styleStack;
    memo.clear();
    try {
      return buildInlines.call(this, textArray, styleStack);
    } finally {
      memo.clear();
      memoStack = outer;
      if (kept) for (const [k, v] of kept) memo.set(k, v);
    }
  });
}
