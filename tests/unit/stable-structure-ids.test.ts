import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, type PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { stableStructureIds } from '../../scripts/products/stable-structure-ids.ts';

/** A tagged PDF's bones as Chromium writes them: two header cells, a data cell, an ID tree with a leaf. */
async function taggedTable(ids: readonly [string, string]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.addPage();
  const [first, second] = ids.map((id) => pdf.context.register(pdf.context.obj({ Type: 'StructElem', S: 'TH', ID: PDFString.of(id) }))) as [PDFRef, PDFRef];
  pdf.context.register(pdf.context.obj({ Type: 'StructElem', S: 'TD', A: [{ O: 'Table', Headers: [PDFString.of(ids[1]), PDFString.of(ids[0])] }] }));
  const sorted = [...ids].sort();
  const leaf = pdf.context.register(
    pdf.context.obj({ Limits: sorted.map((id) => PDFString.of(id)), Names: sorted.flatMap((id) => [PDFString.of(id), id === ids[0] ? first : second]) }),
  );
  const idTree = pdf.context.register(pdf.context.obj({ Kids: [leaf] }));
  pdf.catalog.set(PDFName.of('StructTreeRoot'), pdf.context.register(pdf.context.obj({ Type: 'StructTreeRoot', IDTree: idTree })));
  return pdf.save({ useObjectStreams: false });
}

async function stabilised(bytes: Uint8Array): Promise<{ bytes: Uint8Array; text: string }> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  stableStructureIds(pdf);
  const saved = await pdf.save({ useObjectStreams: false });
  return { bytes: saved, text: Buffer.from(saved).toString('latin1') };
}

describe('structure element IDs', () => {
  it('gives the same bytes whatever numbers Chromium picked', async () => {
    const one = await stabilised(await taggedTable(['node00000004', 'node00000005']));
    const other = await stabilised(await taggedTable(['node00000012', 'node00000047']));
    expect(Buffer.from(one.bytes).equals(Buffer.from(other.bytes))).toBe(true);
    expect(one.text).not.toMatch(/node000/);
  });

  it('keeps each table cell pointing at its own header cells', async () => {
    const { bytes } = await stabilised(await taggedTable(['node00000047', 'node00000003']));
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const elements = pdf.context.enumerateIndirectObjects().map(([, object]) => object).filter((object): object is PDFDict => object instanceof PDFDict && object.has(PDFName.of('S')));
    const idOf = (s: string, index = 0) => elements.filter((element) => element.get(PDFName.of('S'))?.toString() === `/${s}`)[index]?.lookup(PDFName.of('ID'), PDFString).decodeText();
    const [th1, th2] = [idOf('TH', 0), idOf('TH', 1)];
    expect([th1, th2]).toEqual(['id0001', 'id0002']);
    const cell = elements.find((element) => element.get(PDFName.of('S'))?.toString() === '/TD');
    const headers = cell?.lookup(PDFName.of('A'), PDFArray).lookup(0, PDFDict).lookup(PDFName.of('Headers'), PDFArray);
    expect(headers?.asArray().map((header) => (header as PDFString).decodeText())).toEqual([th2, th1]);
    const tree = pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).lookup(PDFName.of('IDTree'), PDFDict);
    expect(tree.has(PDFName.of('Kids'))).toBe(false);
    expect(tree.lookup(PDFName.of('Names'), PDFArray).size()).toBe(4);
  });
});
