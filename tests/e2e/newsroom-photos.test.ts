import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildReport } from '../../scripts/build.ts';
import { closeBrowser, launchBrowser, type BrowserSession } from '../../scripts/browser.ts';
import { ADOBE_COLOUR, MARK, PHOTOS, SECRETS, writeNewsroomPhotos } from '../helpers/newsroom-photos.ts';
import { serveFolder, type ServedFolder } from '../helpers/serve-folder.ts';
import { copyFixture, listFiles } from '../helpers/temp-fixture.ts';
import { run, zipEntries } from '../helpers/tools.ts';

const SLUG = 'anh-vu-che';
const MANUSCRIPT = 'anh-vu-che.md';

let manuscriptDir: string;
let outDir: string;
let report: BuildReport;
let extracted: string;

/** The images of a PDF, in the order they are placed, with their size and resolution as pdfimages lists them. */
function pdfImageList(file: string): { width: number; height: number; xPpi: number; yPpi: number }[] {
  return run('pdfimages', ['-list', file])
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      return { width: Number(cells[3]), height: Number(cells[4]), xPpi: Number(cells[12]), yPpi: Number(cells[13]) };
    });
}

/** Every image of a PDF as a PNG file, in order: what a reader sees, whatever the PDF stores. */
async function pdfImages(file: string, label: string): Promise<Buffer[]> {
  const prefix = join(extracted, label);
  execFileSync('pdfimages', ['-png', file, prefix]);
  const names = (await readdir(extracted)).filter((name) => name.startsWith(`${label}-`)).sort();
  return Promise.all(names.map((name) => readFile(join(extracted, name))));
}

/** The EPUB's images, by their name in the package. */
function epubImages(file: string): Map<string, Buffer> {
  return new Map(zipEntries(file).filter((name) => name.startsWith('OEBPS/images/') && !name.endsWith('/')).map((name) => [name, execFileSync('unzip', ['-p', file, name], { maxBuffer: 64 << 20 })]));
}

/** The colour of the pixel at (x, y) as fractions of the width and height. */
async function colourAt(image: Uint8Array, x: number, y: number): Promise<{ r: number; g: number; b: number }> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (Math.floor(y * (info.height - 1)) * info.width + Math.floor(x * (info.width - 1))) * info.channels;
  return { r: data[offset]!, g: data[offset + 1]!, b: data[offset + 2]! };
}

function near(actual: { r: number; g: number; b: number }, expected: { r: number; g: number; b: number }, tolerance: number): boolean {
  return Math.abs(actual.r - expected.r) <= tolerance && Math.abs(actual.g - expected.g) <= tolerance && Math.abs(actual.b - expected.b) <= tolerance;
}

beforeAll(async () => {
  manuscriptDir = await copyFixture('newsroom-photos');
  await writeNewsroomPhotos(manuscriptDir);
  outDir = await mkdtemp(join(tmpdir(), 'folio-newsroom-out-'));
  extracted = await mkdtemp(join(tmpdir(), 'folio-newsroom-images-'));
  report = await build({ manuscriptDir, outDir });
  expect(report.ok).toBe(true);
});

afterAll(async () => {
  await Promise.all([manuscriptDir, outDir, extracted].map((dir) => dir && rm(dir, { recursive: true, force: true })));
});

