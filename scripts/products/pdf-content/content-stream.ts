import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFContext, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';

/** One operation of a content stream: its operands as written (numbers, names, strings, arrays…) and its operator. */
export interface Operation {
  operands: string[];
  operator: string;
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

/**
 * Splits a content stream (text in Latin-1, one character a byte) into operations. Strings, arrays and
 * dictionaries are kept as written, so that writing the operations back gives the same drawing. Inline
 * images (BI … ID … EI) are kept whole as one operation named BI.
 */
export function parseContent(text: string): Operation[] {
  const operations: Operation[] = [];
  let operands: string[] = [];
  let at = 0;
  const code = (index: number) => text.charCodeAt(index);
  while (at < text.length) {
    const c = code(at);
    if (WHITE.has(c)) {
      at++;
    } else if (c === 0x25 /* % */) {
      while (at < text.length && code(at) !== 0x0a && code(at) !== 0x0d) at++;
    } else if (c === 0x28 /* ( */ || c === 0x3c /* < */ || c === 0x5b /* [ */ || c === 0x2f /* / */) {
      const end = c === 0x2f ? nameEnd(text, at) : objectEnd(text, at);
      operands.push(text.slice(at, end));
      at = end;
    } else {
      let end = at + 1;
      while (end < text.length && !WHITE.has(code(end)) && !DELIMITERS.has(code(end))) end++;
      const word = text.slice(at, end);
      at = end;
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) || word === 'true' || word === 'false' || word === 'null') {
        operands.push(word);
      } else if (word === 'BI') {
        const stop = /\sEI(?=[\s]|$)/g;
        stop.lastIndex = at;
        const found = stop.exec(text);
        const close = found ? found.index + found[0].length : text.length;
        operations.push({ operands: [...operands, text.slice(at, close - 2).trim()], operator: 'BI' });
        operands = [];
        at = close;
      } else {
        operations.push({ operands, operator: word });
        operands = [];
      }
    }
  }
  return operations;
}

/** Where the name starting at `start` ends. */
function nameEnd(text: string, start: number): number {
  let end = start + 1;
  while (end < text.length && !WHITE.has(text.charCodeAt(end)) && !DELIMITERS.has(text.charCodeAt(end))) end++;
  return end;
}

/** Where the string, hex string, array or dictionary starting at `start` ends, nesting included. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let at = start;
  while (at < text.length) {
    const c = text[at];
    if (c === '(') {
      let parens = 0;
      for (; at < text.length; at++) {
        const s = text[at];
        if (s === '\\') at++;
        else if (s === '(') parens++;
        else if (s === ')' && --parens === 0) break;
      }
      at++;
    } else if (c === '<' && text[at + 1] === '<') {
      depth++;
      at += 2;
    } else if (c === '>' && text[at + 1] === '>') {
      depth--;
      at += 2;
    } else if (c === '<') {
      at = text.indexOf('>', at) + 1 || text.length;
    } else if (c === '[') {
      depth++;
      at++;
    } else if (c === ']') {
      depth--;
      at++;
    } else {
      at++;
    }
    if (depth === 0) return at;
  }
  return at;
}

/** Writes operations back as a content stream, one a line. */
export function writeContent(operations: readonly Operation[]): string {
  return operations.map(({ operands, operator }) => (operator === 'BI' ? `BI ${operands.join(' ')} EI` : [...operands, operator].join(' '))).join('\n');
}

/** The text of a stream (Latin-1), inflated when Flate-compressed; undefined for any other filter. */
export function streamText(stream: PDFRawStream): string | undefined {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const name = filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : filter;
  if (name === undefined) return Buffer.from(stream.contents).toString('latin1');
  if (name === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))) return inflateSync(stream.contents).toString('latin1');
  return undefined;
}

/** The streams a page draws with, in order, by reference. */
export function pageContentStreams(page: PDFPage): { ref: PDFRef; stream: PDFRawStream }[] {
  const contents = page.node.get(PDFName.of('Contents'));
  const items = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  return items.flatMap((ref) => {
    const stream = page.doc.context.lookup(ref);
    return ref instanceof PDFRef && stream instanceof PDFRawStream ? [{ ref, stream }] : [];
  });
}

/** Every stream that draws: the pages' content streams and every form XObject's, in the order of their objects. */
export function drawingStreams(pdf: PDFDocument): { ref: PDFRef; stream: PDFRawStream }[] {
  const pageStreams = new Set(pdf.getPages().flatMap((page) => pageContentStreams(page).map(({ ref }) => ref.toString())));
  const found: { ref: PDFRef; stream: PDFRawStream }[] = [];
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    if (pageStreams.has(ref.toString()) || object.dict.get(PDFName.of('Subtype')) === PDFName.of('Form')) found.push({ ref, stream: object });
  }
  return found;
}

/** Puts `text` in place of the stream at `ref`, deflated with Node's zlib at a fixed level: the same text gives the same bytes. */
export function replaceStream(context: PDFContext, ref: PDFRef, text: string, dict: Record<string, PDFObject | string | number> = {}): void {
  const contents = deflateSync(Buffer.from(text, 'latin1'), { level: 6 });
  context.assign(ref, PDFRawStream.of(context.obj({ ...dict, Filter: 'FlateDecode', Length: contents.length }) as PDFDict, contents));
}
