import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { installStyleLookup } from '../src/layout/pdfmake/styles.js';

// layout/pdfmake/styles.ts answers pdfmake's style lookups without pushing onto its stack. Its
// answers must be pdfmake's own, whatever the styles: random dictionaries (named styles extending
// others, cycles among them), stacks of names and inline styles, and items with their own values,
// named styles, sections or none, each asked by both: pdfmake's class as it ships (loaded afresh)
// and the one the PDF writer uses.

const require = createRequire(import.meta.url);
const PATH = require.resolve('pdfmake/js/StyleContextStack.js');

interface StackLike {
  push(item: unknown): void;
}
type StackClass = (new (dict: object, defaultStyle?: object) => StackLike) & {
  getStyleProperty(item: unknown, stack: StackLike | undefined, property: string, defaultValue: unknown): unknown;
};

/** pdfmake's StyleContextStack as it ships: a second copy of the module, not the one patched. */
function pristine(): StackClass {
  const patched = require.cache[PATH];
  delete require.cache[PATH];
  try {
    return (require(PATH) as { default: StackClass }).default;
  } finally {
    if (patched) require.cache[PATH] = patched;
    else delete require.cache[PATH];
  }
}

const PROPS = ['fontSize', 'bold', 'color', 'lineHeight'] as const;
const NAMES = ['a', 'b', 'c', 'd', 'e'] as const;
const value = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.constant(''));
const props = fc.record(Object.fromEntries(PROPS.map((p) => [p, value])), { requiredKeys: [] });
const name = fc.constantFrom(...NAMES, 'missing');
const style = fc.record({ props, extends: fc.option(fc.oneof(name, fc.array(name, { maxLength: 3 })), { nil: undefined }) });
const dictionary = fc.dictionary(fc.constantFrom(...NAMES), style);
const styleRef = fc.oneof(name, name.map((n) => new String(n)), props);
const item = fc.oneof(
  fc.constant('some text'),
  fc.record({
    own: props,
    style: fc.option(fc.oneof(styleRef, fc.array(styleRef, { maxLength: 3 })), { nil: undefined }),
    section: fc.option(fc.constant(true), { nil: undefined }),
  }),
);

const flat = (s: { props: Record<string, unknown>; extends?: unknown }) => ({ ...s.props, ...(s.extends === undefined ? {} : { extends: s.extends }) });
const asItem = (i: string | { own: Record<string, unknown>; style?: unknown; section?: unknown }) =>
  typeof i === 'string' ? i : { ...i.own, ...(i.style === undefined ? {} : { style: i.style }), ...(i.section === undefined ? {} : { section: i.section }) };

describe('pdfmake style lookups without the stack (layout/pdfmake/styles.ts)', () => {
  it('answer as pdfmake 0.3 does, for random styles, stacks and items', () => {
    installStyleLookup();
    const ours = (require(PATH) as { default: StackClass }).default;
    const theirs = pristine();
    expect(theirs).not.toBe(ours);
    expect(theirs.getStyleProperty).not.toBe(ours.getStyleProperty);
    fc.assert(
      fc.property(dictionary, props, fc.array(styleRef, { maxLength: 4 }), item, fc.constantFrom(...PROPS), fc.option(fc.integer(), { nil: undefined }), fc.boolean(),
        (dict, defaults, pushed, it, property, fallback, noStack) => {
          const styles = Object.fromEntries(Object.entries(dict).map(([k, s]) => [k, flat(s)]));
          const answer = (Stack: StackClass) => {
            const stack = new Stack(structuredClone(styles), { ...defaults });
            for (const p of pushed) stack.push(p);
            return Stack.getStyleProperty(asItem(it), noStack ? undefined : stack, property, fallback);
          };
          expect(answer(ours)).toEqual(answer(theirs));
        }),
      { seed: 20261206, numRuns: 2000 },
    );
  });
});
