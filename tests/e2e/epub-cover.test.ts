import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { withBrowser } from '../../scripts/browser.ts';
import { buildFixture } from '../helpers/build-fixture.ts';
import { distinctColours } from '../helpers/image-compare.ts';
import { run, zipText } from '../helpers/tools.ts';

/** Screens of reading devices, in CSS pixels: phones and tablets, upright and turned. */
const SCREENS = [
  { name: 'small phone', width: 360, height: 640 },
  { name: 'tall phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'tall tablet', width: 820, height: 1180 },
  { name: 'tablet turned', width: 1024, height: 768 },
  { name: 'phone turned', width: 844, height: 390 },
];

/** What a screen shows of the cover page. */
interface CoverView {
  scrollWidth: number;
  scrollHeight: number;
  innerWidth: number;
  innerHeight: number;
  image: { left: number; top: number; right: number; bottom: number; naturalWidth: number; naturalHeight: number };
}

/** Unpacks an EPUB into a new folder and returns the folder. */
async function unpack(file: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'folio-epub-cover-'));
  run('unzip', ['-q', '-o', file, '-d', folder]);
  return folder;
}

/** The cover page of an unpacked EPUB as Chromium lays it out on each screen, with its own stylesheet. */
async function coverViews(folder: string): Promise<Map<string, CoverView>> {
  return withBrowser(process.env, async ({ browser }) => {
    const page = await browser.newPage();
    const views = new Map<string, CoverView>();
    for (const screen of SCREENS) {
      await page.setViewport({ width: screen.width, height: screen.height });
      await page.goto(`file://${join(folder, 'OEBPS', 'cover.xhtml')}`, { waitUntil: 'load' });
      views.set(
        screen.name,
        await page.evaluate(async () => {
          const image = document.querySelector('img') as HTMLImageElement;
          await image.decode();
          const box = image.getBoundingClientRect();
          const root = document.documentElement;
          return {
            scrollWidth: root.scrollWidth,
            scrollHeight: root.scrollHeight,
            innerWidth: window.innerWidth,
            innerHeight: window.innerHeight,
            image: { left: box.left, top: box.top, right: box.right, bottom: box.bottom, naturalWidth: image.naturalWidth, naturalHeight: image.naturalHeight },
          };
        }),
      );
    }
    await page.close();
    return views;
  });
}

/** The cover image of an EPUB, by the manifest's cover-image item. */
async function coverImage(folder: string): Promise<{ href: string; mediaType: string; bytes: Buffer }> {
  const opf = await readFile(join(folder, 'OEBPS', 'content.opf'), 'utf8');
  const match = /<item id="cover-image" href="([^"]+)" media-type="([^"]+)" properties="cover-image"\/>/.exec(opf);
  if (!match?.[1] || !match[2]) throw new Error('the package document declares no cover-image');
  return { href: match[1], mediaType: match[2], bytes: await readFile(join(folder, 'OEBPS', match[1])) };
}

let outDir: string;
let againDir: string;
const folders = new Map<string, string>();

beforeAll(async () => {
  const [first, second] = await Promise.all([buildFixture('epub-outline'), buildFixture('epub-outline')]);
  expect(first.report.ok && second.report.ok).toBe(true);
  outDir = first.outDir;
  againDir = second.outDir;
  for (const name of ['outline', 'issues/no-1']) folders.set(name, await unpack(join(outDir, `${name}.epub`)));
});

describe('the EPUB cover page', () => {
  for (const [name, kind] of [
    ['outline', 'of type alone'],
    ['issues/no-1', 'with a photo'],
  ] as const) {
    it(`shows a cover ${kind} whole on one screen, nothing spilling below or beside it, on phones and tablets`, async () => {
      const views = await coverViews(folders.get(name) ?? '');
      for (const [screen, view] of views) {
        const { image } = view;
        expect(view.scrollHeight, screen).toBeLessThanOrEqual(view.innerHeight);
        expect(view.scrollWidth, screen).toBeLessThanOrEqual(view.innerWidth);
        expect(image.left, screen).toBeGreaterThanOrEqual(0);
        expect(image.top, screen).toBeGreaterThanOrEqual(0);
        expect(image.right, screen).toBeLessThanOrEqual(view.innerWidth);
        expect(image.bottom, screen).toBeLessThanOrEqual(view.innerHeight);
        // As large as the screen allows: it fills the screen's width or its height, in its own proportions.
        const [width, height] = [image.right - image.left, image.bottom - image.top];
        expect(Math.max(width / view.innerWidth, height / view.innerHeight), screen).toBeGreaterThan(0.99);
        expect(width / height, screen).toBeCloseTo(image.naturalWidth / image.naturalHeight, 2);
      }
    });
  }

  it('declares the cover page as one fixed page of the image’s size, which a reading system scales to its screen', async () => {
    const folder = folders.get('outline') ?? '';
    expect(await readFile(join(folder, 'OEBPS', 'content.opf'), 'utf8')).toContain('<itemref idref="cover" properties="rendition:layout-pre-paginated rendition:spread-none"/>');
    expect(await readFile(join(folder, 'OEBPS', 'cover.xhtml'), 'utf8')).toContain('<meta name="viewport" content="width=1600, height=2400"/>');
  });
});

describe('the EPUB cover image', () => {
  it('stores a cover of type as a palette PNG under 60 KB', async () => {
    const cover = await coverImage(folders.get('outline') ?? '');
    expect(cover).toMatchObject({ href: 'cover.png', mediaType: 'image/png' });
    expect(await sharp(cover.bytes).metadata()).toMatchObject({ format: 'png', isPalette: true, width: 1600, height: 2400 });
    expect(cover.bytes.length).toBeLessThan(60 * 1024);
  });

  it('stores a cover with a photo as a baseline JPEG that keeps the photo’s shades, shown by the cover page', async () => {
    const folder = folders.get('issues/no-1') ?? '';
    const cover = await coverImage(folder);
    expect(cover).toMatchObject({ href: 'cover.jpeg', mediaType: 'image/jpeg' });
    expect(await sharp(cover.bytes).metadata()).toMatchObject({ format: 'jpeg', isProgressive: false, width: 1600, height: 2400 });
    // A palette holds 256 colours at most: the graded sky and the grain of the photo need thousands.
    expect(await distinctColours(cover.bytes)).toBeGreaterThan(2000);
    expect(await readFile(join(folder, 'OEBPS', 'cover.xhtml'), 'utf8')).toContain('src="cover.jpeg"');
  });

  it('rebuilds byte for byte, covers included', async () => {
    for (const name of ['outline', 'field-notes', 'sketch', 'issues/no-1']) {
      const [first, second] = await Promise.all([readFile(join(outDir, `${name}.epub`)), readFile(join(againDir, `${name}.epub`))]);
      expect(first.equals(second), name).toBe(true);
    }
    expect(zipText(join(outDir, 'issues/no-1.epub'), 'OEBPS/content.opf')).toContain('<item id="cover-image" href="cover.jpeg"');
  });
});