describe('photos as a newsroom sends them', () => {
  it('warns of a photo too small for the press copy, naming it, its place and its resolution', () => {
    const warnings = report.files.flatMap((file) => file.messages).filter((message) => message.ruleId === 'image-resolution');
    expect(warnings.map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([
      expect.stringMatching(/^26:1 image images\/small\.jpg prints at 96 ppi in the press copy \(400 × 300 pixels\), under the 150 ppi/),
    ]);
  });

  it('keeps no EXIF, GPS position, camera serial or profile in any file the build writes', async () => {
    const files = await listFiles(outDir);
    for (const name of files) {
      const bytes = await readFile(join(outDir, name));
      expect(bytes.includes(SECRETS.serial), name).toBe(false);
      expect(bytes.includes('Folio Camera'), name).toBe(false);
    }
    const images = [
      ...(await Promise.all(files.filter((name) => /\.(jpe?g|png|webp)$/.test(name)).map((name) => readFile(join(outDir, name))))),
      ...epubImages(join(outDir, `${SLUG}.epub`)).values(),
    ];
    expect(images.length).toBeGreaterThan(20);
    for (const image of images) {
      const metadata = await sharp(image).metadata();
      expect([metadata.exif, metadata.xmp, metadata.iptc, metadata.icc]).toEqual([undefined, undefined, undefined, undefined]);
    }
    // The PDFs' photos, as the PDF stores them (a JPEG stream keeps what the JPEG carried).
    for (const pdf of [`${SLUG}.pdf`, `${SLUG}.print.pdf`]) {
      execFileSync('pdfimages', ['-all', join(outDir, pdf), join(extracted, `raw-${pdf}`)]);
    }
    for (const name of (await readdir(extracted)).filter((entry) => entry.startsWith('raw-') && entry.endsWith('.jpg'))) {
      const metadata = await sharp(await readFile(join(extracted, name))).metadata();
      expect(metadata.exif, name).toBeUndefined();
    }
  });

  it('shows the camera photo upright in every product: landscape, its marked corner at the top left', async () => {
    const web = await Promise.all(['camera.480.webp', 'camera.1200.webp', 'camera.1600.webp', 'camera.1200.jpg'].map((name) => readFile(join(outDir, 'media', SLUG, 'images', name))));
    const epub = [...epubImages(join(outDir, `${SLUG}.epub`)).values()][0] as Buffer;
    const [download] = await pdfImages(join(outDir, `${SLUG}.pdf`), 'download');
    const [press] = await pdfImages(join(outDir, `${SLUG}.print.pdf`), 'press');
    for (const image of [...web, epub, download as Buffer, press as Buffer]) {
      const { width, height } = await sharp(image).metadata();
      expect(width / height).toBeCloseTo(1.5, 1);
      expect(near(await colourAt(image, 0.02, 0.02), MARK, 40)).toBe(true);
      expect(near(await colourAt(image, 0.98, 0.02), MARK, 40)).toBe(false);
    }
  });

  it('converts an Adobe RGB photo to sRGB: the colour shown, not the numbers stored', async () => {
    const source = await readFile(join(manuscriptDir, 'images', PHOTOS.adobe));
    const stored = await sharp(source, { ignoreIcc: true }).raw().toBuffer();
    expect(near({ r: stored[0]!, g: stored[1]!, b: stored[2]! }, ADOBE_COLOUR, 8)).toBe(false);
    const epub = [...epubImages(join(outDir, `${SLUG}.epub`)).values()][1] as Buffer;
    const [, download] = await pdfImages(join(outDir, `${SLUG}.pdf`), 'adobe-download');
    for (const image of [await readFile(join(outDir, 'media', SLUG, 'images', 'adobe-rgb.800.webp')), await readFile(join(outDir, 'media', SLUG, 'images', 'adobe-rgb.1200.jpg')), epub, download as Buffer]) {
      expect(near(await colourAt(image, 0.5, 0.5), ADOBE_COLOUR, 4)).toBe(true);
    }
  });

  it('places each photo in the download PDF at about 200 ppi and in the press copy at 300 ppi, the small one as it is', () => {
    const download = pdfImageList(join(outDir, `${SLUG}.pdf`));
    const press = pdfImageList(join(outDir, `${SLUG}.print.pdf`));
    expect(download).toHaveLength(4);
    expect(press).toHaveLength(4);
    for (const image of download.slice(0, 3)) expect(image.xPpi).toBeGreaterThanOrEqual(190), expect(image.xPpi).toBeLessThanOrEqual(215);
    for (const image of press.slice(0, 3)) expect(image.xPpi).toBeGreaterThanOrEqual(295), expect(image.xPpi).toBeLessThanOrEqual(310);
    expect([download[3]?.width, press[3]?.width]).toEqual([400, 400]);
  });

  it('gives the EPUB JPEG photos and a PNG diagram, none over 1600 pixels on its long edge', async () => {
    const images = [...epubImages(join(outDir, `${SLUG}.epub`))];
    expect(images.map(([name]) => name.split('.').pop())).toEqual(['jpeg', 'jpeg', 'png', 'jpeg']);
    for (const [name, bytes] of images) {
      const { width = 0, height = 0, format } = await sharp(bytes).metadata();
      expect(Math.max(width, height), name).toBeLessThanOrEqual(1600);
      expect(format).toBe(name.endsWith('.png') ? 'png' : 'jpeg');
    }
    const camera = images[0]?.[1] as Buffer;
    expect((await sharp(camera).metadata()).width).toBe(1600);
    expect(camera.length).toBeLessThan(600_000);
  });

  it('rebuilds after a text edit from the photos made before, making none again', async () => {
    const cache = join(outDir, '.folio', 'images');
    const before = new Map(await Promise.all((await readdir(cache)).map(async (name) => [name, (await stat(join(cache, name))).mtimeMs] as const)));
    const path = join(manuscriptDir, MANUSCRIPT);
    await writeFile(path, (await readFile(path, 'utf8')).replace('Búp chè năm nay ra đều', 'Búp chè năm nay ra rất đều'));
    const again = await build({ manuscriptDir, outDir });
    expect(again.ok).toBe(true);
    expect(again.publications[0]?.cached).toBe(false);
    const after = new Map(await Promise.all((await readdir(cache)).map(async (name) => [name, (await stat(join(cache, name))).mtimeMs] as const)));
    expect(after).toEqual(before);
    expect(await readFile(join(outDir, `${SLUG}.html`), 'utf8')).toContain('ra rất đều');
    expect(pdfImageList(join(outDir, `${SLUG}.print.pdf`)).map((image) => image.width)).toEqual([1394, 1394, 1394, 400]);
  });

  it('makes the photos\' files again from the unchanged photos when the image cache is gone', async () => {
    // The photos are known unchanged, so the manuscript's reading leaves them on the disk: here they must be read after all.
    await rm(join(outDir, '.folio', 'images'), { recursive: true });
    const path = join(manuscriptDir, MANUSCRIPT);
    await writeFile(path, (await readFile(path, 'utf8')).replace('ra rất đều', 'ra khá đều'));
    const again = await build({ manuscriptDir, outDir });
    expect(again.ok).toBe(true);
    expect(pdfImageList(join(outDir, `${SLUG}.print.pdf`)).map((image) => image.width)).toEqual([1394, 1394, 1394, 400]);
    const [press] = await pdfImages(join(outDir, `${SLUG}.print.pdf`), 'press-again');
    expect(near(await colourAt(press as Buffer, 0.02, 0.02), MARK, 40)).toBe(true);
    expect((await readdir(join(outDir, '.folio', 'images'))).length).toBeGreaterThan(20);
  });
});

describe('the web edition of the photos on a phone', () => {
  let session: BrowserSession;
  let site: ServedFolder;
  let page: Page;

  beforeAll(async () => {
    [session, site] = await Promise.all([launchBrowser(), serveFolder(outDir)]);
    page = await session.browser.newPage();
  });

  afterAll(async () => {
    await Promise.all([site?.close(), session && closeBrowser(session)]);
  });

  it('loads each photo as WebP at the width a 390 px screen needs: under 200 KB for the full-width photo', async () => {
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const urls = new Map<string, string>();
    const bytes = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
    cdp.on('Network.loadingFinished', (event) => bytes.set(urls.get(event.requestId) ?? '', event.encodedDataLength));
    await page.goto(new URL(`${SLUG}.html`, site.url).href, { waitUntil: 'networkidle0' });
    // Scrolling brings the lazy photos in, as a reader does.
    for (const handle of await page.$$('picture img')) {
      await handle.scrollIntoView();
      await page.waitForFunction((image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0, {}, handle);
    }
    const shown = await page.$$eval('picture img', (images) => images.map((image) => (image as HTMLImageElement).currentSrc.split('/').pop()));
    expect(shown).toEqual(['camera.1200.webp', 'adobe-rgb.1200.webp', 'diagram.1200.webp', 'small.400.webp']);
    const camera = [...bytes].find(([url]) => url.endsWith('camera.1200.webp'));
    expect(camera?.[1]).toBeGreaterThan(10_000);
    expect(camera?.[1]).toBeLessThan(200_000);
    const loading = await page.$$eval('picture img', (images) => images.map((image) => [image.getAttribute('loading'), image.getAttribute('width'), image.getAttribute('height')]));
    expect(loading).toEqual([
      [null, '6000', '4000'],
      ['lazy', '1600', '1200'],
      ['lazy', '1400', '900'],
      ['lazy', '400', '300'],
    ]);
  });
});

describe('images a build cannot read', () => {
  it('says how to export a HEIC photo, and a TIFF, at their places in the manuscript', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'folio-heic-'));
    try {
      const avif = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).avif().toBuffer();
      // An iPhone's HEIC and an AVIF share their container; only the brand differs, which is what tells a reader.
      const heic = Buffer.from(avif);
      heic.write('heic', heic.indexOf('ftyp') + 4, 'latin1');
      await writeFile(join(dir, 'heic.md'), '---\ntitle: Ảnh từ điện thoại\nlang: vi\ndate: 2024-03-15\nauthor: Lê Thu Hà\npublisher: Bản tin\n---\n\nẢnh:\n\n![Ảnh điện thoại](iphone.heic)\n\n![Ảnh máy quét](scan.tiff)\n');
      await writeFile(join(dir, 'iphone.heic'), heic);
      await writeFile(join(dir, 'scan.tiff'), await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).tiff().toBuffer());
      const failed = await build({ manuscriptDir: dir, outDir: join(dir, 'out') });
      expect(failed.ok).toBe(false);
      const messages = failed.files.flatMap((file) => file.messages).map((message) => `${message.line}:${message.column} ${message.reason}`);
      expect(messages).toEqual([
        expect.stringMatching(/^11:1 image iphone\.heic cannot be published: it is HEIC\/HEIF, as an iPhone saves photos: export it as JPEG/),
        expect.stringMatching(/^13:1 image scan\.tiff cannot be published: it is TIFF: export it as JPEG/),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('an issue with a camera photo on its front page', () => {
  it('prints the photos themselves in both paper editions, the cover cropped to the front page, never a stand-in', async () => {
    await writeFile(join(manuscriptDir, 'publication.yaml'), 'name: Bản tin Chè\norganisation: Hợp tác xã chè\nlang: vi\ncolophon:\n  licence: "Giấy phép số 1/2024"\n  responsible: "Chịu trách nhiệm: Lê Thu Hà"\n  printer: "In tại xưởng in huyện"\n  print_run: "Số lượng: 100 bản"\n  periodicity: "Hằng tháng"\n');
    await mkdir(join(manuscriptDir, 'issues'), { recursive: true });
    await writeFile(join(manuscriptDir, 'issues', 'so-1.yaml'), `number: 1\ndate: 2024-06-01\ntitle: Mùa chè xuân\ncover: images/${PHOTOS.camera}\narticles:\n  - ${MANUSCRIPT}\n`);
    const issue = await build({ manuscriptDir, outDir });
    expect(issue.ok).toBe(true);
    const source = await sharp(await readFile(join(manuscriptDir, 'images', PHOTOS.camera))).stats();
    for (const pdf of ['issues/so-1.pdf', 'issues/so-1.print.pdf']) {
      const [cover, camera] = await pdfImages(join(outDir, pdf), `cover-${pdf.replace(/\W/g, '-')}`);
      const { channels } = await sharp(cover as Buffer).stats();
      // The photo's noise and colour, not a stand-in's flat grey.
      channels.slice(0, 3).forEach((channel, index) => {
        expect(channel.stdev, pdf).toBeGreaterThan(20);
        expect(Math.abs(channel.mean - (source.channels[index]?.mean ?? 0)), pdf).toBeLessThan(25);
      });
      // The article's photo, laid out again on the issue's pages.
      expect(near(await colourAt(camera as Buffer, 0.02, 0.02), MARK, 40), pdf).toBe(true);
    }
  });
});

describe('a photo replaced between two builds in one Chromium, as the preview makes them', () => {
  it('prints the new photo in both paper editions, not the one the browser showed before', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'folio-replaced-photo-'));
    const session = await launchBrowser();
    try {
      const photo = (colour: string) => sharp({ create: { width: 1200, height: 800, channels: 3, background: colour } }).jpeg({ quality: 90 }).toBuffer();
      await writeFile(join(dir, 'bai.md'), '---\ntitle: Ảnh thay\nlang: vi\ndate: 2024-03-15\nauthor: Lê Thu Hà\npublisher: Bản tin\n---\n\nẢnh:\n\n![Đồi chè](anh.jpg "Đồi chè.")\n');
      await writeFile(join(dir, 'anh.jpg'), await photo('#c81e1e'));
      const out = join(dir, 'out');
      expect((await build({ manuscriptDir: dir, outDir: out, session })).ok).toBe(true);
      await writeFile(join(dir, 'anh.jpg'), await photo('#1e3cc8'));
      expect((await build({ manuscriptDir: dir, outDir: out, session })).ok).toBe(true);
      for (const pdf of ['bai.pdf', 'bai.print.pdf']) {
        const [image] = await pdfImages(join(out, pdf), `replaced-${pdf.replace(/\W/g, '-')}`);
        // Blue, not the red photo it replaced (the press copy's photos read back through its colour profile).
        const { r, b } = await colourAt(image as Buffer, 0.5, 0.5);
        expect(b - r, pdf).toBeGreaterThan(80);
      }
    } finally {
      await closeBrowser(session);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
