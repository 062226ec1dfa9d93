import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Before any test: the programs the tests open outputs with are all there. When one is missing the
// run stops here with one message (never a stack trace per test, never a test passed by skipping).

const ROOT = join(import.meta.dirname, '..');

/** The README's test line, as a newcomer copies it. */
export function readmeTestLine(): string {
  const block = /```sh\n([\s\S]*?)```/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1] ?? '';
  return block.split('\n').find((l) => l.includes('npm test'))?.replace(/\s+#.*$/, '').trim() ?? '';
}

export default function setup(): void {
  const r = spawnSync('sh', [join(ROOT, 'scripts', 'test-tools.sh'), '--check'], { encoding: 'utf8' });
  if (r.status === 0) return;
  const [tools, packages] = r.stdout.split('|').map((s) => s.trim());
  const e = new Error(
    `テストに要る道具がありません: ${tools}（Debian・Ubuntu のパッケージ: ${packages}）。` +
      `README のテストのコマンドで入ります: ${readmeTestLine()}`,
  );
  e.stack = e.message;
  throw e;
}
