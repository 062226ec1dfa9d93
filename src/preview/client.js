// The preview's script, added to pages as `shien preview` serves them (never written into the files).
// It listens to the server's events: when the page's document has been made again it fetches the
// page and puts the new version in place, keeping the reader's scroll position; when the data is
// broken it shows the problems over the last good version, and takes them away once fixed.
(() => {
  'use strict';

  const script = document.currentScript;
  const path = decodeURIComponent(location.pathname);
  /** The document this page shows (summary, handouts/13-tokyo), or null on the list of documents. */
  const stem = path === '/' ? null : path.replace(/^\//, '').replace(/\.html$/, '');
  /** How far the page shown is up to date: the server's count of writes when it served it. */
  let shown = Number((script && script.dataset.written) || 0);
  let state = null;
  let connected = true;

  const style = document.createElement('style');
  style.id = 'shien-preview-style';
  style.textContent = `
#shien-preview, #shien-preview-status { font-family: "BIZ UDPGothic", "BIZ UDPゴシック", "Hiragino Kaku Gothic ProN", Meiryo, sans-serif; z-index: 2147483647; }
#shien-preview { position: fixed; left: 0; right: 0; bottom: 0; max-height: 60vh; overflow: auto; margin: 0; padding: 0.75rem 1rem;
  background: #fff8f8; color: #000; border-top: 4px solid #c00000; box-shadow: 0 -2px 8px rgb(0 0 0 / 25%); line-height: 1.5; font-size: 0.95rem; }
#shien-preview h2 { margin: 0 0 0.25rem; font-size: 1.05rem; color: #a00000; }
#shien-preview > p { margin: 0 0 0.5rem; }
#shien-preview ol { margin: 0; padding-left: 1.5rem; }
#shien-preview li { margin: 0.5rem 0; }
#shien-preview .where { font-weight: bold; overflow-wrap: anywhere; }
#shien-preview pre { margin: 0.25rem 0; padding: 0.25rem 0.5rem; overflow-x: auto; background: #fff; border: 1px solid #e0b0b0;
  font-family: "BIZ UDGothic", "BIZ UDゴシック", Osaka-Mono, "MS Gothic", "Noto Sans Mono CJK JP", monospace; font-size: 0.9rem; }
#shien-preview-status { position: fixed; top: 0.5rem; left: 0.5rem; padding: 0.2rem 0.6rem; border-radius: 0.3rem;
  background: #1f3864; color: #fff; font-size: 0.85rem; }
`;
  document.head.append(style);

  const el = (name, attrs, ...children) => {
    const e = document.createElement(name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) if (c !== undefined && c !== null) e.append(c);
    return e;
  };

  /** The problems this page should show over itself: the plan's own, and its document's. The list of documents shows them in its rows. */
  function problems() {
    if (!state || stem === null) return [];
    const mine = state.documents.find((d) => d.name === stem);
    return [...state.problems, ...(mine ? mine.problems : [])];
  }

  function render() {
    for (const id of ['shien-preview', 'shien-preview-status']) document.getElementById(id)?.remove();
    const status = !connected ? 'プレビューのサーバーとの接続が切れました（つなぎ直しています）' : state && state.building ? '作成中…' : '';
    if (status) document.body.append(el('div', { id: 'shien-preview-status', role: 'status' }, status));
    const list = problems();
    if (!list.length) return;
    const errors = list.filter((p) => p.severity === 'error').length;
    const panel = el('section', { id: 'shien-preview', 'aria-labelledby': 'shien-preview-title' },
      el('h2', { id: 'shien-preview-title' }, `エラー ${errors} 件、警告 ${list.length - errors} 件`),
      errors ? el('p', {}, 'いま表示しているのは、最後に作れた版です。直して保存すると、この表示は消えます。') : null,
      el('ol', {}, ...list.map((p) => el('li', {},
        el('div', {}, el('span', { class: 'where' }, p.where ? `${p.where} ` : ''), `${p.severity === 'error' ? 'エラー' : '警告'}[${p.code}] ${p.message}`),
        p.excerpt ? el('pre', {}, p.excerpt) : null,
        p.facts ? el('div', {}, p.facts) : null,
        p.hint ? el('div', {}, `ヒント: ${p.hint}`) : null,
      ))),
    );
    document.body.append(panel);
  }

  let fetching = false;
  let again = false;
  /** Fetch this page again and put the new version in place of the old. */
  async function refresh() {
    if (fetching) {
      again = true;
      return;
    }
    fetching = true;
    try {
      const res = await fetch(location.pathname, { cache: 'no-store' });
      if (!res.ok) return;
      const next = new DOMParser().parseFromString(await res.text(), 'text/html');
      const served = next.querySelector('script[data-written]');
      if (served) shown = Number(served.dataset.written);
      for (const s of next.querySelectorAll('script')) s.remove();
      const [x, y] = [scrollX, scrollY];
      document.title = next.title;
      for (const s of document.head.querySelectorAll('style:not(#shien-preview-style)')) s.remove();
      for (const s of next.head.querySelectorAll('style')) document.head.append(document.importNode(s, true));
      document.body.replaceWith(document.importNode(next.body, true));
      scrollTo(x, y);
      render();
    } finally {
      fetching = false;
      if (again) {
        again = false;
        void refresh();
      }
    }
  }

  const events = new EventSource(`/_preview/events${stem === null ? '' : `?page=${encodeURIComponent(stem)}`}`);
  events.addEventListener('open', () => {
    connected = true;
    render();
  });
  events.addEventListener('error', () => {
    connected = false;
    render();
  });
  events.addEventListener('document', (e) => {
    const d = JSON.parse(e.data);
    if (d.name === stem && d.written > shown) void refresh();
  });
  events.addEventListener('state', (e) => {
    state = JSON.parse(e.data);
    if (stem === null) {
      void refresh();
      return;
    }
    const mine = state.documents.find((d) => d.name === stem);
    if (mine && mine.written > shown) void refresh();
    else render();
  });
})();
