import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFString, PDFHexString, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';
import { drawingStreams, parseContent, streamText } from './pdf-content/content-stream.ts';
import { PDFX_VERSION } from './pdf-x4.ts';

/** One rule of PDF/X-4 that the press copy broke: which, and where. */
export interface PreflightProblem {
  rule: string;
  detail: string;
}

/**
 * Checks the finished press copy against the PDF/X-4 rules Folio can break, each on its own: a CMYK
 * output intent, the version and Trapped key in the document information and the XMP metadata, nested
 * page boxes, no DeviceRGB (colour operators or colour spaces), every font embedded, nothing to click
 * or run. Returns the problems found, none when the copy may go to press.
 */
export function preflightPressCopy(pdf: PDFDocument): PreflightProblem[] {
  return [...outputIntent(pdf), ...identification(pdf), ...pdf.getPages().flatMap(boxes), ...noDeviceRgb(pdf), ...fontsEmbedded(pdf), ...nothingInteractive(pdf)];
}

function outputIntent(pdf: PDFDocument): PreflightProblem[] {
  const intents = pdf.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray);
  const intent = intents?.asArray().map((item) => pdf.context.lookup(item)).find((item): item is PDFDict => item instanceof PDFDict && item.get(PDFName.of('S')) === PDFName.of('GTS_PDFX'));
  const profile = intent ? pdf.context.lookup(intent.get(PDFName.of('DestOutputProfile'))) : undefined;
  if (!intent) return [{ rule: 'output intent', detail: 'no GTS_PDFX output intent' }];
  if (!(profile instanceof PDFRawStream) || profile.dict.get(PDFName.of('N'))?.toString() !== '4') return [{ rule: 'output intent', detail: 'the output intent carries no CMYK profile' }];
  return [];
}

function identification(pdf: PDFDocument): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info);
  const version = info instanceof PDFDict ? info.get(PDFName.of('GTS_PDFXVersion')) : undefined;
  if (!(version instanceof PDFString || version instanceof PDFHexString) || version.decodeText() !== PDFX_VERSION) problems.push({ rule: 'identification', detail: `the document information does not give GTS_PDFXVersion ${PDFX_VERSION}` });
  if (!(info instanceof PDFDict) || info.get(PDFName.of('Trapped')) !== PDFName.of('False')) problems.push({ rule: 'identification', detail: 'the document information does not give Trapped False' });
  const metadata = pdf.context.lookup(pdf.catalog.get(PDFName.of('Metadata')));
  const xmp = metadata instanceof PDFRawStream ? Buffer.from(metadata.contents).toString('utf8') : '';
  if (!xmp.includes(`<pdfxid:GTS_PDFXVersion>${PDFX_VERSION}</pdfxid:GTS_PDFXVersion>`)) problems.push({ rule: 'identification', detail: `the XMP metadata does not give pdfxid:GTS_PDFXVersion ${PDFX_VERSION}` });
  if (!xmp.includes('<pdf:Trapped>False</pdf:Trapped>')) problems.push({ rule: 'identification', detail: 'the XMP metadata does not give pdf:Trapped False' });
  if (!pdf.context.trailerInfo.ID) problems.push({ rule: 'identification', detail: 'the file has no identifier (/ID)' });
  return problems;
}

function boxes(page: PDFPage, index: number): PreflightProblem[] {
  const where = `page ${index + 1}`;
  if (!page.node.has(PDFName.of('TrimBox')) || !page.node.has(PDFName.of('BleedBox'))) return [{ rule: 'page boxes', detail: `${where} has no TrimBox or no BleedBox` }];
  const [media, bleed, trim] = [page.getMediaBox(), page.getBleedBox(), page.getTrimBox()];
  const inside = (inner: typeof media, outer: typeof media) =>
    inner.x >= outer.x - 0.01 && inner.y >= outer.y - 0.01 && inner.x + inner.width <= outer.x + outer.width + 0.01 && inner.y + inner.height <= outer.y + outer.height + 0.01;
  const problems: PreflightProblem[] = [];
  if (!inside(bleed, media)) problems.push({ rule: 'page boxes', detail: `${where}: the BleedBox reaches outside the MediaBox` });
  if (!inside(trim, bleed)) problems.push({ rule: 'page boxes', detail: `${where}: the TrimBox reaches outside the BleedBox` });
  return problems;
}

function noDeviceRgb(pdf: PDFDocument): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  const drawing = new Set(drawingStreams(pdf).map(({ ref }) => ref.toString()));
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (mentions(object instanceof PDFRawStream ? object.dict : object, PDFName.of('DeviceRGB'))) problems.push({ rule: 'no DeviceRGB', detail: `object ${ref.objectNumber} uses the DeviceRGB colour space` });
    if (!(object instanceof PDFRawStream) || !drawing.has(ref.toString())) continue;
    const text = streamText(object);
    const rgb = text === undefined ? [] : parseContent(text).filter((operation) => operation.operator === 'rg' || operation.operator === 'RG');
    if (rgb.length > 0) problems.push({ rule: 'no DeviceRGB', detail: `object ${ref.objectNumber} sets ${rgb.length} colour(s) in DeviceRGB (rg/RG)` });
  }
  return problems;
}

/** Whether `object` or anything written directly inside it is `name`. */
function mentions(object: PDFObject, name: PDFName): boolean {
  if (object === name) return true;
  if (object instanceof PDFDict) return object.entries().some(([, value]) => !(value instanceof PDFRef) && mentions(value, name));
  if (object instanceof PDFArray) return object.asArray().some((value) => !(value instanceof PDFRef) && mentions(value, name));
  return false;
}

function fontsEmbedded(pdf: PDFDocument): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = object.get(PDFName.of('Subtype'));
    if (subtype === PDFName.of('Type3') || subtype === PDFName.of('Type0')) continue;
    const descriptor = object.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
    const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(PDFName.of(key)));
    if (!embedded) problems.push({ rule: 'fonts embedded', detail: `font ${object.get(PDFName.of('BaseFont'))?.toString() ?? ref.objectNumber} is not embedded` });
  }
  return problems;
}

function nothingInteractive(pdf: PDFDocument): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  pdf.getPages().forEach((page, index) => {
    if ((page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.size() ?? 0) > 0) problems.push({ rule: 'nothing interactive', detail: `page ${index + 1} has annotations (links)` });
    if (page.node.has(PDFName.of('AA'))) problems.push({ rule: 'nothing interactive', detail: `page ${index + 1} has actions` });
  });
  const names = pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  if (names?.has(PDFName.of('JavaScript')) || pdf.catalog.has(PDFName.of('AA')) || pdf.catalog.has(PDFName.of('OpenAction'))) problems.push({ rule: 'nothing interactive', detail: 'the document has JavaScript or actions' });
  if (pdf.catalog.has(PDFName.of('AcroForm'))) problems.push({ rule: 'nothing interactive', detail: 'the document has a form' });
  return problems;
}

/** The problems as one sentence each, for a message. */
export function describeProblems(problems: readonly PreflightProblem[]): string {
  return problems.map((problem) => `${problem.rule}: ${problem.detail}`).join('; ');
}

