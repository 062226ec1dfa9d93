import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// A small Language Server Protocol client over stdio (JSON-RPC with Content-Length framing), enough
// to drive yaml-language-server as VS Code's YAML extension does: open a document, ask for hover
// and completion, wait for its diagnostics.

export interface Position { line: number; character: number }
export interface Diagnostic { range: { start: Position; end: Position }; message: string; severity?: number; source?: string }
export interface CompletionItem { label: string; documentation?: string | { value: string }; insertText?: string }

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

const ROOT = join(import.meta.dirname, '..');

/** The settings VS Code's YAML extension sends, without the schema store (no network in tests). */
const YAML_SETTINGS = { validate: true, hover: true, completion: true, format: { enable: false }, schemaStore: { enable: false }, schemas: {} };

export class LanguageServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiting = new Map<string, ((d: Diagnostic[]) => void)[]>();
  private versions = new Map<string, number>();
  stderr = '';

  constructor() {
    this.child = spawn(process.execPath, [join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'], { cwd: ROOT });
    this.child.stdout.on('data', (d: Buffer) => this.read(d));
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d));
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private read(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(m: { id?: number; method?: string; params?: any; result?: unknown; error?: { message: string } }): void {
    if (m.method && m.id !== undefined) {
      // A request of the server's: its settings (one answer per section asked), or a registration.
      const result = m.method === 'workspace/configuration' ? m.params.items.map((i: { section?: string }) => (i.section === 'yaml' ? YAML_SETTINGS : {})) : null;
      this.send({ id: m.id, result });
    } else if (m.method === 'textDocument/publishDiagnostics') {
      this.diagnostics.set(m.params.uri, m.params.diagnostics);
      for (const w of this.waiting.get(m.params.uri) ?? []) w(m.params.diagnostics);
      this.waiting.delete(m.params.uri);
    } else if (m.id !== undefined && this.pending.has(m.id)) {
      const p = this.pending.get(m.id)!;
      this.pending.delete(m.id);
      if (m.error) p.reject(new Error(m.error.message));
      else p.resolve(m.result);
    }
  }

  request<T>(method: string, params: object): Promise<T> {
    const id = this.nextId++;
    this.send({ id, method, params });
    return new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }

  notify(method: string, params: object): void {
    this.send({ method, params });
  }

  /** The handshake of an editor whose display language is Japanese. */
  async initialize(): Promise<void> {
    await this.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(ROOT).href,
      locale: 'ja',
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          publishDiagnostics: {},
        },
      },
      initializationOptions: {},
    });
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: { yaml: YAML_SETTINGS } });
  }

  /** Open (or replace) a document at a path of the repository, so that its schema modeline resolves. */
  open(path: string, text: string): Promise<Diagnostic[]> {
    const uri = pathToFileURL(join(ROOT, path)).href;
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const diagnostics = new Promise<Diagnostic[]>((resolve) => this.waiting.set(uri, [...(this.waiting.get(uri) ?? []), resolve]));
    if (version === 1) this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    else this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return diagnostics;
  }

  async hover(path: string, position: Position): Promise<string> {
    const r = await this.request<{ contents: { value: string } | string } | null>('textDocument/hover', { textDocument: { uri: pathToFileURL(join(ROOT, path)).href }, position });
    return !r ? '' : typeof r.contents === 'string' ? r.contents : r.contents.value;
  }

  async complete(path: string, position: Position): Promise<CompletionItem[]> {
    const r = await this.request<{ items: CompletionItem[] } | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: pathToFileURL(join(ROOT, path)).href }, position });
    return !r ? [] : Array.isArray(r) ? r : r.items;
  }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.on('exit', resolve));
    await this.request('shutdown', {});
    this.notify('exit', {});
    return exited;
  }
}

/** Where `marker` is in `text` (its first character), as an LSP position. */
export function positionOf(text: string, marker: string, offset = 0): Position {
  const i = text.indexOf(marker);
  if (i < 0) throw new Error(`not in the document: ${marker}`);
  const before = text.slice(0, i + offset).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

export const documentation = (item: CompletionItem | undefined) => (typeof item?.documentation === 'string' ? item.documentation : item?.documentation?.value ?? '');
