import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { Publication } from '../publication/publication.ts';
import { TOOL_LABEL } from '../tool.ts';
import type { PaperSize } from './paper.ts';
import { stableStructureIds } from './stable-structure-ids.ts';

/**
 * Writes the metadata Chromium leaves out (author, subject, keywords, language, this tool as creator,
 * dates from the article), puts back the exact heading text into bookmarks and renames the structure
 * elements' IDs, so that the same manuscript always gives the same bytes.
 */
export async function finishPdf(bytes: Uint8Array, publication: Publication, edit?: (pdf: PDFDocument) => void | Promise<void>): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  setMetadata(pdf, publication);
  restoreBookmarkTitles(pdf, [publication.labels.contents, ...publication.articles.flatMap((article) => [article.matter.title, ...article.headings.map((heading) => heading.text)])]);
  stableStructureIds(pdf);
  await edit?.(pdf);
  return savePdf(pdf);
}

/** The publication's document information and language, with its date as both creation and modification date. */
export function setMetadata(pdf: PDFDocument, publication: Publication): void {
  pdf.setTitle(publication.title, { showInWindowTitleBar: true });
  pdf.setAuthor(publication.author);
  if (publication.description) pdf.setSubject(publication.description);
  if (publication.keywords.length > 0) pdf.setKeywords([publication.keywords.join(', ')]);
  pdf.setCreator(TOOL_LABEL);
  pdf.setProducer(TOOL_LABEL);
  pdf.setCreationDate(publication.date);
  pdf.setModificationDate(publication.date);
  pdf.setLanguage(publication.lang);
}

/** Saves without object streams, which some press workflows still refuse. */
export function savePdf(pdf: PDFDocument): Promise<Uint8Array> {
  return pdf.save({ useObjectStreams: false });
}

/** Gives every page exactly `size`: Chromium rounds the paper it renders on (A4 comes out 594.96 × 841.92 pt). */
export function setPaperSize(pdf: PDFDocument, size: PaperSize): void {
  for (const page of pdf.getPages()) page.setMediaBox(0, 0, size.width, size.height);
}

/**
 * Chromium drops the space where a heading wraps ("Tổquốc"). Each bookmark whose title equals a
 * heading once spaces are ignored gets that heading's text back.
 */
function restoreBookmarkTitles(pdf: PDFDocument, texts: readonly string[]): void {
  const byLetters = new Map(texts.map((text) => [text.replace(/\s+/g, ''), text]));
  const outlines = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const visit = (item: PDFDict | undefined): void => {
    for (let node = item; node; node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = node.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString);
      const exact = title ? byLetters.get(title.decodeText().replace(/\s+/g, '')) : undefined;
      if (exact) node.set(PDFName.of('Title'), PDFHexString.fromText(exact));
      visit(node.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  visit(outlines?.lookupMaybe(PDFName.of('First'), PDFDict));
}
