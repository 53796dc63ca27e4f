import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { cmykProfile, srgbProfile } from '../../scripts/products/colour-profiles.ts';
import { parseContent, pageContentStreams, streamText, writeContent } from '../../scripts/products/pdf-content/content-stream.ts';
import { toCmyk } from '../../scripts/products/pdf-content/cmyk-colours.ts';
import { wrapUntagged } from '../../scripts/products/pdf-content/mark-artifacts.ts';
import { fixtureDir } from '../helpers/build-fixture.ts';

const MARGIN_BOX = readFileSync(join(fixtureDir('content-streams'), 'margin-box.txt'), 'latin1');

/** A one-page PDF drawing `content`, as Chromium would (one Flate stream). */
async function pdfDrawing(content: string): Promise<PDFDocument> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const page = pdf.addPage([100, 100]);
  page.node.set(pdf.context.obj('Contents') as never, pdf.context.register(pdf.context.flateStream(content)));
  return pdf;
}

async function drawnText(pdf: PDFDocument): Promise<string> {
  const [first] = pageContentStreams(pdf.getPage(0));
  return streamText(first!.stream) ?? '';
}

describe('content streams', () => {
  it('reads strings with escaped parentheses, arrays and hex glyphs as single operands', () => {
    const operations = parseContent(MARGIN_BOX);
    expect(operations.find((operation) => operation.operator === 'TJ')?.operands).toEqual(['[<0013> -20 <0014>]']);
    expect(operations.filter((operation) => operation.operator === 'Tj').map((operation) => operation.operands)).toEqual([['<0012>'], ['(Trang \\(1\\) / 3)']]);
    expect(operations.find((operation) => operation.operator === 'BDC')?.operands).toEqual(['/P', '<</MCID 0 >>']);
  });

  it('writes back what it read, operation for operation', () => {
    const operations = parseContent(MARGIN_BOX);
    expect(parseContent(writeContent(operations))).toEqual(operations);
  });
});

describe('artifacts', () => {
  it('wraps untagged text, painted paths and images in /Artifact, and leaves tagged content and clipping alone', () => {
    const text = writeContent(wrapUntagged(parseContent(MARGIN_BOX)));
    expect(text).toContain('/Artifact BMC\nBT\n/F2 9 Tf\n(Trang \\(1\\) / 3) Tj\nET\nEMC');
    expect(text).toContain('/Artifact BMC\n0 389 m\n3 389 l\n3 390 l\nf\nEMC');
    expect(text).toContain('0 0 10 10 re\nW\nn\n/Artifact BMC\n/Im1 Do\nEMC');
    expect(text).toContain('/P <</MCID 0 >> BDC\nBT');
    expect(text.match(/\/Artifact BMC/g)).toHaveLength(3);
  });
});

describe('press colours', () => {
  it('sets black and greys in black ink alone, and converts other colours through the CMYK profile', async () => {
    const pdf = await pdfDrawing(MARGIN_BOX);
    await toCmyk(pdf, await cmykProfile(), await srgbProfile());
    const operations = parseContent(await drawnText(pdf));
    const colours = operations.filter((operation) => /^(rg|RG|g|G|k|K)$/.test(operation.operator)).map((operation) => [...operation.operands, operation.operator].join(' '));
    expect(colours[0]).toBe('0 0 0 0.9 k');
    expect(colours[1]).toBe('0 0 0 1 K');
    expect(colours[2]).toMatch(/^[\d.]+ [\d.]+ [\d.]+ [\d.]+ k$/);
    expect(colours[3]).toBe('0 0 0 0 k');
    const [c, m, y] = (colours[2] as string).split(' ').map(Number) as [number, number, number];
    // A dark red: much magenta and yellow, less cyan.
    expect(m).toBeGreaterThan(c);
    expect(y).toBeGreaterThan(c);
  });
});
