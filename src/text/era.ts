import { formatDigits, type DigitStyle } from './digits.js';

// Eras come from the platform's Japanese calendar. Its era boundaries are dates in Japan, so the
// time zone is fixed to Tokyo whatever the machine says.
const ERA_FORMAT = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', timeZone: 'Asia/Tokyo' });

export interface EraYear {
  era: string;
  /** 1 for the first year (元年). */
  year: number;
}

/** The era and year of a moment, as the calendar in Japan names it. */
export function eraOf(date: Date): EraYear {
  const parts = ERA_FORMAT.formatToParts(date);
  const era = parts.find((p) => p.type === 'era')?.value;
  const year = parts.find((p) => p.type === 'year')?.value;
  if (!era || !year) throw new Error(`Intl did not name the era of ${date.toISOString()}`);
  const n = year === '元' ? 1 : Number(year);
  if (!Number.isInteger(n) || n < 1) throw new Error(`Intl named the year of ${date.toISOString()} as ${era}${year}`);
  return { era, year: n };
}

/**
 * Noon in Tokyo (03:00 UTC) on a calendar day. `setUTCFullYear`, not `Date.UTC`, which would read
 * the years 0–99 as 1900–1999. Throws for a day that does not exist (2023-02-30).
 */
function noonInTokyo(year: number, month: number, day: number): Date {
  const date = new Date(Date.UTC(2000, 0, 1, 3));
  date.setUTCFullYear(year, month - 1, day);
  if (!Number.isInteger(year) || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new Error(`no such day: ${year}-${month}-${day}`);
  }
  return date;
}

/**
 * A fiscal year is named by the era its calendar year belongs to: a year in which the era
 * changed carries the new era's 元年 (FY2019 → 令和元年度, FY1989 → 平成元年度).
 */
export function fiscalEra(fiscalYear: number): EraYear {
  return eraOf(noonInTokyo(fiscalYear, 12, 31));
}

function yearText({ era, year }: EraYear, digits: DigitStyle): string {
  return `${era}${year === 1 ? '元' : formatDigits(year, digits)}年`;
}

/** FY2023 → 令和５年度 (with the default digit style). */
export function fiscalYearName(fiscalYear: number, digits: DigitStyle = 'single-fullwidth'): string {
  return `${yearText(fiscalEra(fiscalYear), digits)}度`;
}

/** 2023-04-01 → 令和５年４月１日. */
export function dateName(isoDate: string, digits: DigitStyle = 'single-fullwidth'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`not an ISO date: ${isoDate}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Noon in Tokyo: the day itself decides the era (平成31年4月30日, 令和元年5月1日).
  const era = eraOf(noonInTokyo(y, mo, d));
  return `${yearText(era, digits)}${formatDigits(mo, digits)}月${formatDigits(d, digits)}日`;
}

/**
 * The western year an era year names (令和5 → 2023, 平成31 → 2019, 令和元 → 2019), from the same
 * calendar: the era years of 1 January and 31 December of each year, found once.
 */
let byEraYear: Map<string, number> | undefined;
export function westernYear(era: string, year: number): number | undefined {
  if (!byEraYear) {
    byEraYear = new Map();
    for (let y = 1873; y <= 2200; y++) {
      for (const [m, d] of [[1, 1], [12, 31]] as const) {
        const e = eraOf(noonInTokyo(y, m, d));
        byEraYear.set(`${e.era}${e.year}`, y);
      }
    }
  }
  return byEraYear.get(`${era}${year}`);
}

/** An era year written in a text: 令和５年度, 令和5年, 平成元年度. */
export interface EraMention {
  /** Where it starts in the text (UTF-16 offset), and its length. */
  index: number;
  length: number;
  text: string;
  /** The western year it names (the fiscal year for 年度). */
  year: number;
  fiscal: boolean;
}

const ERA_MENTION = /(明治|大正|昭和|平成|令和)([0-9０-９]{1,2}|元)年(度)?/gu;

/** Every era year a text names, in order; an era year that does not exist (令和99年) is not one. */
export function eraMentions(text: string): EraMention[] {
  const found: EraMention[] = [];
  for (const m of text.matchAll(ERA_MENTION)) {
    const n = m[2] === '元' ? 1 : Number(m[2].replace(/[０-９]/gu, (c) => String(c.charCodeAt(0) - 0xff10)));
    const year = westernYear(m[1], n);
    if (year !== undefined) found.push({ index: m.index!, length: m[0].length, text: m[0], year, fiscal: Boolean(m[3]) });
  }
  return found;
}
