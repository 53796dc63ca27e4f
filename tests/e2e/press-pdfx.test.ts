import { execFileSync } from 'node:child_process';
import { appendFile, copyFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRawStream, PDFString, type PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { preflightPressCopy } from '../../scripts/products/press-preflight.ts';
import { build } from '../../scripts/build.ts';
import { buildFixture } from '../helpers/build-fixture.ts';
import { copyFixture, tempDir } from '../helpers/temp-fixture.ts';
import { pdfBoxes, pdfInfo } from '../helpers/pdf.ts';
import { inkCoverage, loadPdf, pageContents, xmpOf, xmpValue } from '../helpers/pdf-standards.ts';
import { pdfFonts, run } from '../helpers/tools.ts';

/** The seed article's press copy and an issue's, whose pages carry photos and tables. */
const FILES: Record<string, string> = {};
const PDFS: Record<string, PDFDocument> = {};
const CASES = ['seed', 'issue'] as const;
let downloadPdf: string;

beforeAll(async () => {
  const [seed, issue] = await Promise.all([buildFixture('manuscript'), buildFixture('issue')]);
  expect(seed.report.ok && issue.report.ok).toBe(true);
  FILES.seed = join(seed.outDir, 'tang-cuong-bao-ve-to-quoc-tren-khong-gian-mang.print.pdf');
  FILES.issue = join(issue.outDir, 'issues', 'so-1.print.pdf');
  downloadPdf = join(issue.outDir, 'issues', 'so-1.pdf');
  for (const name of CASES) PDFS[name] = await loadPdf(FILES[name] as string);
});

/** The pages (1-based) that place an image, as pdfimages lists them. */
function photoPages(file: string): Set<number> {
  const rows = run('pdfimages', ['-list', file]).split('\n').slice(2).filter((line) => line.trim() !== '');
  return new Set(rows.map((line) => Number(line.trim().split(/\s+/)[0])));
}

const text = (value: unknown) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);

