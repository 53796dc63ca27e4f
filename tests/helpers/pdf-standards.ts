import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFObject } from 'pdf-lib';

/** A PDF loaded with pdf-lib, as it is on disk. */
export async function loadPdf(file: string): Promise<PDFDocument> {
  return PDFDocument.load(await readFile(file), { updateMetadata: false });
}

/** The document's XMP packet (the catalog's /Metadata), as text; '' when there is none. */
export function xmpOf(pdf: PDFDocument): string {
  const stream = pdf.context.lookup(pdf.catalog.get(PDFName.of('Metadata')));
  return stream instanceof PDFRawStream ? Buffer.from(stream.contents).toString('utf8') : '';
}

/** The text of the first XMP element named `tag` (its rdf:li for a list), or undefined. */
export function xmpValue(xmp: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xmp)?.[1];
  return match?.replace(/<[^>]+>/g, '').trim();
}

/** Every structure element, from the structure tree's root down, with its type. */
export function structure(pdf: PDFDocument): { type: string; element: PDFDict }[] {
  const found: { type: string; element: PDFDict }[] = [];
  const visit = (object: PDFObject | undefined) => {
    const value = object ? pdf.context.lookup(object) : undefined;
    if (value instanceof PDFArray) for (const item of value.asArray()) visit(item);
    if (!(value instanceof PDFDict)) return;
    const type = value.get(PDFName.of('S'));
    if (type instanceof PDFName) found.push({ type: type.decodeText(), element: value });
    if (value.get(PDFName.of('Type')) !== PDFName.of('OBJR')) visit(value.get(PDFName.of('K')));
  };
  visit(pdf.catalog.get(PDFName.of('StructTreeRoot')));
  return found;
}

/** Each page's content as qpdf writes it uncompressed (one operation a line, as Chromium and Folio write them). */
export function pageContents(file: string): string[] {
  const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { maxBuffer: 256 << 20 }).toString('latin1');
  return [...qdf.matchAll(/%% Contents for page \d+\n[\s\S]*?stream\n([\s\S]*?)endstream/g)].map((match) => match[1] as string);
}

/** The painting operations of a content stream that lie outside any marked content (neither tagged nor artifact). */
export function unmarkedPainting(content: string): string[] {
  let depth = 0;
  const found: string[] = [];
  for (const line of content.split('\n')) {
    const text = line.trim();
    if (/\b(BDC|BMC)$/.test(text)) depth++;
    if (text === 'EMC') depth--;
    if (depth === 0 && /(\bTJ|\bTj|\bf|\bf\*|\bS|\bB|\bDo|\bsh)$/.test(text)) found.push(text);
  }
  return found;
}

/**
 * Ghostscript's ink coverage of each page, as fractions of the page; `box` limits it to the TrimBox.
 * `inkcov` counts the pixels where each ink is present at all; `ink_cov` the amount of each ink.
 */
export function inkCoverage(file: string, box?: 'TrimBox', device: 'inkcov' | 'ink_cov' = 'inkcov'): { c: number; m: number; y: number; k: number }[] {
  const scale = device === 'ink_cov' ? 100 : 1;
  const args = ['-q', '-o', '-', `-sDEVICE=${device}`, ...(box ? [`-dUse${box}`] : []), file];
  return execFileSync('gs', args, { maxBuffer: 16 << 20 })
    .toString()
    .split('\n')
    .map((line) => /^\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+CMYK/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ c: Number(match[1]) / scale, m: Number(match[2]) / scale, y: Number(match[3]) / scale, k: Number(match[4]) / scale }));
}
