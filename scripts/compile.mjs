// Compiles the TypeScript sources into dist/<digest>/ (esbuild), so that `shien` starts without
// compiling them on every run. The folder is named by the digest of the sources it was made from:
// the command (bin/shien.mjs) runs the folder of the sources as they are now, compiling it first
// when it is not there, so a stale compiled file can never run. A folder, once made, never changes,
// so commands that start together, or one that runs for hours (watch, preview) while the sources
// change, each keep the code they started with.
// Run by `npm ci` (prepare) and by the command itself when needed; dist/ is never committed.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');

/** Dependencies loaded only by the commands that draw: kept out of the bundle (and some read their own data files). */
const EXTERNAL = ['pdfmake', 'pdfkit', 'fontkit', 'docx', 'jszip', 'qrcode', 'exceljs', 'playwright-core', 'chokidar', 'fsevents'];

/** Compiled folders kept besides the current one, for commands still running from them. */
const KEEP = 3;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

/** Each source file's digest, remembered by its size, modification time and inode (as git's index does). */
const SOURCES_INDEX = join(DIST, '.sources.json');
/** A file modified this recently may change again within its clock's tick unseen: always read. */
const RACY_MS = 2000;

function readIndex() {
  try {
    const index = JSON.parse(readFileSync(SOURCES_INDEX, 'utf8'));
    return index && typeof index === 'object' && index.format === 1 && index.files && typeof index.files === 'object' ? index.files : {};
  } catch {
    return {};
  }
}

/**
 * Everything the compiled files are made from: the sources, this script, and the exact dependencies.
 * Run on every start of the command: a file is read only when its size, time or inode changed since
 * the last run, so a start stats ~200 files instead of reading 1 MB.
 */
export function sourceDigest() {
  const known = readIndex();
  const seen = {};
  let changed = false;
  const now = Date.now();
  const h = createHash('sha256');
  for (const f of [...files(join(ROOT, 'src')), join(ROOT, 'scripts', 'compile.mjs'), join(ROOT, 'package-lock.json')]) {
    const rel = relative(ROOT, f);
    const st = statSync(f);
    const k = known[rel];
    let sha256 = k && k.size === st.size && k.mtimeMs === st.mtimeMs && k.ino === st.ino && now - st.mtimeMs >= RACY_MS ? k.sha256 : undefined;
    if (!sha256) {
      sha256 = createHash('sha256').update(readFileSync(f)).digest('hex');
      changed ||= k?.sha256 !== sha256 || k.size !== st.size || k.mtimeMs !== st.mtimeMs || k.ino !== st.ino;
    }
    // A digest read within the racy window is not remembered: a save of the same size in the same
    // clock tick could follow unseen, and a later start would trust the old digest.
    if (now - st.mtimeMs >= RACY_MS) seen[rel] = { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, sha256 };
    h.update(rel).update('\0').update(sha256).update('\0');
  }
  if (changed || Object.keys(known).length !== Object.keys(seen).length) {
    try {
      mkdirSync(DIST, { recursive: true });
      const tmp = `${SOURCES_INDEX}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ format: 1, files: seen }));
      renameSync(tmp, SOURCES_INDEX);
    } catch {
      // A read-only installation: the sources are read on every start instead.
    }
  }
  return h.digest('hex').slice(0, 16);
}

/** The folder compiled from sources with this digest (it may not exist yet). */
export const compiledDir = (digest) => join(DIST, digest);

/** `new URL('./name', import.meta.url)`: a file a module reads from beside itself at run time. */
const BESIDE = /new URL\(\s*['"]\.\/([^'"/]+)['"]\s*,\s*import\.meta\.url\s*\)/g;

/**
 * The files the sources read from beside themselves (the preview's page script): bundled, a module
 * runs from the compiled folder, so each must be there too. A name the bundle itself makes (the
 * worker's entry) is the compiled one, not the sources' file of that name.
 */
export function besideFiles() {
  const found = new Map();
  for (const f of files(join(ROOT, 'src')).filter((f) => f.endsWith('.ts'))) {
    for (const [, name] of readFileSync(f, 'utf8').matchAll(BESIDE)) found.set(name, join(dirname(f), name));
  }
  return found;
}

function copyBeside(staging) {
  for (const [name, from] of besideFiles()) {
    if (!existsSync(join(staging, name))) copyFileSync(from, join(staging, name));
  }
}

/** Compile into a private folder, then put it in place; if another command got there first, use its. */
export async function compile(digest = sourceDigest()) {
  const target = compiledDir(digest);
  if (existsSync(join(target, 'main.mjs'))) return target;
  const { build } = await import('esbuild');
  const staging = join(DIST, `.${digest}.${process.pid}.tmp`);
  rmSync(staging, { recursive: true, force: true });
  await build({
    entryPoints: { main: join(ROOT, 'src', 'cli', 'main.ts'), 'worker-entry': join(ROOT, 'src', 'pipeline', 'worker.ts') },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // Bundled CommonJS (handlebars, yaml's helpers) asks for `require`: give ESM one.
    banner: { js: "import { createRequire as __shienRequire } from 'node:module'; const require = __shienRequire(import.meta.url);" },
    logLevel: 'error',
    legalComments: 'none',
    // .mjs, as the sources' worker entry is named: pipeline/pool.ts finds it beside itself either way.
    outExtension: { '.js': '.mjs' },
  });
  copyBeside(staging);
  try {
    renameSync(staging, target);
  } catch {
    // Another command compiled the same sources meanwhile: theirs is the same, and already in use.
    rmSync(staging, { recursive: true, force: true });
  }
  prune(digest);
  return target;
}

/** Folders of older sources beyond the last few, and leftovers of compilations that were killed. */
function prune(current) {
  const entries = readdirSync(DIST, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== current);
  const old = entries
    .map((e) => ({ path: join(DIST, e.name), staging: e.name.startsWith('.'), mtime: statSync(join(DIST, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  const hour = 60 * 60 * 1000;
  for (const [i, e] of old.entries()) {
    if (e.staging ? Date.now() - e.mtime > hour : i >= KEEP) rmSync(e.path, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(DIST, { recursive: true });
  await compile();
}
