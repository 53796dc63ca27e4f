import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import { run } from './tools.ts';

/** A page box as `pdfinfo -box` prints it: its corners and its size, in points. */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  height: number;
}

/** The five boxes of one page. */
export type PageBoxes = Record<(typeof BOX_NAMES)[number], Box>;

const BOX_NAMES = ['MediaBox', 'CropBox', 'BleedBox', 'TrimBox', 'ArtBox'] as const;

/** The boxes of every page, as `pdfinfo -box` reads them. */
export function pdfBoxes(file: string): PageBoxes[] {
  const info = run('pdfinfo', ['-box', '-f', '1', '-l', '100000', file]);
  const pages: Partial<PageBoxes>[] = [];
  for (const match of info.matchAll(/^Page\s+(\d+)\s+(\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)$/gm)) {
    const [x1, y1, x2, y2] = match.slice(3, 7).map(Number) as [number, number, number, number];
    const page = (pages[Number(match[1]) - 1] ??= {});
    page[match[2] as keyof PageBoxes] = { x1, y1, x2, y2, width: round(x2 - x1), height: round(y2 - y1) };
  }
  return pages.map((page, index) => {
    for (const name of BOX_NAMES) if (!page[name]) throw new Error(`pdfinfo printed no ${name} for page ${index + 1} of ${file}`);
    return page as PageBoxes;
  });
}

/** The document information `pdfinfo` prints, by field name; dates in ISO 8601, whatever the machine's time zone. */
export function pdfInfo(file: string): Record<string, string> {
  return Object.fromEntries(
    run('pdfinfo', ['-isodates', file])
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1] as string, match[2] as string]),
  );
}

/** The bookmarks as `mutool show FILE outline` lists them: title and nesting depth (0 at the top), in order. */
export function pdfOutline(file: string): { title: string; depth: number }[] {
  return run('mutool', ['show', file, 'outline'])
    .split('\n')
    .map((line) => /^[-+|](\t*)"(.*)"\t#/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ title: (match[2] as string).replace(/\\"/g, '"'), depth: (match[1] as string).length - 1 }));
}

/** The text `pdftotext -raw` finds on one page inside a rectangle given in points from the top-left corner. */
export function pdfTextIn(file: string, page: number, area: { x: number; y: number; width: number; height: number }): string {
  const crop = ['-x', String(Math.round(area.x)), '-y', String(Math.round(area.y)), '-W', String(Math.round(area.width)), '-H', String(Math.round(area.height))];
  return run('pdftotext', ['-raw', '-f', String(page), '-l', String(page), ...crop, '-enc', 'UTF-8', file, '-']);
}

/** A link a reader can click: the page it is on (1-based) and where it goes, an address or a page. */
export interface PdfLink {
  page: number;
  uri?: string;
  target?: { name: string; page: number };
}

/** Every link annotation of a PDF, with named destinations resolved to their page. */
export async function pdfLinks(file: string): Promise<PdfLink[]> {
  const pdf = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const pageIndex = new Map(pdf.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const dests = pdf.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const links: PdfLink[] = [];
  pdf.getPages().forEach((page, index) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots?.lookup(i, PDFDict);
      if (annot?.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue;
      const link: PdfLink = { page: index + 1 };
      const uri = annot.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString);
      if (uri) link.uri = uri.decodeText();
      const dest = annot.get(PDFName.of('Dest'));
      if (dest instanceof PDFName) {
        const target = dests?.lookupMaybe(dest, PDFArray)?.get(0);
        link.target = { name: dest.decodeText(), page: target instanceof PDFRef ? (pageIndex.get(target.toString()) ?? 0) : 0 };
      }
      links.push(link);
    }
  });
  return links;
}

/** The print dialog presets of a PDF (/ViewerPreferences), by key: Duplex, PrintScaling. */
export async function pdfPrintPresets(file: string): Promise<Record<string, string>> {
  const pdf = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const preferences = pdf.catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  return Object.fromEntries(preferences?.entries().map(([key, value]) => [key.decodeText(), value.toString().replace(/^\//, '')]) ?? []);
}

/** The document's language (/Lang in its catalog). */
export async function pdfLanguage(file: string): Promise<string | undefined> {
  const pdf = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  return pdf.catalog.lookupMaybe(PDFName.of('Lang'), PDFString, PDFHexString)?.decodeText();
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Every colour operator (rg, RG, g, G, k, K, sc, scn…) with its operands, as written in the pages' content. */
export async function pdfColourOperators(file: string): Promise<Set<string>> {
  const pdf = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const found = new Set<string>();
  for (const page of pdf.getPages()) {
    const contents = page.node.Contents();
    const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    for (const ref of refs) {
      const stream = pdf.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const bytes = stream.dict.get(PDFName.of('Filter')) ? inflateSync(stream.contents) : Buffer.from(stream.contents);
      for (const match of bytes.toString('latin1').matchAll(/(?:^|\s)((?:[-\d.]+\s+){1,4}(?:rg|RG|g|G|k|K|sc|SC|scn|SCN))(?=\s)/g)) {
        found.add((match[1] as string).replace(/\s+/g, ' '));
      }
    }
  }
  return found;
}

/** A page rendered in grey by pdftoppm (no anti-aliasing), as a pixel lookup in points from the top-left corner. */
export function pdfRaster(file: string, page: number, dpi: number): { width: number; height: number; grey: (x: number, y: number) => number } {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-aa', 'no', '-aaVector', 'no', file], { maxBuffer: 256 * 1024 * 1024 });
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error(`pdftoppm gave no PGM image for ${file}`);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const offset = header[0].length;
  const scale = dpi / 72;
  return {
    width: width / scale,
    height: height / scale,
    grey: (x, y) => pgm[offset + Math.min(height - 1, Math.floor(y * scale)) * width + Math.min(width - 1, Math.floor(x * scale))] ?? 255,
  };
}

/** A paragraph that a page break cuts, with how many of its lines stand on each side of the break. */
export interface SplitParagraph {
  page: number;
  paragraph: string;
  linesBefore: number;
  linesAfter: number;
}

/**
 * Finds the paragraphs that run from one page onto the next, given each page's body lines (running head
 * and page number left out) and the paragraphs of the source.
 */
export function splitParagraphs(pages: readonly (readonly string[])[], paragraphs: readonly string[]): SplitParagraph[] {
  const squeezed = (text: string) => text.replace(/\s+/g, '');
  const found: SplitParagraph[] = [];
  pages.forEach((lines, index) => {
    const next = pages[index + 1];
    if (!next) return;
    for (const paragraph of paragraphs) {
      const whole = squeezed(paragraph);
      let head = '';
      let linesBefore = 0;
      for (let count = 1; count <= lines.length; count++) {
        head = squeezed(lines[lines.length - count] ?? '') + head;
        if (whole.startsWith(head) && head.length < whole.length) linesBefore = count;
      }
      if (linesBefore === 0) continue;
      const rest = whole.slice(squeezed(lines.slice(-linesBefore).join('')).length);
      let tail = '';
      for (let count = 1; count <= next.length; count++) {
        tail += squeezed(next[count - 1] ?? '');
        if (tail === rest) found.push({ page: index + 1, paragraph: paragraph.slice(0, 40), linesBefore, linesAfter: count });
        if (!rest.startsWith(tail)) break;
      }
    }
  });
  return found;
}
