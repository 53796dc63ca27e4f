import { PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodeStandIn } from '../../scripts/images/encode-variant.ts';
import { placeOriginals } from '../../scripts/products/placed-images.ts';
import type { StandIn } from '../../scripts/site.ts';

const SIZE = { width: 120, height: 80 } as const;

/** A photo's file for a paper edition, and its stand-in, as the image store makes them. */
async function photo(colour: string, label: string): Promise<StandIn> {
  const bytes = new Uint8Array(await sharp({ create: { ...SIZE, channels: 3, background: colour } }).jpeg({ quality: 90 }).toBuffer());
  const standIn = await encodeStandIn({ use: 'press', url: `media/a/images/${label}.press.jpg`, format: 'jpeg', ...SIZE }, `${label}.press`);
  return { url: `media/a/images/${label}.press.jpg`, standIn, bytes };
}

/** A PDF that draws each JPEG once on a page of its own and the first twice, embedding each as it is (as Chromium does). */
async function pdfDrawing(jpegs: readonly Uint8Array[]): Promise<PDFDocument> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const images = await Promise.all(jpegs.map((jpeg) => pdf.embedJpg(jpeg)));
  for (const image of images) pdf.addPage([200, 200]).drawImage(image, { x: 10, y: 10, ...SIZE });
  if (images[0]) pdf.addPage([200, 200]).drawImage(images[0], { x: 50, y: 50, ...SIZE });
  await pdf.flush();
  return pdf;
}

/** The bytes of every image stream a saved PDF holds, as another reader finds them. */
async function storedImages(bytes: Uint8Array): Promise<Buffer[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  return pdf.context
    .enumerateIndirectObjects()
    .flatMap(([, object]) => (object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image') ? [Buffer.from(object.contents)] : []));
}

describe('photos placed in a paper edition', () => {
  it("gives the PDF each photo's own file wherever Chromium drew its stand-in", async () => {
    const photos = [await photo('#c81e1e', 'red'), await photo('#1e3cc8', 'blue')];
    const pdf = await pdfDrawing(photos.map((item) => item.standIn));
    placeOriginals(pdf, photos);
    const images = await storedImages(await pdf.save());
    expect(images).toHaveLength(2);
    expect(images.map((image) => photos.findIndex((item) => Buffer.from(item.bytes).equals(image))).sort()).toEqual([0, 1]);
    expect((await pdf.save()).length).toBeGreaterThan(photos[0]!.bytes.length + photos[1]!.bytes.length);
  });

  it('writes a placed photo as pdf-lib writes any stream, also where it is copied into another PDF (the booklet)', async () => {
    const item = await photo('#c81e1e', 'red');
    const placed = await pdfDrawing([item.standIn]);
    placeOriginals(placed, [item]);
    const plain = await pdfDrawing([item.standIn]);
    for (const [ref, object] of plain.context.enumerateIndirectObjects()) {
      if (object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')) plain.context.assign(ref as PDFRef, PDFRawStream.of(object.dict, item.bytes));
    }
    expect(Buffer.from(await placed.save()).equals(Buffer.from(await plain.save()))).toBe(true);
    const copies = await Promise.all([placed, plain].map(async (source) => {
      const copy = await PDFDocument.create({ updateMetadata: false });
      for (const page of await copy.copyPages(source, [0])) copy.addPage(page);
      return Buffer.from(await copy.save());
    }));
    expect(copies[0]!.equals(copies[1]!)).toBe(true);
    expect(await storedImages(copies[0]!)).toEqual([Buffer.from(item.bytes)]);
  });

  it('stops the build where Chromium drew a stand-in it loaded some other way than as it is, which would print grey', async () => {
    const item = await photo('#c81e1e', 'red');
    const reencoded = new Uint8Array(await sharp(item.standIn).extract({ left: 0, top: 10, width: 120, height: 60 }).jpeg({ quality: 50 }).toBuffer());
    const pdf = await pdfDrawing([reencoded]);
    expect(() => placeOriginals(pdf, [item])).toThrow(/did not embed media\/a\/images\/red\.press\.jpg as it is in a paper edition/);
  });
});
