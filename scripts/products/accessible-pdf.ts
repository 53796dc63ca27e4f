import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFString, type PDFDocument, type PDFRef } from 'pdf-lib';
import type { Publication } from '../publication/publication.ts';
import { embedProfile, srgbProfile } from './colour-profiles.ts';
import { markArtifacts } from './pdf-content/mark-artifacts.ts';
import { elementText, markedText } from './pdf-content/marked-text.ts';
import { contentId, setFileId, setXmpMetadata } from './xmp-metadata.ts';

/**
 * Completes Chromium's tagged PDF into PDF/UA-1 and PDF/A-2u: the margin boxes marked as artifacts,
 * one Figure (with its /Alt) per image, every link annotation described and printable, tab order by
 * structure, an sRGB output intent, a file id and the XMP metadata that claims both. Runs after the
 * structure ids are made stable; the tags themselves are left as Chromium wrote them. A figure left
 * without a description breaks PDF/UA: the file then does not claim it, and the count is returned
 * for a warning.
 */
export async function makeAccessible(pdf: PDFDocument, publication: Publication): Promise<{ figuresWithoutAlt: number }> {
  markArtifacts(pdf);
  figuresWithAlt(pdf);
  describeLinks(pdf);
  await setSrgbOutputIntent(pdf);
  const id = contentId(pdf, publication, 'download');
  setFileId(pdf, id);
  const figuresWithoutAlt = structureElements(pdf).filter((element) => element.get(PDFName.of('S')) === PDFName.of('Figure') && !element.has(PDFName.of('Alt'))).length;
  setXmpMetadata(pdf, publication, id, { ua: figuresWithoutAlt === 0, pdfa: true });
  return { figuresWithoutAlt };
}

/**
 * Chromium tags an HTML figure as a Figure holding the image's Figure (with the alt text) and its
 * Caption: the outer one, which has no /Alt of its own, becomes a Div, so that every Figure a screen
 * reader meets is an image with its description.
 */
function figuresWithAlt(pdf: PDFDocument): void {
  for (const element of structureElements(pdf)) {
    if (element.get(PDFName.of('S')) !== PDFName.of('Figure') || element.has(PDFName.of('Alt'))) continue;
    if (kids(element).some((kid) => kid.get(PDFName.of('S')) === PDFName.of('Figure'))) element.set(PDFName.of('S'), PDFName.of('Div'));
  }
}

/**
 * Each link annotation gets /Contents: the text of its Link element (what the reader reads), or where
 * it goes when the link has no text; the print flag PDF/A asks for; and each page with links tabs in
 * structure order.
 */
function describeLinks(pdf: PDFDocument): void {
  const pageTexts = new Map<string, Map<number, string>>();
  const pages = new Map(pdf.getPages().map((page) => [page.ref.toString(), page]));
  const textsOf = (ref: PDFRef) => {
    const key = ref.toString();
    let texts = pageTexts.get(key);
    if (!texts) {
      const page = pages.get(key);
      texts = page ? markedText(page) : new Map<number, string>();
      pageTexts.set(key, texts);
    }
    return texts;
  };
  const linkText = new Map<string, string>();
  for (const element of structureElements(pdf)) {
    if (element.get(PDFName.of('S')) !== PDFName.of('Link')) continue;
    const k = element.lookup(PDFName.of('K'));
    const objects = (k instanceof PDFArray ? k.asArray().map((item) => pdf.context.lookup(item)) : [k]).filter((item): item is PDFDict => item instanceof PDFDict && item.get(PDFName.of('Type')) === PDFName.of('OBJR'));
    if (objects.length === 0) continue;
    const text = elementText(pdf, element, textsOf);
    for (const objr of objects) linkText.set(String(objr.get(PDFName.of('Obj'))), text);
  }
  for (const page of pdf.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots || annots.size() === 0) continue;
    page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
    for (let index = 0; index < annots.size(); index++) {
      const annot = annots.lookup(index, PDFDict);
      annot.set(PDFName.of('F'), PDFNumber.of(4));
      if (annot.has(PDFName.of('Contents'))) continue;
      const uri = annot.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString)?.decodeText();
      const dest = annot.get(PDFName.of('Dest'));
      const target = linkText.get(String(annots.get(index))) || uri || (dest instanceof PDFName ? `#${dest.decodeText()}` : undefined);
      if (target) annot.set(PDFName.of('Contents'), PDFHexString.fromText(target));
    }
  }
}

/** The sRGB output intent PDF/A asks for when pages draw in device RGB, as Chromium's do. */
async function setSrgbOutputIntent(pdf: PDFDocument): Promise<void> {
  const profile = await srgbProfile();
  const intent = pdf.context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    RegistryName: PDFString.of('http://www.color.org'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: embedProfile(pdf, profile),
  });
  pdf.catalog.set(PDFName.of('OutputIntents'), pdf.context.obj([intent]));
}

/** Every structure element of the document, from the structure tree's root down. */
export function structureElements(pdf: PDFDocument): PDFDict[] {
  const root = pdf.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const found: PDFDict[] = [];
  const seen = new Set<PDFDict>();
  const visit = (element: PDFDict) => {
    if (seen.has(element)) return;
    seen.add(element);
    if (element.has(PDFName.of('S'))) found.push(element);
    for (const kid of kids(element)) visit(kid);
  };
  if (root) visit(root);
  return found;
}

/** The structure elements directly under `element` (marked-content ids and object references left out). */
export function kids(element: PDFDict): PDFDict[] {
  const value = element.lookup(PDFName.of('K'));
  const items = value instanceof PDFArray ? value.asArray().map((item) => element.context.lookup(item)) : [value];
  return items.filter((item): item is PDFDict => item instanceof PDFDict && item.get(PDFName.of('Type')) !== PDFName.of('MCR') && item.get(PDFName.of('Type')) !== PDFName.of('OBJR'));
}