describe.each(CASES)('the press copy of the %s as PDF/X-4', (name) => {
  const pdf = () => PDFS[name] as PDFDocument;
  const file = () => FILES[name] as string;

  it('names PDF/X-4 and Trapped False in its document information', () => {
    const info = pdf().context.lookup(pdf().context.trailerInfo.Info, PDFDict);
    expect(text(info.get(PDFName.of('GTS_PDFXVersion')))).toBe('PDF/X-4');
    expect(info.get(PDFName.of('Trapped'))).toBe(PDFName.of('False'));
  });

  it('names PDF/X-4 and Trapped False in its XMP metadata, with the title and the manuscript’s date', () => {
    const xmp = xmpOf(pdf());
    expect(xmpValue(xmp, 'pdfxid:GTS_PDFXVersion')).toBe('PDF/X-4');
    expect(xmpValue(xmp, 'pdf:Trapped')).toBe('False');
    expect(xmpValue(xmp, 'dc:title')).toBe(pdfInfo(file()).Title);
    expect(xmpValue(xmp, 'xmpMM:DocumentID')).toMatch(/^uuid:[0-9a-f-]{36}$/);
  });

  it('carries a PDF/X output intent with an embedded CMYK output profile', () => {
    const intents = pdf().catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    expect(intents.size()).toBe(1);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFX'));
    expect(text(intent.get(PDFName.of('OutputConditionIdentifier')))).toBeTruthy();
    const profile = pdf().context.lookup(intent.get(PDFName.of('DestOutputProfile')));
    expect(profile).toBeInstanceOf(PDFRawStream);
    expect((profile as PDFRawStream).dict.get(PDFName.of('N'))?.toString()).toBe('4');
  });

  it('is a PDF 1.6 file with a file identifier', async () => {
    expect((await readFile(file())).subarray(0, 8).toString('latin1')).toBe('%PDF-1.6');
    expect(pdf().context.trailerInfo.ID).toBeDefined();
  });

  it('nests the TrimBox in the BleedBox in the MediaBox on every page', () => {
    for (const page of pdfBoxes(file())) {
      expect(page.BleedBox.x1).toBeGreaterThanOrEqual(page.MediaBox.x1);
      expect(page.BleedBox.x2).toBeLessThanOrEqual(page.MediaBox.x2);
      expect(page.TrimBox.x1).toBeGreaterThan(page.BleedBox.x1);
      expect(page.TrimBox.y1).toBeGreaterThan(page.BleedBox.y1);
      expect(page.TrimBox.x2).toBeLessThan(page.BleedBox.x2);
      expect(page.TrimBox.y2).toBeLessThan(page.BleedBox.y2);
    }
  });

  it('uses no DeviceRGB: no colour space of that name and no rg or RG operator', () => {
    const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file(), '-'], { maxBuffer: 256 << 20 }).toString('latin1');
    expect(qdf).not.toContain('/DeviceRGB');
    for (const content of pageContents(file())) expect(content).not.toMatch(/\s(rg|RG)\n/);
  });

  it('prints text and rules on the black plate only: C = M = Y = 0 inside the trim of every page without a photo', () => {
    const photos = photoPages(file());
    const coverage = inkCoverage(file(), 'TrimBox');
    coverage.forEach((page, index) => {
      if (photos.has(index + 1)) return;
      expect([page.c, page.m, page.y]).toEqual([0, 0, 0]);
      if (index === 0) expect(page.k).toBeGreaterThan(0.01);
    });
  });

  it('draws the crop marks in registration colour, on every plate alike, outside the trim', () => {
    const sheet = inkCoverage(file());
    const trimmed = inkCoverage(file(), 'TrimBox');
    sheet.forEach((page, index) => {
      if (photoPages(file()).has(index + 1)) return;
      expect(page.c).toBeGreaterThan(0);
      expect(page.m).toBe(page.c);
      expect(page.y).toBe(page.c);
      expect(trimmed[index]?.c).toBe(0);
    });
    const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file(), '-'], { maxBuffer: 256 << 20 }).toString('latin1');
    expect(qdf).toMatch(/\/Separation\s+\/All\s+\/DeviceCMYK/);
  });

  it('embeds every font', () => {
    const fonts = pdfFonts(file());
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((font) => !font.embedded)).toEqual([]);
  });

  it('has no links, annotations, forms or JavaScript', () => {
    for (const page of pdf().getPages()) expect(page.node.has(PDFName.of('Annots'))).toBe(false);
    expect(pdf().catalog.has(PDFName.of('AcroForm'))).toBe(false);
    expect(pdf().catalog.has(PDFName.of('OpenAction'))).toBe(false);
    expect(pdfInfo(file()).JavaScript).toBe('no');
  });

  it('passes the build’s own preflight', () => {
    expect(preflightPressCopy(pdf())).toEqual([]);
  });
});

describe('photos in the press copy of an issue', () => {
  it('tags every image with an ICC profile (sRGB), for the RIP to separate through the output intent', () => {
    const list = run('pdfimages', ['-list', FILES.issue as string]).split('\n').slice(2).filter((line) => line.trim() !== '');
    expect(list.length).toBeGreaterThan(0);
    for (const line of list) expect(line.trim().split(/\s+/)[5]).toBe('icc');
  });

  it('separates a photo page into all four inks, as the profile converts its colours', () => {
    const photos = [...photoPages(FILES.issue as string)];
    const coverage = inkCoverage(FILES.issue as string, 'TrimBox');
    for (const page of photos) {
      const ink = coverage[page - 1];
      expect(ink?.c).toBeGreaterThan(0.01);
      expect(ink?.m).toBeGreaterThan(0.01);
      expect(ink?.y).toBeGreaterThan(0.01);
    }
  });
});

describe('the press preflight', () => {
  it('names each PDF/X-4 rule that a PDF made for screens breaks', async () => {
    const problems = preflightPressCopy(await loadPdf(downloadPdf));
    expect(new Set(problems.map((problem) => problem.rule))).toEqual(new Set(['output intent', 'identification', 'page boxes', 'no DeviceRGB', 'nothing interactive']));
    expect(problems.find((problem) => problem.rule === 'no DeviceRGB')?.detail).toMatch(/DeviceRGB/);
  });
});

