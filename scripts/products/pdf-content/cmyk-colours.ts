import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';
import sharp from 'sharp';
import { embedProfile, type ColourProfile } from '../colour-profiles.ts';
import { drawingStreams, parseContent, replaceStream, streamText, writeContent, type Operation } from './content-stream.ts';

/** How far apart r, g and b may be for a colour to count as a grey: Chromium writes four decimals. */
const NEUTRAL = 0.002;

/**
 * Moves the press copy's drawing from Chromium's DeviceRGB to CMYK for `profile`: greys and black
 * (r = g = b) become black ink alone (`0 0 0 k k`), so text and rules print on the black plate only;
 * any other colour is converted through the profile; images, shadings and colour spaces in DeviceRGB
 * are tagged as sRGB (ICCBased), which is what their pixels are, for the RIP to separate with the
 * output intent; transparency groups blend in DeviceCMYK. Every content stream, the pages' and the
 * form XObjects', is rewritten.
 */
export async function toCmyk(pdf: PDFDocument, profile: ColourProfile, srgb: ColourProfile): Promise<void> {
  const streams = drawingStreams(pdf);
  const parsed = streams.flatMap(({ ref, stream }) => {
    const text = streamText(stream);
    return text === undefined ? [] : [{ ref, stream, operations: parseContent(text) }];
  });
  const colours = await convertColours(
    parsed.flatMap(({ operations }) => operations.filter((operation) => isRgb(operation) && !isNeutral(operation)).map((operation) => operation.operands.map(Number) as [number, number, number])),
    profile,
  );
  for (const { ref, stream, operations } of parsed) {
    const dict = Object.fromEntries(
      stream.dict
        .entries()
        .filter(([key]) => !['Filter', 'DecodeParms', 'Length'].includes(key.decodeText()))
        .map(([key, value]) => [key.decodeText(), value]),
    );
    replaceStream(pdf.context, ref, writeContent(operations.map((operation) => cmykOperation(operation, colours))), dict);
  }
  tagRgbAsSrgb(pdf, srgb);
}

function isRgb({ operator, operands }: Operation): boolean {
  return (operator === 'rg' || operator === 'RG') && operands.length === 3;
}

function isNeutral({ operands }: Operation): boolean {
  const [r, g, b] = operands.map(Number) as [number, number, number];
  return Math.abs(r - g) <= NEUTRAL && Math.abs(g - b) <= NEUTRAL;
}

/** A number as a content stream writes it: at most four decimals, no trailing zeros. */
function num(value: number): string {
  return String(Math.round(Math.min(1, Math.max(0, value)) * 10000) / 10000);
}

function cmykOperation(operation: Operation, colours: ReadonlyMap<string, string[]>): Operation {
  const { operator, operands } = operation;
  const stroke = operator === 'RG' || operator === 'G';
  if ((operator === 'g' || operator === 'G') && operands.length === 1) return { operands: ['0', '0', '0', num(1 - Number(operands[0]))], operator: stroke ? 'K' : 'k' };
  if (!isRgb(operation)) return operation;
  const cmyk = isNeutral(operation) ? ['0', '0', '0', num(1 - Number(operands[0]))] : (colours.get(operands.map(Number).join(' ')) as string[]);
  return { operands: cmyk, operator: stroke ? 'K' : 'k' };
}

/** The CMYK of each distinct colour, converted from sRGB through the profile in one pass of sharp (lcms). */
async function convertColours(colours: [number, number, number][], profile: ColourProfile): Promise<Map<string, string[]>> {
  const distinct = [...new Map(colours.map((colour) => [colour.join(' '), colour])).values()];
  const converted = new Map<string, string[]>();
  if (distinct.length === 0) return converted;
  const pixels = Buffer.from(distinct.flatMap((colour) => colour.map((value) => Math.round(value * 255))));
  const cmyk = await sharp(pixels, { raw: { width: distinct.length, height: 1, channels: 3 } })
    .withIccProfile(profile.path ?? 'cmyk')
    .toColourspace('cmyk')
    .raw()
    .toBuffer();
  distinct.forEach((colour, index) => converted.set(colour.join(' '), [0, 1, 2, 3].map((ink) => num((cmyk[index * 4 + ink] ?? 0) / 255))));
  return converted;
}

/** Images, shadings and named colour spaces in DeviceRGB become ICCBased sRGB; transparency groups blend in DeviceCMYK. */
function tagRgbAsSrgb(pdf: PDFDocument, srgb: ColourProfile): void {
  const rgb = PDFName.of('DeviceRGB');
  let iccBased: PDFArray | undefined;
  const srgbSpace = () => (iccBased ??= pdf.context.obj([PDFName.of('ICCBased'), embedProfile(pdf, srgb)]));
  for (const dict of allDicts(pdf)) {
    if (dict.get(PDFName.of('ColorSpace')) === rgb) dict.set(PDFName.of('ColorSpace'), srgbSpace());
    if (dict.get(PDFName.of('CS')) === rgb && dict.get(PDFName.of('S')) === PDFName.of('Transparency')) dict.set(PDFName.of('CS'), PDFName.of('DeviceCMYK'));
    const spaces = dict.lookup(PDFName.of('ColorSpace'));
    if (spaces instanceof PDFDict) for (const [name, value] of spaces.entries()) if (value === rgb) spaces.set(name, srgbSpace());
  }
}

/** Every dictionary of the document: the indirect ones, streams' and those written inside them. */
function allDicts(pdf: PDFDocument): PDFDict[] {
  const found: PDFDict[] = [];
  const visit = (object: PDFObject) => {
    const dict = object instanceof PDFRawStream ? object.dict : object;
    if (dict instanceof PDFDict) {
      found.push(dict);
      for (const [, value] of dict.entries()) if (!(value instanceof PDFRef)) visit(value);
    } else if (dict instanceof PDFArray) {
      for (const value of dict.asArray()) if (!(value instanceof PDFRef)) visit(value);
    }
  };
  for (const [, object] of pdf.context.enumerateIndirectObjects()) visit(object);
  return found;
}
