import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import setup, { readmeTestLine } from './tools.setup.js';

// The README's test line works alone on a bare machine, and CI runs exactly that line.

const ROOT = join(import.meta.dirname, '..');

describe("the README's test line", () => {
  it('installs the tools the tests use, then runs npm ci and npm test', () => {
    expect(readmeTestLine()).toBe('sh scripts/test-tools.sh && npm ci && npm test');
  });

  it('is the line .ci/run runs', () => {
    // .ci/run's own way of finding the line, run as CI runs it.
    const script = execFileSync('sed', ['-n', '/^line=/p', join(ROOT, '.ci', 'run')], { encoding: 'utf8' });
    const found = execFileSync('bash', ['-c', `cd "${ROOT}"; ${script.trim()}; printf %s "$line"`], { encoding: 'utf8' });
    expect(found).toBe(readmeTestLine());
    expect(execFileSync('sed', ['-n', '/^bash -c/p', join(ROOT, '.ci', 'run')], { encoding: 'utf8' })).toContain('$line');
  });
});

describe('a missing tool', () => {
  // A PATH with a shell and its basic commands, but none of the tools the tests use.
  const barePath = () => {
    const bin = join(tempDir(), 'bin');
    mkdirSync(bin);
    for (const cmd of ['sh', 'tr', 'grep', 'id', 'ls', 'cat']) {
      const where = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
      if (where) symlinkSync(where, join(bin, cmd));
    }
    return bin;
  };

  it('stops the tests before they start, with one message naming the tools and the README line', () => {
    const path = process.env.PATH;
    process.env.PATH = barePath();
    let message = '';
    try {
      setup();
    } catch (e) {
      message = (e as Error).message;
    } finally {
      process.env.PATH = path;
    }
    expect(message).toMatch(/^テストに要る道具がありません: pdfinfo pdftotext pdffonts pdftoppm qpdf soffice zbarimg chromium/);
    expect(message).toContain('poppler-utils');
    expect(message).toContain('sh scripts/test-tools.sh && npm ci && npm test');
  });

  it('the script says so and names the packages where it cannot install them', () => {
    const r = spawnSync(join(barePath(), 'sh'), [join(ROOT, 'scripts', 'test-tools.sh')], { encoding: 'utf8', env: { PATH: barePath() } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('apt-get のない環境です');
    expect(r.stderr).toContain('poppler-utils');
  });
});
