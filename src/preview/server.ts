import { readFileSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { Failure, type Problem } from '../core/problem.js';
import { CONTENT_SECURITY_POLICY } from '../render/html/policy.js';
import { WRITERS } from '../render/writers.js';
import { watch, type WatchEvents } from '../pipeline/watch.js';
import { indexPage } from './page.js';
import { PreviewModel } from './state.js';

// `shien preview`: the output folder served to a browser on this machine alone, rebuilt on every
// save by the watch machinery, with the open pages told over server-sent events to fetch themselves
// again. The files are served as they are; the preview's script is added to pages as they are
// served, never written into the files.

export const HOST = '127.0.0.1';

/** The preview's own files, under a name no output can have (outputs never start with `_`). */
const ASSETS = '/_preview/';
const CLIENT = `${ASSETS}client.js`;
const EVENTS = `${ASSETS}events`;

/** What a file is served as: the writers table's media types (a new format is served without a word here). */
const CONTENT_TYPES: Readonly<Record<string, string>> = Object.fromEntries(WRITERS.map((w) => [w.extension, w.mediaType]));

/** The built pages allow nothing but their styles; served in the preview they may also run its script and listen to it. */
const PREVIEW_POLICY = `${CONTENT_SECURITY_POLICY}; script-src 'self'; connect-src 'self'`;

/** A comment every so often keeps an idle event stream open through proxies and sleeping laptops. */
const KEEP_ALIVE_MS = 15_000;

export interface PreviewOptions extends Partial<Pick<WatchEvents, 'onChange' | 'onBuilt'>> {
  planDir: string;
  outDir: string;
  /** Where the command was run: problems name their files relative to it. */
  cwd: string;
  /** 0: any free port. */
  port: number;
  fixedTime?: Date;
  /** A request the server could not answer (it answered 500 and goes on): shown once per kind of failure. */
  onRequestProblem?: (p: Problem) => void;
}

export interface Preview {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** Settles when the first build is done and saves are being watched. */
  ready: Promise<void>;
  close(): Promise<void>;
}

const clientScript = () => readFileSync(new URL('./client.js', import.meta.url), 'utf8');

/**
 * The file a request path names inside the root, or why not. Each segment is decoded once and must
 * be a plain name: `..`, `.` and a segment that decodes to a slash (`%2e%2e`, `..%2f`, `%5c`) are refused
 * before any path is made, and the real path must still lie under the root (no way out by a link).
 */
export function resolveRequest(rawPath: string, root: string): { file: string } | { status: 400 | 403 | 404 } {
  const path = rawPath.split(/[?#]/)[0];
  if (!path.startsWith('/')) return { status: 400 };
  let segments: string[];
  try {
    segments = path.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return { status: 400 };
  }
  if (segments.some((s) => s === '..' || s === '.' || /[\\/\0]/.test(s))) return { status: 403 };
  // Hidden files are the build's own (the manifest, files being written).
  if (segments.some((s) => s === '' || s.startsWith('.'))) return { status: 404 };
  const file = join(root, ...segments);
  try {
    const real = realpathSync(file);
    if (!real.startsWith(realpathSync(root) + sep) || !statSync(real).isFile()) return { status: 404 };
    return { file: real };
  } catch {
    return { status: 404 };
  }
}

const MESSAGES = {
  400: '要求の形が正しくありません。',
  403: '出力先のフォルダの外は表示できません。',
  404: 'そのファイルはありません（まだ作られていないか、作れなかった文書です）。',
  405: 'このプレビューは表示（GET・HEAD）だけを受け付けます。',
  421: 'このプレビューには、このコンピュータの 127.0.0.1 か localhost からだけ接続できます。',
  500: 'このページを表示できませんでした（プレビューの内部の誤り）。プレビューを起動した画面に理由が出ています。',
} as const;

function send(res: ServerResponse, head: boolean, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.length), ...extra });
  res.end(head ? undefined : bytes);
}

const refuse = (res: ServerResponse, head: boolean, status: keyof typeof MESSAGES, extra: Record<string, string> = {}) =>
  send(res, head, status, 'text/plain; charset=utf-8', `${MESSAGES[status]}\n`, extra);

/** A page of the output with the preview's script, which knows how far the page is up to date. */
function withClient(html: string, written: number): string {
  const policy = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
  const script = `<script src="${CLIENT}" data-written="${written}" defer></script>`;
  const at = html.lastIndexOf('</body>');
  const page = at < 0 ? html + script : html.slice(0, at) + script + html.slice(at);
  return page.replace(policy, `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_POLICY}" />`);
}

/** The stem of a page's path: /handouts/13-tokyo.html → handouts/13-tokyo. */
const stemOf = (file: string, root: string) => file.slice(realpathSync(root).length + 1).split(sep).join('/').replace(/\.html$/, '');

const portProblem = (code: string, port: number): Problem => ({
  severity: 'error',
  code: code === 'EADDRINUSE' ? 'env/port-in-use' : 'env/port-denied',
  message: code === 'EADDRINUSE'
    ? `ポート ${port} はほかのプログラムが使っています。`
    : `ポート ${port} を開けません（${code}）。`,
  hint: '--port で別の番号（例: --port 4801）を指定してください。',
});

