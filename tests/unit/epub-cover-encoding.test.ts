import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodeCover } from '../../scripts/products/epub/encode-cover.ts';
import { fixtureDir } from '../helpers/build-fixture.ts';
import { distinctColours, psnr } from '../helpers/image-compare.ts';

const SIZE = { width: 1600, height: 2400 };
/** Where the cover template puts a photo, in the 1600 × 2400 image (as templates/epub/cover.html lays it out). */
const PHOTO = { left: 144, top: 470, width: 1312, height: 840 };

/** A cover of type and rules: cream ground, a red bar, dark curves whose anti-aliased edges make hundreds of shades. */
function typeCover(): Promise<Buffer> {
  const letters = Array.from({ length: 24 }, (_, index) => {
    const x = 150 + (index % 6) * 220;
    const y = 900 + Math.floor(index / 6) * 260;
    return `<ellipse cx="${x}" cy="${y}" rx="${60 + (index % 5) * 9}" ry="95" fill="none" stroke="#1a1a1a" stroke-width="${22 + (index % 3) * 4}" transform="rotate(${index * 7} ${x} ${y})"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE.width}" height="${SIZE.height}"><rect width="100%" height="100%" fill="#f7f4ef"/><rect x="144" y="160" width="1312" height="24" fill="#9b1c1c"/><path d="M150 260 q 80 -60 160 0 t 160 0 t 160 0" fill="none" stroke="#9b1c1c" stroke-width="14"/>${letters}<rect x="144" y="2160" width="1312" height="4" fill="#c8c2b8"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The same cover with a photograph (the fixture's, of graded sky and hills with sensor grain) where the template puts one. */
async function photoCover(): Promise<Buffer> {
  const photo = await sharp(join(fixtureDir('epub-outline'), 'images', 'field.jpg')).resize(PHOTO.width, PHOTO.height, { fit: 'cover' }).toBuffer();
  return sharp(await typeCover()).composite([{ input: photo, left: PHOTO.left, top: PHOTO.top }]).png().toBuffer();
}

describe('the EPUB cover’s encoding', () => {
  it('stores a cover of type as a palette PNG of a fraction of the size, with no visible loss', async () => {
    const original = await typeCover();
    const lossless = await sharp(original).png({ compressionLevel: 9 }).toBuffer();
    const cover = await encodeCover(original, false);
    expect(cover.fileName).toBe('cover.png');
    expect(await sharp(cover.bytes).metadata()).toMatchObject({ format: 'png', isPalette: true, ...SIZE });
    // Half the screenshot, and well under the smallest PNG that keeps every shade.
    expect(cover.bytes.length).toBeLessThan(original.length / 2);
    expect(cover.bytes.length).toBeLessThan(lossless.length * 0.6);
    expect(await psnr(original, cover.bytes)).toBeGreaterThan(50);
  });

  it('stores a cover with a photo as a JPEG that keeps the photo’s shades instead of banding them into a palette', async () => {
    const original = await photoCover();
    expect(await distinctColours(original, PHOTO), 'the fixture photo has many shades').toBeGreaterThan(5000);
    const cover = await encodeCover(original, true);
    expect(cover.fileName).toBe('cover.jpeg');
    expect(await sharp(cover.bytes).metadata()).toMatchObject({ format: 'jpeg', isProgressive: false, ...SIZE });
    expect(await distinctColours(cover.bytes, PHOTO)).toBeGreaterThan(1000);
    expect(await psnr(original, cover.bytes, PHOTO)).toBeGreaterThan(40);
    expect(cover.bytes.length).toBeLessThan((await readFile(join(fixtureDir('epub-outline'), 'images', 'field.jpg'))).length * 20);
  });

  it('gives the same bytes every time', async () => {
    for (const [original, photo] of [[await typeCover(), false], [await photoCover(), true]] as const) {
      const [first, second] = await Promise.all([encodeCover(original, photo), encodeCover(original, photo)]);
      expect(Buffer.from(first.bytes).equals(Buffer.from(second.bytes))).toBe(true);
    }
  });
});
