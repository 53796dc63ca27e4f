import { join } from 'node:path';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture } from '../helpers/build-fixture.ts';
import { pdfInfo } from '../helpers/pdf.ts';
import { loadPdf, pageContents, structure, unmarkedPainting, xmpOf, xmpValue } from '../helpers/pdf-standards.ts';
import { pdfText } from '../helpers/tools.ts';

/** The seed article and an issue with photos and tables: their download PDFs. */
const FILES: Record<string, string> = {};
const PDFS: Record<string, PDFDocument> = {};
const CASES = ['seed', 'issue'] as const;

beforeAll(async () => {
  const [seed, issue] = await Promise.all([buildFixture('manuscript'), buildFixture('issue')]);
  expect(seed.report.ok && issue.report.ok).toBe(true);
  FILES.seed = join(seed.outDir, 'tang-cuong-bao-ve-to-quoc-tren-khong-gian-mang.pdf');
  FILES.issue = join(issue.outDir, 'issues', 'so-1.pdf');
  for (const name of CASES) PDFS[name] = await loadPdf(FILES[name] as string);
});

const text = (value: unknown) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);

describe.each(CASES)('the download PDF of the %s as PDF/UA-1', (name) => {
  const pdf = () => PDFS[name] as PDFDocument;
  const file = () => FILES[name] as string;

  it('claims PDF/UA-1 in its XMP metadata (pdfuaid:part 1)', () => {
    expect(xmpValue(xmpOf(pdf()), 'pdfuaid:part')).toBe('1');
  });

  it('gives its title in the XMP metadata as in the document information, and shows it as the window title', () => {
    expect(xmpValue(xmpOf(pdf()), 'dc:title')).toBe(pdfInfo(file()).Title);
    expect(pdf().catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict).get(PDFName.of('DisplayDocTitle'))?.toString()).toBe('true');
  });

  it('states its language in the catalog and in the XMP metadata', () => {
    const lang = text(pdf().catalog.get(PDFName.of('Lang')));
    expect(lang).toBe('vi');
    expect(xmpValue(xmpOf(pdf()), 'dc:language')).toBe(lang);
  });

  it('dates its XMP metadata with the manuscript’s date, as its document information', () => {
    const xmp = xmpOf(pdf());
    const created = pdfInfo(file()).CreationDate?.replace(/([+-]00:?00|Z)$/, '');
    expect(xmpValue(xmp, 'xmp:CreateDate')?.replace(/Z$/, '')).toBe(created);
    expect(xmpValue(xmp, 'xmp:ModifyDate')).toBe(xmpValue(xmp, 'xmp:CreateDate'));
  });

  it('is tagged: a structure tree and MarkInfo Marked true', () => {
    expect(pdf().catalog.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked'))?.toString()).toBe('true');
    expect(structure(pdf()).some((item) => item.type === 'Document')).toBe(true);
  });

  it('draws nothing outside tagged content or artifacts', () => {
    expect(pageContents(file()).flatMap(unmarkedPainting)).toEqual([]);
  });

  it('marks the running head and page numbers as artifacts, still printed on the page', () => {
    const contents = pageContents(file());
    expect(contents.every((content) => content.includes('/Artifact BMC'))).toBe(true);
    expect(pdfText(file(), 2)).toMatch(/Trang 2 \/ \d+/);
  });

  it('puts every link annotation in the structure tree under a Link element, described by /Contents', () => {
    const links = structure(pdf()).filter((item) => item.type === 'Link');
    const objects = links.flatMap(({ element }) => {
      const k = element.lookup(PDFName.of('K'));
      const items = k instanceof PDFArray ? k.asArray().map((item) => pdf().context.lookup(item)) : [k];
      return items.filter((item): item is PDFDict => item instanceof PDFDict && item.get(PDFName.of('Type')) === PDFName.of('OBJR'));
    });
    const annotations = pdf().getPages().flatMap((page) => page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []);
    expect(annotations.length).toBeGreaterThan(0);
    expect(objects.map((objr) => objr.get(PDFName.of('Obj'))?.toString()).sort()).toEqual(annotations.map((ref) => ref.toString()).sort());
    for (const ref of annotations) expect(text(pdf().context.lookup(ref, PDFDict).get(PDFName.of('Contents')))).toBeTruthy();
  });

  it('orders the tabs of every page with links by its structure', () => {
    for (const page of pdf().getPages()) {
      if (page.node.has(PDFName.of('Annots'))) expect(page.node.get(PDFName.of('Tabs'))).toBe(PDFName.of('S'));
    }
  });

  it('claims PDF/A-2u too, with an sRGB output intent and a file identifier', () => {
    const xmp = xmpOf(pdf());
    expect([xmpValue(xmp, 'pdfaid:part'), xmpValue(xmp, 'pdfaid:conformance')]).toEqual(['2', 'U']);
    const intent = pdf().catalog.lookup(PDFName.of('OutputIntents'), PDFArray).lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    expect(pdf().context.trailerInfo.ID).toBeDefined();
  });
});

describe('the download PDF of an issue with photos and tables', () => {
  const pdf = () => PDFS.issue as PDFDocument;

  it('describes every figure with /Alt', () => {
    const figures = structure(pdf()).filter((item) => item.type === 'Figure');
    expect(figures.length).toBeGreaterThan(0);
    for (const { element } of figures) expect(text(element.get(PDFName.of('Alt')))).toBeTruthy();
  });

  it('describes each link by the text a reader reads, such as a contents entry by its article’s title', () => {
    const contents = pdf()
      .getPages()
      .flatMap((page) => page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [])
      .map((ref) => text(pdf().context.lookup(ref, PDFDict).get(PDFName.of('Contents'))));
    expect(contents).toContainEqual(expect.stringMatching(/^Vụ chè xuân thắng lợi trên đồi Yên Thế \d+$/));
  });

  it('gives every table header cell its scope', () => {
    const headers = structure(pdf()).filter((item) => item.type === 'TH');
    expect(headers.length).toBeGreaterThan(0);
    for (const { element } of headers) {
      const attributes = element.lookup(PDFName.of('A'));
      const list = attributes instanceof PDFArray ? attributes.asArray().map((item) => pdf().context.lookup(item)) : [attributes];
      const scope = list.map((item) => (item instanceof PDFDict ? item.get(PDFName.of('Scope')) : undefined)).find(Boolean);
      expect(['/Column', '/Row', '/Both']).toContain(scope?.toString());
    }
  });
});
