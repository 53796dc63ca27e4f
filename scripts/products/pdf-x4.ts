import { PDFDict, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import type { Publication } from '../publication/publication.ts';
import { embedProfile, type ColourProfile } from './colour-profiles.ts';
import { contentId, setFileId, setXmpMetadata } from './xmp-metadata.ts';

/** The version the press copy claims, in the document information and the XMP metadata. */
export const PDFX_VERSION = 'PDF/X-4';

/**
 * Identifies the press copy as PDF/X-4: a PDF/X output intent carrying the CMYK profile it was made
 * for, GTS_PDFXVersion and Trapped False in the document information and the XMP metadata, and a file
 * identifier derived from the pages. Run on the finished press sheets; then withPdf16Header on the bytes.
 */
export function identifyPdfX4(pdf: PDFDocument, publication: Publication, profile: ColourProfile): void {
  const condition = PDFString.of(profile.description);
  // A characterisation is named by its identifier only when registered (FOGRA39 …); an embedded one is "Custom".
  const intent = pdf.context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: PDFString.of('Custom'),
    OutputCondition: condition,
    Info: condition,
    DestOutputProfile: embedProfile(pdf, profile),
  });
  pdf.catalog.set(PDFName.of('OutputIntents'), pdf.context.obj([intent]));
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('GTS_PDFXVersion'), PDFString.of(PDFX_VERSION));
  info.set(PDFName.of('Trapped'), PDFName.of('False'));
  const id = contentId(pdf, publication, 'press');
  setFileId(pdf, id);
  setXmpMetadata(pdf, publication, id, { pdfx: true });
}

/**
 * PDF/X-4 files are PDF 1.6 at most, and pdf-lib always writes a 1.7 header, although nothing in the
 * press copy needs 1.7: the header's version digit is set to 6 in place (same length, offsets unchanged).
 */
export function withPdf16Header(bytes: Uint8Array): Uint8Array {
  const header = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (header !== '%PDF-1.7') return bytes;
  const patched = new Uint8Array(bytes);
  patched[7] = '6'.charCodeAt(0);
  return patched;
}
