import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { escapeMarkup } from '../render/markup.js';
import type { ProblemView } from '../core/print.js';
import { WRITERS } from '../render/writers.js';
import type { DocumentState, PreviewState } from './state.js';

// The preview's first page: every document of the plan, its state after the last build, and a link
// to each of its files that exists. A document's problems are listed under its row, where the reader
// looks for why it failed; the problems of the whole plan (a broken plan.yaml) above the table, since
// they stop every document.

const STATE: Record<DocumentState, string> = { built: '作成', unchanged: '変更なし', failed: '失敗' };

const STYLE = `
body { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem; font-family: "BIZ UDPGothic", "BIZ UDPゴシック", "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Yu Gothic", YuGothic, Meiryo, "Noto Sans JP", sans-serif; line-height: 1.6; color: #000; background: #fff; }
h1 { font-size: 1.4rem; margin: 0 0 0.5rem; }
table { width: 100%; border-collapse: collapse; margin-top: 1rem; }
th, td { padding: 0.3rem 0.5rem; border: 1px solid #1F3864; text-align: start; vertical-align: top; }
th { background: #D9E2F3; }
td.state-failed { color: #C00000; font-weight: bold; }
.problems { margin: 0; padding-left: 1.25rem; }
.problems .where { font-weight: bold; overflow-wrap: anywhere; }
.problems pre { margin: 0.25rem 0; padding: 0.25rem 0.5rem; overflow-x: auto; border: 1px solid #e0b0b0; font-family: "BIZ UDGothic", "BIZ UDゴシック", Osaka-Mono, "MS Gothic", "Noto Sans Mono CJK JP", monospace; }
section.problems-all { margin-top: 1rem; padding: 0.5rem 1rem; border: 2px solid #C00000; }
section.problems-all h2 { margin: 0; font-size: 1.1rem; color: #A00000; }
a { color: #1F3864; }
@media (max-width: 40rem) { th, td { padding: 0.2rem 0.3rem; } }
`;

/** Problems as the terminal shows them: place, severity and code, message, the source line, facts, hint. */
function problemList(problems: readonly ProblemView[]): string {
  const item = (p: ProblemView) => [
    '<li>',
    `<div>${p.where ? `<span class="where">${escapeMarkup(p.where)}</span> ` : ''}${p.severity === 'error' ? 'エラー' : '警告'}[${escapeMarkup(p.code)}] ${escapeMarkup(p.message)}</div>`,
    p.excerpt ? `<pre>${escapeMarkup(p.excerpt)}</pre>` : '',
    p.facts ? `<div>${escapeMarkup(p.facts)}</div>` : '',
    p.hint ? `<div>ヒント: ${escapeMarkup(p.hint)}</div>` : '',
    '</li>',
  ].join('');
  return `<ol class="problems">${problems.map(item).join('')}</ol>`;
}

export function indexPage(state: PreviewState, where: { planDir: string; outDir: string; client: string }): string {
  const rows = state.documents.map((d) => {
    const links = WRITERS.map((w) => {
      const file = `${d.name}.${w.extension}`;
      const href = '/' + file.split('/').map(encodeURIComponent).join('/');
      return `<td>${existsSync(join(where.outDir, file)) ? `<a href="${escapeMarkup(href)}">${escapeMarkup(w.name)}</a>` : '—'}</td>`;
    });
    const row = `<tr><td>${escapeMarkup(d.title ?? d.name)}</td><td class="state-${d.state}">${STATE[d.state]}</td>${links.join('')}</tr>`;
    return d.problems.length
      ? `${row}<tr class="problems-of" data-document="${escapeMarkup(d.name)}"><td colspan="${2 + WRITERS.length}">${problemList(d.problems)}</td></tr>`
      : row;
  });
  const general = state.problems.length
    ? `<section class="problems-all" aria-labelledby="problems-all"><h2 id="problems-all">${
      state.problems.some((p) => p.severity === 'error') ? '計画の誤り（すべての文書に関わります。直して保存すると作り直します）' : '計画への警告'
    }</h2>${problemList(state.problems)}</section>`
    : '';
  const table = rows.length
    ? `<table><thead><tr><th scope="col">文書</th><th scope="col">状態</th>${WRITERS.map((w) => `<th scope="col">${escapeMarkup(w.name)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`
    : `<p>${state.building ? '文書を作っています…' : 'まだ作れた文書はありません。'}</p>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="ja">',
    '<head>',
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<title>プレビュー: ${escapeMarkup(where.planDir)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>プレビュー: ${escapeMarkup(where.planDir)}</h1>`,
    `<p>保存のたびに変わった文書を作り直し、開いているページを新しい版に替えます。出力先: ${escapeMarkup(where.outDir)}</p>`,
    general,
    table,
    '</main>',
    `<script src="${where.client}" defer></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
