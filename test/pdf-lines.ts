/**
 * The lines of a PDF as pdf.js (the engine of Firefox and many viewers) reads them: one string per
 * laid-out line (an item with hasEOL, or the end of a page ends a line), in content order.
 */
export async function pdfLines(bytes: Uint8Array): Promise<string[]> {
  const pdf = await (await import('./pdfjs.js')).openPdf(bytes);
  const lines: string[] = [];
  let line = '';
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    // Characters exactly as drawn: no compatibility normalization (｡ stays ｡, ㈱ stays ㈱).
    const content = await page.getTextContent({ disableNormalization: true });
    for (const item of content.items) {
      if (!('str' in item)) continue;
      line += item.str;
      if (item.hasEOL) {
        lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
    line = '';
  }
  await pdf.destroy();
  return lines;
}
