// Compiles the TypeScript sources into dist/ (esbuild), so that `shien` starts without compiling
// them on every run. The compiled files carry the digest of the sources they were made from; the
// command (bin/shien.mjs) compiles again whenever the sources changed, so dist/ can never be stale.
// Run by `npm ci` (prepare) and by the command itself when needed; dist/ is never committed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
const DIGEST_FILE = join(DIST, '.digest');

/** Dependencies loaded only by the commands that draw: kept out of the bundle (and some read their own data files). */
const EXTERNAL = ['pdfmake', 'pdfkit', 'fontkit', 'docx', 'jszip', 'qrcode', 'exceljs', 'playwright-core', 'chokidar', 'fsevents'];

function files(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

/** Everything the compiled files are made from: the sources, this script, and the exact dependencies. */
export function sourceDigest() {
  const h = createHash('sha256');
  for (const f of [...files(join(ROOT, 'src')), join(ROOT, 'scripts', 'compile.mjs'), join(ROOT, 'package-lock.json')]) {
    h.update(relative(ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

export const compiledDigest = () => (existsSync(DIGEST_FILE) ? readFileSync(DIGEST_FILE, 'utf8').trim() : '');

/** Compile into a fresh folder, then put it in place: a command starting meanwhile sees old or new, never half. */
export async function compile(digest = sourceDigest()) {
  const { build } = await import('esbuild');
  const staging = `${DIST}.${process.pid}.tmp`;
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
  writeFileSync(join(staging, '.digest'), digest + '\n');
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(dirname(DIST), { recursive: true });
  renameSync(staging, DIST);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const digest = sourceDigest();
  if (digest !== compiledDigest()) await compile(digest);
}
