import { appendFileSync, cpSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { shienIn, tempDir, type Ran } from './helpers.js';

// A build or validate with nothing changed since the last whole build answers from that build's
// record (src/pipeline/unchanged.ts) without checking again. What must hold: it says exactly what
// the full run says, and any change to what the documents are made from, anywhere, is seen.

const ROOT = join(import.meta.dirname, '..');

/** The shipped command, run in the copy's folder (its default output folder is output/r5 there). */
const shien = (args: string[], cwd: string) => shienIn(cwd, args);

/** A file's time set back, as a file saved a while ago: a file saved within the last two seconds keeps a build from leaving a record. */
const settle = (...files: string[]) => {
  const past = new Date(Date.now() - 60_000 - Math.floor(Math.random() * 60_000));
  for (const f of files) utimesSync(f, past, past);
};

const record = (out: string) => (JSON.parse(readFileSync(join(out, '.shien-manifest.json'), 'utf8')) as { inputs?: { key: string } }).inputs;
/** The lines a run prints, without its milliseconds. */
const said = (r: Ran) => `${r.stdout}\n${r.stderr}`.replace(/（\d+ ms）/g, '');

let dir: string;
let plan: string;
let registry: string;
let out: string;

beforeAll(() => {
  // A final plan with three 都道府県等, one without data: the check warns (release/no-data, release/sample), each at its line.
  dir = tempDir();
  cpSync(join(ROOT, 'plans'), join(dir, 'plans'), { recursive: true });
  registry = join(dir, 'plans', 'jurisdictions.yaml');
  const list = parse(readFileSync(registry, 'utf8')) as { jurisdictions: { code: string }[] };
  writeFileSync(registry, stringify({ jurisdictions: list.jurisdictions.filter((j) => ['01', '13', '011002'].includes(j.code)) }));
  plan = join(dir, 'plans', 'r5', 'plan.yaml');
  writeFileSync(plan, readFileSync(plan, 'utf8').replace(/^status: draft\b/m, 'status: final'));
  // Every file of the copy, not only the two edited: a copy is as new as its making, and a build
  // that starts within two seconds of it (validate can be that quick) rightly leaves no record.
  settle(...readdirSync(join(dir, 'plans'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)));
  out = join(dir, 'output', 'r5');
});

describe('a run with nothing changed since the last whole build', () => {
  it('says what the full check says, for build and validate alike, without checking again', async () => {
    // Before any build: validate checks and lays out everything.
    const checked = await shien(['validate', 'plans/r5'], dir);
    expect(checked.status).toBe(0);
    expect(checked.stderr).toMatch(/release\/no-data/);
    expect(checked.stderr).toMatch(/release\/sample/);

    const first = await shien(['build', 'plans/r5'], dir);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/6文書を作成/);
    expect(record(out)?.key).toMatch(/^[0-9a-f]{64}$/);

    const again = await shien(['build', 'plans/r5'], dir);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^6文書は変更なし（作り直すには --force）（\d+ ms）$/m);
    // The warnings as the full build said them, each with the line of its file.
    expect(again.stderr).toBe(first.stderr);
    expect(again.stderr).toMatch(/jurisdictions:/);

    const validated = await shien(['validate', 'plans/r5'], dir);
    expect(said(validated)).toBe(said(checked));
    // --strict and --release are the full check's, as are their exit codes.
    expect((await shien(['validate', 'plans/r5', '--strict'], dir)).status).toBe(1);
    const release = await shien(['validate', 'plans/r5', '--release'], dir);
    expect(release.status).toBe(1);
    expect(release.stderr).toMatch(/エラー/);
  });

  it('sees an edit of the same size in a file outside the plan folder (the registry), a changed output, a copied project, and leaves no record right after an edit', async () => {
    await shien(['build', 'plans/r5'], dir);
    expect(record(out)).toBeDefined();
    const text = readFileSync(registry, 'utf8');
    // One letter for another: the same size, and an unknown key.
    const broken = text.replace('jurisdictions:', 'jurisdictionz:');
    expect(broken.length).toBe(text.length);
    writeFileSync(registry, broken);
    settle(registry);
    const seen = await shien(['build', 'plans/r5'], dir);
    expect(seen.status).toBe(1);
    expect(seen.stderr).toMatch(/jurisdictionz/);
    expect((await shien(['validate', 'plans/r5'], dir)).status).toBe(1);

    writeFileSync(registry, text);
    settle(registry);
    expect((await shien(['build', 'plans/r5'], dir)).status).toBe(0);
    expect(record(out)).toBeDefined();
    // An output changed by hand is made again, not vouched for.
    appendFileSync(join(out, 'summary.html'), '<!-- edited -->');
    const remade = await shien(['build', 'plans/r5'], dir);
    expect(remade.stdout).toMatch(/1文書を作成（1ファイル）、5文書は変更なし/);

    // A copy of the project, its output folder included, is another project: the original's record
    // vouches for nothing there.
    const copy = tempDir();
    cpSync(join(dir, 'plans'), join(copy, 'plans'), { recursive: true });
    cpSync(join(dir, 'output'), join(copy, 'output'), { recursive: true });
    const copied = join(copy, 'plans', 'r5', 'plan.yaml');
    writeFileSync(copied, readFileSync(copied, 'utf8').replace('fiscalYear:', 'fiscalYaer:'));
    settle(copied);
    const inCopy = await shien(['build', 'plans/r5'], copy);
    expect(inCopy.status).toBe(1);
    expect(inCopy.stderr).toMatch(/fiscalYaer/);

    // A file saved just now may still change within its clock's tick: the build that reads it leaves no record.
    writeFileSync(plan, readFileSync(plan, 'utf8') + '\n');
    expect(Date.now() - statSync(plan).mtimeMs).toBeLessThan(2000);
    const racy = await shien(['build', 'plans/r5'], dir);
    expect(racy.status).toBe(0);
    expect(record(out)).toBeUndefined();
  });
});
