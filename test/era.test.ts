import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatDigits } from '../src/text/digits.js';
import { dateName, fiscalEra, fiscalYearName } from '../src/text/era.js';
import { tempDir } from './helpers.js';

const execFileAsync = promisify(execFile);

// Eras with their edges: 元年, the change of era inside a year, and the width of digits.

const FISCAL_YEARS: [number, string][] = [
  [1926, '昭和元年度'], // 昭和 began 1926-12-25: the year of the change carries the new era's 元年
  [1927, '昭和２年度'],
  [1988, '昭和63年度'],
  [1989, '平成元年度'], // 平成 began 1989-01-08
  [1990, '平成２年度'],
  [2018, '平成30年度'],
  [2019, '令和元年度'], // 令和 began 2019-05-01, after the fiscal year had started on 04-01
  [2020, '令和２年度'],
  [2023, '令和５年度'],
  [2027, '令和９年度'],
  [2028, '令和10年度'],
];

const DATES: [string, string][] = [
  ['2023-04-01', '令和５年４月１日'],
  ['2019-04-30', '平成31年４月30日'],
  ['2019-05-01', '令和元年５月１日'],
  ['1989-01-07', '昭和64年１月７日'],
  ['1989-01-08', '平成元年１月８日'],
  ['1926-12-24', '大正15年12月24日'],
  ['1926-12-25', '昭和元年12月25日'],
  ['2024-02-29', '令和６年２月29日'],
  ['2023-12-31', '令和５年12月31日'],
  ['2024-01-01', '令和６年１月１日'],
];

describe('fiscal years in 和暦', () => {
  it.each(FISCAL_YEARS)('FY%i → %s', (fy, name) => {
    expect(fiscalYearName(fy)).toBe(name);
  });

  it('gives 元年 as year 1 of the era', () => {
    expect(fiscalEra(2019)).toEqual({ era: '令和', year: 1 });
    expect(fiscalEra(1989)).toEqual({ era: '平成', year: 1 });
  });

  it('writes digits in the style asked for, and 元 in every style', () => {
    expect(fiscalYearName(2023, 'fullwidth')).toBe('令和５年度');
    expect(fiscalYearName(2028, 'fullwidth')).toBe('令和１０年度');
    expect(fiscalYearName(2023, 'halfwidth')).toBe('令和5年度');
    expect(fiscalYearName(2028, 'halfwidth')).toBe('令和10年度');
    for (const style of ['single-fullwidth', 'fullwidth', 'halfwidth'] as const) expect(fiscalYearName(2019, style)).toBe('令和元年度');
  });

  it('refuses a year that is not a whole number', () => {
    expect(() => fiscalYearName(2023.5)).toThrow();
    expect(() => fiscalYearName(Number.NaN)).toThrow();
  });
});

describe('dates in 和暦', () => {
  it.each(DATES)('%s → %s', (iso, name) => {
    expect(dateName(iso)).toBe(name);
  });

  it('writes every digit in the style asked for', () => {
    expect(dateName('2023-04-01', 'halfwidth')).toBe('令和5年4月1日');
    expect(dateName('2023-11-30', 'fullwidth')).toBe('令和５年１１月３０日');
  });

  it('refuses a day that does not exist rather than rolling it over', () => {
    expect(() => dateName('2023-02-30')).toThrow();
    expect(() => dateName('2023-13-01')).toThrow();
    expect(() => dateName('2023-00-10')).toThrow();
    expect(() => dateName('2023-4-1')).toThrow();
  });
});

describe('digits', () => {
  it('one digit full-width, two or more half-width by default', () => {
    expect([0, 5, 9, 10, 31, 100].map((n) => formatDigits(n))).toEqual(['０', '５', '９', '10', '31', '100']);
    expect(formatDigits(1234, 'fullwidth')).toBe('１２３４');
    expect(formatDigits(7, 'halfwidth')).toBe('7');
  });
});

describe('whatever the machine’s time zone', () => {
  // The function runs in a fresh Node process per zone: the zone is read once, at start-up.
  const ZONES = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Tokyo', 'Europe/London'];
  const script = `
    import { dateName, fiscalYearName } from './src/text/era.ts';
    const fy = ${JSON.stringify(FISCAL_YEARS.map(([y]) => y))}.map((y) => fiscalYearName(y));
    const dates = ${JSON.stringify(DATES.map(([d]) => d))}.map((d) => dateName(d));
    process.stdout.write(JSON.stringify({ zone: Intl.DateTimeFormat().resolvedOptions().timeZone, offset: new Date(Date.UTC(2019, 3, 30, 20)).getTimezoneOffset(), fy, dates }));
  `;

  // The script bundled once (esbuild, as tsx would compile it), then one plain Node per zone, all at once.
  let bundled: Promise<string> | undefined;
  const bundle = () =>
    (bundled ??= (async () => {
      const { build } = await import('esbuild');
      const root = fileURLToPath(new URL('..', import.meta.url));
      const outfile = join(tempDir('shien-era-'), 'era.mjs');
      await build({ stdin: { contents: script, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'silent' });
      return outfile;
    })());
  const inZone = async (zone: string) => {
    const { stdout } = await execFileAsync(process.execPath, [await bundle()], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
    return stdout;
  };
  let runs: Promise<string[]> | undefined;

  it.each(ZONES)('TZ=%s', async (zone) => {
    const out = (await (runs ??= Promise.all(ZONES.map(inZone))))[ZONES.indexOf(zone)];
    const r = JSON.parse(out) as { zone: string; offset: number; fy: string[]; dates: string[] };
    // The child really ran in that zone (the offset proves it even where the name is normalised).
    expect(r.zone === zone || (zone === 'UTC' && r.zone === 'Etc/UTC')).toBe(true);
    const offsets: Record<string, number> = {
      UTC: 0, 'America/Los_Angeles': 420, 'Pacific/Kiritimati': -840, 'Pacific/Pago_Pago': 660, 'Asia/Tokyo': -540, 'Europe/London': -60,
    };
    expect(r.offset).toBe(offsets[zone]);
    expect(r.fy).toEqual(FISCAL_YEARS.map(([, name]) => name));
    expect(r.dates).toEqual(DATES.map(([, name]) => name));
  });
});
