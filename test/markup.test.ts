import { describe, expect, it } from 'vitest';
import { Failure } from '../src/core/problem.js';
import { parseMarkup } from '../src/template/markup.js';

const doc = (body: string) =>
  `<document title="t" author="a" subject="s" date="2023-03-31"><title>t</title>${body}</document>`;

function problem(xml: string): string {
  try {
    parseMarkup(xml);
  } catch (e) {
    if (e instanceof Failure) return e.problems.map((p) => p.message).join('\n');
    throw e;
  }
  throw new Error('no problem');
}

describe('links and QR codes in the markup', () => {
  it('reads <link href> as runs that carry their address, styles and all', () => {
    const d = parseMarkup(doc('<p>窓口 <link href="https://example.jp/a">https://<b>example</b>.jp/a</link>。</p>'));
    expect(d.body[0]).toEqual({
      kind: 'paragraph',
      runs: [
        { text: '窓口 ' },
        { text: 'https://', link: 'https://example.jp/a' },
        { text: 'example', bold: true, link: 'https://example.jp/a' },
        { text: '.jp/a', link: 'https://example.jp/a' },
        { text: '。' },
      ],
    });
  });

  it('keeps two links apart even when they touch', () => {
    const d = parseMarkup(doc('<p><link href="https://a.jp/">a</link><link href="https://b.jp/">b</link></p>'));
    expect(d.body[0]).toMatchObject({ runs: [{ text: 'a', link: 'https://a.jp/' }, { text: 'b', link: 'https://b.jp/' }] });
  });

  it('asks for the address of a link, and for what a QR code is', () => {
    expect(problem(doc('<p><link>x</link></p>'))).toContain('<link> には href');
    expect(problem(doc('<p><link href="https://a.jp/"><link href="https://b.jp/">x</link></link></p>'))).toContain('<link> の中に <link>');
    expect(problem(doc('<qr value="https://a.jp/"/>'))).toContain('<qr> には alt');
    expect(parseMarkup(doc('<qr value="https://a.jp/" alt="A のホームページの QR コード"/>')).body[0]).toEqual({
      kind: 'qr',
      value: 'https://a.jp/',
      alt: 'A のホームページの QR コード',
    });
  });
});
