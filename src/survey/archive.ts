import yauzl from 'yauzl';

// A returned workbook comes by e-mail from one of 67 offices: untrusted input. An .xlsx is a zip, and
// a zip can say it holds a few kilobytes and inflate to gigabytes. Its directory is read first and
// judged by the limits below before anything is inflated; then each part is inflated as a stream,
// counted and thrown away, so that a part inflating past the size its directory states stops at
// once. Only an archive that passes both is handed to exceljs, which inflates it whole.

/** What no survey workbook comes near (an exported one is ~70 KB inflated, at most 10:1). */
export const ARCHIVE_LIMITS = {
  /** Parts in the archive. */
  entries: 1000,
  /** Inflated bytes of one part. */
  entryBytes: 20 * 1024 * 1024,
  /** Inflated bytes of all parts together. */
  totalBytes: 50 * 1024 * 1024,
  /** Inflated to compressed size of a part; judged only of parts larger than `ratioFrom`. */
  ratio: 100,
  ratioFrom: 1024 * 1024,
} as const;

export type ArchiveVerdict = { ok: true } | { ok: false; code: 'survey/oversized' | 'survey/unreadable'; message: string; hint?: string };

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MB`;
const HINT = '調査票は数十 KB です。書き出した調査票に記入して、Excel で保存し直したものを送ってもらってください。';

/** The archive's directory judged against the limits, then every part inflated with a bound. */
export async function checkArchive(bytes: Buffer): Promise<ArchiveVerdict> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch {
    return { ok: false, code: 'survey/unreadable', message: 'Excel のブック（.xlsx）として読めません（zip の目録が壊れています）。' };
  }
  try {
    const oversized = (message: string): ArchiveVerdict => ({ ok: false, code: 'survey/oversized', message, hint: HINT });
    if (zip.entryCount > ARCHIVE_LIMITS.entries) return oversized(`ブックの中の部品が ${zip.entryCount} 個あります（上限 ${ARCHIVE_LIMITS.entries} 個）。調査票ではありません。`);
    const entries: yauzl.Entry[] = [];
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      const { fileName: name, uncompressedSize: size, compressedSize: packed } = entry;
      if (size > ARCHIVE_LIMITS.entryBytes) {
        return oversized(`ブックの中の「${name}」は展開すると ${mb(size)} になります（一つの部品の上限 ${mb(ARCHIVE_LIMITS.entryBytes)}）。調査票ではないか、細工されたファイルです。`);
      }
      if (size > ARCHIVE_LIMITS.ratioFrom && size > packed * ARCHIVE_LIMITS.ratio) {
        return oversized(`ブックの中の「${name}」は ${mb(packed)} から ${mb(size)} に展開されます（圧縮率 ${Math.round(size / Math.max(packed, 1))} 倍、上限 ${ARCHIVE_LIMITS.ratio} 倍）。調査票ではないか、細工されたファイルです。`);
      }
      total += size;
      if (total > ARCHIVE_LIMITS.totalBytes) {
        return oversized(`ブックの中身は展開すると ${mb(ARCHIVE_LIMITS.totalBytes)} を超えます（上限 ${mb(ARCHIVE_LIMITS.totalBytes)}）。調査票ではないか、細工されたファイルです。`);
      }
      entries.push(entry);
    }
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      try {
        const stream = await zip.openReadStreamPromise(entry);
        // Counted and dropped: yauzl stops the stream as soon as it passes the size the directory states.
        for await (const chunk of stream) void chunk;
      } catch {
        return {
          ok: false, code: 'survey/unreadable',
          message: `ブックの中の「${entry.fileName}」が、目録に書かれた大きさのとおりに展開できません。壊れているか、細工されたファイルです。`,
          hint: HINT,
        };
      }
    }
    return { ok: true };
  } catch {
    return { ok: false, code: 'survey/unreadable', message: 'Excel のブック（.xlsx）として読めません（zip が壊れています）。' };
  } finally {
    zip.close();
  }
}
