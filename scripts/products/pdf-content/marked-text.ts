import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDocument, type PDFPage } from 'pdf-lib';
import { pageContentStreams, parseContent, streamText } from './content-stream.ts';

/**
 * The text each marked-content sequence of a page shows, by MCID, read through the fonts' ToUnicode
 * maps: what a structure element says, without a text extractor. Chromium's fonts are Type 0 with
 * two-byte codes in hex strings; other text is left out.
 */
export function markedText(page: PDFPage): Map<number, string> {
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  const maps = new Map<string, Map<number, string>>();
  const unicode = (name: string) => {
    let map = maps.get(name);
    if (!map) {
      const font = fonts?.lookupMaybe(PDFName.of(name.slice(1)), PDFDict);
      const stream = font ? page.doc.context.lookup(font.get(PDFName.of('ToUnicode'))) : undefined;
      const text = stream instanceof PDFRawStream ? streamText(stream) : undefined;
      map = text ? toUnicodeMap(text) : new Map();
      maps.set(name, map);
    }
    return map;
  };
  const texts = new Map<number, string>();
  const stack: (number | undefined)[] = [];
  let font = '';
  for (const { stream } of pageContentStreams(page)) {
    const text = streamText(stream);
    for (const { operator, operands } of text === undefined ? [] : parseContent(text)) {
      if (operator === 'BDC') stack.push(Number(/\/MCID\s+(\d+)/.exec(operands[1] ?? '')?.[1] ?? Number.NaN));
      else if (operator === 'BMC') stack.push(undefined);
      else if (operator === 'EMC') stack.pop();
      else if (operator === 'Tf') font = operands[0] ?? '';
      else if (['Tj', 'TJ', "'", '"'].includes(operator)) {
        const mcid = [...stack].reverse().find((value): value is number => value !== undefined && !Number.isNaN(value));
        if (mcid === undefined) continue;
        const map = unicode(font);
        const shown = (operands.at(-1) ?? '').match(/<[0-9a-fA-F\s]*>/g) ?? [];
        const decoded = shown.map((hex) => decodeHex(hex, map)).join('');
        texts.set(mcid, (texts.get(mcid) ?? '') + decoded);
      }
    }
  }
  return texts;
}

/** The text of a structure element: its marked content in order, through its descendants. */
export function elementText(pdf: PDFDocument, element: PDFDict, pageTexts: (page: PDFRef) => Map<number, string>): string {
  const parts: string[] = [];
  const visit = (item: unknown, page: PDFRef | undefined) => {
    const value = item instanceof PDFRef ? pdf.context.lookup(item) : item;
    if (value instanceof PDFNumber && page) parts.push(pageTexts(page).get(value.asNumber()) ?? '');
    if (value instanceof PDFArray) for (const kid of value.asArray()) visit(kid, page);
    if (!(value instanceof PDFDict) || value.get(PDFName.of('Type')) === PDFName.of('OBJR')) return;
    const own = value.get(PDFName.of('Pg'));
    const at = own instanceof PDFRef ? own : page;
    if (value.get(PDFName.of('Type')) === PDFName.of('MCR')) {
      const mcid = value.get(PDFName.of('MCID'));
      if (mcid instanceof PDFNumber && at) parts.push(pageTexts(at).get(mcid.asNumber()) ?? '');
      return;
    }
    visit(value.get(PDFName.of('K')), at);
  };
  visit(element, undefined);
  // Chromium starts a new sequence at each change of run (title, page number): a space keeps them apart.
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** A ToUnicode CMap's bfchar and bfrange entries: code to text. */
function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (value: string) => Number.parseInt(value, 16);
  const text = (value: string) => String.fromCharCode(...(value.match(/.{1,4}/g) ?? []).map(hex));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const entry of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(hex(entry[1] ?? ''), text(entry[2] ?? ''));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const entry of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
      const [low, high, target] = [hex(entry[1] ?? ''), hex(entry[2] ?? ''), entry[3] ?? ''];
      const list = target.startsWith('[') ? (target.match(/<([0-9a-fA-F]+)>/g) ?? []).map((item) => item.slice(1, -1)) : undefined;
      const start = list ? 0 : hex(target.slice(1, -1));
      for (let code = low; code <= high && code - low < 65536; code++) {
        map.set(code, list ? text(list[code - low] ?? '') : String.fromCodePoint(start + code - low));
      }
    }
  }
  return map;
}

/** A hex string of two-byte codes, as text. */
function decodeHex(hex: string, map: ReadonlyMap<number, string>): string {
  const digits = hex.slice(1, -1).replace(/\s+/g, '');
  let out = '';
  for (let at = 0; at + 4 <= digits.length; at += 4) out += map.get(Number.parseInt(digits.slice(at, at + 4), 16)) ?? '';
  return out;
}
