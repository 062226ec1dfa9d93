// The bench's baseline (run by bench/bench.ts as a whole process, as `shien build` is): Typst (the
// typst.ts native compiler) sets the 67 handouts' document models, read from a JSON file, into PDFs.
// Plain JavaScript, so that it pays no TypeScript compilation at start.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import typst from '@myriaddreamin/typst-ts-node-compiler';

const { NodeCompiler } = typst;

const [input, out] = process.argv.slice(2);
/** @type {{ theme: unknown, documents: { stem: string, doc: unknown }[] }} */
const { theme, documents } = JSON.parse(readFileSync(input, 'utf8'));
const root = join(import.meta.dirname, '..', '..');
const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [join(root, 'fonts')] }] });
const main = readFileSync(join(import.meta.dirname, 'document.typ'), 'utf8');
const themeJson = JSON.stringify(theme);
mkdirSync(out, { recursive: true });
for (const { stem, doc } of documents) {
  const pdf = compiler.pdf({ mainFileContent: main, inputs: { doc: JSON.stringify(doc), theme: themeJson } });
  writeFileSync(join(out, `${stem.replace(/\//g, '-')}.pdf`), pdf);
}
