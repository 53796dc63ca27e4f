import { describe, expect, it } from 'vitest';
import { imageVariants, minimumPressWidth, paperUrl, pressResolution, webWidths, type SourceImage } from '../../scripts/images/image-variants.ts';
import { A5, textColumnsMm } from '../../scripts/products/paper.ts';

const columns = textColumnsMm(A5);
const photo: SourceImage = { url: 'media/bai/images/anh.jpg', type: 'jpeg', width: 6000, height: 4000 };

describe('the files made of an image', () => {
  it('offers the web widths up to 1600 px, and a narrower photo at its own width, never enlarged', () => {
    expect(webWidths(6000)).toEqual([480, 800, 1200, 1600]);
    expect(webWidths(1000)).toEqual([480, 800, 1000]);
    expect(webWidths(320)).toEqual([320]);
  });

  it('sizes the paper editions at 200 and 300 ppi across their columns, the EPUB within 1600 px', () => {
    const byUse = new Map(imageVariants(photo, columns).filter((variant) => variant.use !== 'web').map((variant) => [variant.use, variant]));
    // 156 mm at 200 ppi; A5 less 30 mm (118 mm) at 300 ppi.
    expect(byUse.get('download')).toMatchObject({ width: 1229, height: 819, format: 'jpeg', url: 'media/bai/images/anh.jpg' });
    expect(byUse.get('press')).toMatchObject({ width: 1394, height: 929, format: 'jpeg', url: 'media/bai/images/anh.press.jpg' });
    expect(byUse.get('epub')).toMatchObject({ width: 1600, height: 1067, format: 'jpeg', url: 'media/bai/images/anh.epub.jpg' });
  });

  it('keeps a diagram in PNG, and a portrait photo within 1600 px on its long edge in the EPUB', () => {
    const diagram = imageVariants({ ...photo, url: 'media/bai/images/so-do.png', type: 'png' }, columns);
    expect(new Set(diagram.filter((variant) => variant.use !== 'web').map((variant) => variant.format))).toEqual(new Set(['png']));
    const portrait = imageVariants({ ...photo, width: 3000, height: 4500 }, columns).find((variant) => variant.use === 'epub');
    expect([portrait?.width, portrait?.height]).toEqual([1066, 1599]);
  });

  it('gives the press copy its own URL, so that Chromium never shows it one of the download PDF', () => {
    expect(paperUrl(photo, 'press')).not.toBe(paperUrl(photo, 'download'));
  });

  it('knows the press copy prints a small photo at its own size, at 96 ppi, and asks 697 px for the column', () => {
    expect(pressResolution({ ...photo, width: 400, height: 300 }, columns)).toBe(96);
    expect(Math.round(pressResolution(photo, columns))).toBe(1292);
    expect(minimumPressWidth(columns)).toBe(697);
  });
});