describe('the printer’s own profile, named in publication.yaml', () => {
  /** A CMYK output profile other than the default: Ghostscript's PostScript CMYK, standing in for a printer's. */
  const PRINTER_PROFILE = '/usr/share/color/icc/ghostscript/ps_cmyk.icc';
  const RGB_PROFILE = '/usr/share/color/icc/ghostscript/a98.icc';

  async function buildWithProfile(profile: string) {
    const manuscriptDir = await copyFixture('issue');
    await copyFile(profile, join(manuscriptDir, 'printer.icc'));
    await appendFile(join(manuscriptDir, 'publication.yaml'), 'press:\n  profile: printer.icc\n');
    const outDir = await tempDir('printer-profile-out');
    const report = await build({ manuscriptDir, outDir });
    return { report, outDir, cleanup: () => Promise.all([manuscriptDir, outDir].map((dir) => rm(dir, { recursive: true, force: true }))) };
  }

  it('embeds that profile as the press copy’s output intent', async () => {
    const { report, outDir, cleanup } = await buildWithProfile(PRINTER_PROFILE);
    try {
      expect(report.ok).toBe(true);
      const pdf = await loadPdf(join(outDir, 'issues', 'so-1.print.pdf'));
      const intent = pdf.catalog.lookup(PDFName.of('OutputIntents'), PDFArray).lookup(0, PDFDict);
      const profile = pdf.context.lookup(intent.get(PDFName.of('DestOutputProfile'))) as PDFRawStream;
      const { inflateSync } = await import('node:zlib');
      expect(inflateSync(profile.contents)).toEqual(await readFile(PRINTER_PROFILE));
      expect(preflightPressCopy(pdf)).toEqual([]);
    } finally {
      await cleanup();
    }
  });

  it('stops the build with a message at the key’s line when the profile is no CMYK output profile', async () => {
    const { report, cleanup } = await buildWithProfile(RGB_PROFILE);
    try {
      expect(report.ok).toBe(false);
      const messages = report.files.flatMap((file) => file.messages).filter((message) => message.ruleId === 'press-profile');
      expect(messages).toHaveLength(1);
      expect(messages[0]?.fatal).toBe(true);
      // The fixture's publication.yaml has 12 lines; `press:` is the 13th, `profile:` the 14th.
      expect(messages[0]?.line).toBe(14);
      expect(messages[0]?.reason).toMatch(/press\.profile.*printer\.icc: this is a RGB profile of class mntr, not a CMYK output \(prtr\) profile/);
    } finally {
      await cleanup();
    }
  });
});

describe('a photo in the press copy', () => {
  /** A flat colour, as a photo of one hue: its inks can be predicted from the profile alone. */
  const GREEN = { r: 40, g: 170, b: 90 };

  it('prints with the inks the CMYK profile gives its colour: cyan and yellow in its proportion, little magenta', async () => {
    const manuscriptDir = await copyFixture('press-photo');
    const outDir = await tempDir('press-photo-out');
    try {
      const { mkdir, writeFile } = await import('node:fs/promises');
      const sharp = (await import('sharp')).default;
      await mkdir(join(manuscriptDir, 'images'));
      await writeFile(join(manuscriptDir, 'images', 'green.png'), await sharp({ create: { width: 1600, height: 1000, channels: 3, background: GREEN } }).png().toBuffer());
      const report = await build({ manuscriptDir, outDir });
      expect(report.ok).toBe(true);
      const expected = await sharp(Buffer.from([GREEN.r, GREEN.g, GREEN.b]), { raw: { width: 1, height: 1, channels: 3 } })
        .withIccProfile('/usr/share/color/icc/ghostscript/default_cmyk.icc')
        .toColourspace('cmyk')
        .raw()
        .toBuffer();
      const [c, m, y] = [0, 1, 2].map((index) => (expected[index] ?? 0) / 255) as [number, number, number];
      const page = inkCoverage(join(outDir, 'canh-dong.print.pdf'), 'TrimBox', 'ink_cov')[0];
      // Text adds black ink only: C, M and Y come from the photo. Ghostscript separates with its own
      // rendering intent, so only the main inks are compared in proportion.
      const area = (page?.c ?? 0) / c;
      expect(area).toBeGreaterThan(0.1);
      expect((page?.y ?? 0) / y / area).toBeGreaterThan(0.85);
      expect((page?.y ?? 0) / y / area).toBeLessThan(1.15);
      expect(page?.m ?? 1).toBeLessThan((page?.c ?? 0) * (m / c) * 2);
    } finally {
      await Promise.all([manuscriptDir, outDir].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });
});