const requestProblem = (path: string, e: unknown): Problem => ({
  severity: 'error',
  code: 'internal/preview',
  message: `プレビューが「${path}」に答えられませんでした: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? `ファイル ${(e as NodeJS.ErrnoException).path} がありません` : (e as Error).message ?? String(e)}。`,
  hint: 'プレビューは動き続けています。このツールの入れ方の問題なら、npm ci でもう一度入れてください。',
});

/**
 * Start serving on 127.0.0.1, then build and watch. Throws a Failure (env/port-in-use, exit 2) when
 * the port cannot be opened; nothing is built then.
 */
export async function startPreview(opts: PreviewOptions): Promise<Preview> {
  const root = resolve(opts.outDir);
  const model = new PreviewModel(opts.cwd);
  const streams = new Map<ServerResponse, { page?: string }>();
  let client: string | undefined;

  const broadcast = (event: string, data: unknown) => {
    const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of streams.keys()) res.write(message);
  };

  /** Failures already shown: a page that asks again and again for what fails is one problem, not one per request. */
  const shown = new Set<string>();
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const head = req.method === 'HEAD';
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (req.method !== 'GET' && !head) return refuse(res, false, 405, { Allow: 'GET, HEAD' });
    // A page elsewhere that points a name of its own at this machine must not read the plan through
    // the reader's browser (DNS rebinding): only requests addressed to this machine are answered.
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (host !== HOST && host !== 'localhost') return refuse(res, head, 421);
    const url = req.url ?? '/';
    const path = url.split(/[?#]/)[0];

    if (path === '/') {
      return send(res, head, 200, CONTENT_TYPES.html, indexPage(model.snapshot(), { planDir: opts.planDir, outDir: opts.outDir, client: CLIENT }), {
        'Content-Security-Policy': PREVIEW_POLICY,
      });
    }
    // Browsers ask for an icon by themselves: there is none, and that is no error worth a 404.
    if (path === '/favicon.ico') {
      res.writeHead(204);
      return res.end();
    }
    if (path === CLIENT) return send(res, head, 200, 'text/javascript; charset=utf-8', (client ??= clientScript()));
    if (path === EVENTS) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
      if (head) return res.end();
      const page = new URLSearchParams(url.split('?')[1] ?? '').get('page') ?? undefined;
      streams.set(res, { page });
      res.write(`retry: 1000\n\nevent: state\ndata: ${JSON.stringify(model.snapshot())}\n\n`);
      res.on('close', () => streams.delete(res));
      return;
    }

    const found = resolveRequest(url, root);
    if ('status' in found) return refuse(res, head, found.status);
    const type = CONTENT_TYPES[extname(found.file).slice(1)];
    if (!type) return refuse(res, head, 404);
    const bytes = readFileSync(found.file);
    if (type !== CONTENT_TYPES.html) return send(res, head, 200, type, bytes);
    return send(res, head, 200, type, withClient(bytes.toString('utf8'), model.written(stemOf(found.file, root))), {
      'Content-Security-Policy': PREVIEW_POLICY,
    });
  };

  // Whatever goes wrong while answering one request ends that request, never the preview.
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    try {
      answer(req, res);
    } catch (e) {
      const path = (req.url ?? '/').split(/[?#]/)[0];
      const problem = requestProblem(path, e);
      if (!shown.has(problem.message)) {
        shown.add(problem.message);
        opts.onRequestProblem?.(problem);
      }
      if (res.headersSent) res.destroy();
      else refuse(res, req.method === 'HEAD', 500);
    }
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => fail(new Failure([portProblem(e.code ?? e.message, opts.port)])));
    server.listen(opts.port, HOST, () => ok());
  });
  const port = (server.address() as { port: number }).port;
  const keepAlive = setInterval(() => {
    for (const res of streams.keys()) res.write(': \n\n');
  }, KEEP_ALIVE_MS);
  keepAlive.unref();

  const watching = watch({
    planDir: opts.planDir,
    outDir: opts.outDir,
    fixedTime: opts.fixedTime,
    // The pages open in a browser are made first, so that they update first.
    first: () => [...new Set([...streams.values()].flatMap((s) => (s.page ? [s.page] : [])))],
    onChange: (files) => {
      model.changed();
      broadcast('state', model.snapshot());
      opts.onChange?.(files);
    },
    onDocument: (d) => {
      if (model.document(d)) broadcast('document', { name: d.name, written: model.written(d.name) });
    },
    onBuilt: (result) => {
      model.built(result);
      broadcast('state', model.snapshot());
      opts.onBuilt?.(result);
    },
  });

  let closed: Promise<void> | undefined;
  return {
    url: `http://${HOST}:${port}/`,
    ready: watching.then(() => undefined),
    close: () =>
      (closed ??= (async () => {
        clearInterval(keepAlive);
        for (const res of streams.keys()) res.end();
        streams.clear();
        await new Promise<void>((ok) => {
          server.close(() => ok());
          server.closeAllConnections();
        });
        // The watcher stops, and no build starts after it (one under way is not waited for).
        await (await watching.catch(() => undefined))?.close();
      })()),
  };
}
