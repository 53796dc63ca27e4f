import { createHash } from 'node:crypto';
import { copyStringIntoBuffer, PDFName, PDFRawStream, type PDFContext, type PDFDict, type PDFDocument } from 'pdf-lib';
import { BuildError } from '../errors.ts';
import type { StandIn } from '../site.ts';

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Gives the PDF the paper edition's own JPEGs where Chromium printed their stand-ins (see
 * ImageStore.paperFiles): `standIns` are those its page showed. Chromium embeds a JPEG drawn whole as it
 * is, so each stand-in is found by its bytes; a file has its stand-in's size in pixels and its kind, so
 * the image's dictionary and placement hold for both. A stand-in shown but not found was drawn some
 * other way (cropped, or re-encoded) and would print grey: the build stops rather than print it.
 */
export function placeOriginals(pdf: PDFDocument, standIns: readonly StandIn[]): void {
  if (standIns.length === 0) return;
  const byDigest = new Map(standIns.map((item) => [digest(item.standIn), item]));
  const lengths = new Set(standIns.map((item) => item.standIn.length));
  const placed = new Set<string>();
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || !lengths.has(object.contents.length) || object.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const key = digest(object.contents);
    const item = byDigest.get(key);
    if (!item) continue;
    pdf.context.assign(ref, new FileStream(object.dict, item.bytes));
    placed.add(key);
  }
  const lost = [...byDigest].filter(([key]) => !placed.has(key)).map(([, item]) => item.url);
  if (lost.length > 0) {
    throw new BuildError('BROWSER_FAILED', `Chromium did not embed ${lost.join(', ')} as it is in a paper edition, and the PDF would show it grey: report this with the version of Chromium`);
  }
}

/** pdf-lib's raw stream, whose constructor its types keep private. */
const RawStream = PDFRawStream as unknown as new (dict: PDFDict, contents: Uint8Array) => PDFRawStream;

/**
 * A stream of an image file's bytes, written out with one copy: pdf-lib copies a stream byte by byte,
 * about 3 ms a megabyte, three times a build for each photo (the download PDF, the press copy, the
 * booklet). A clone shares the bytes, which no step changes.
 */
class FileStream extends RawStream {
  override clone(context?: PDFContext): FileStream {
    return new FileStream(this.dict.clone(context), this.contents);
  }

  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    this.updateDict();
    let at = offset + this.dict.copyBytesInto(buffer, offset);
    at += copyStringIntoBuffer('\nstream\n', buffer, at);
    buffer.set(this.contents, at);
    at += this.contents.length;
    at += copyStringIntoBuffer('\nendstream', buffer, at);
    return at - offset;
  }
}
