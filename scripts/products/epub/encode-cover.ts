import sharp from 'sharp';

/** The cover image as the EPUB stores it: its bytes and its file name, whose extension gives its type. */
export interface CoverImage {
  bytes: Uint8Array;
  fileName: string;
}

/**
 * Encodes the cover's screenshot for the EPUB, by what it shows. Type and rules alone are a few hundred
 * shades of anti-aliasing that a palette of 256 colours keeps with no visible loss, at a quarter of the
 * size: a palette PNG. A photo has thousands of shades that a palette would band or speckle with dither:
 * a baseline JPEG (no progressive scans, which some e-readers do not decode). Both are deterministic.
 */
export async function encodeCover(png: Uint8Array, hasPhoto: boolean): Promise<CoverImage> {
  const image = sharp(png);
  if (hasPhoto) {
    const bytes = await image
      .jpeg({ quality: 85, trellisQuantisation: true, overshootDeringing: true, quantisationTable: 3, optimiseCoding: true, progressive: false })
      .toBuffer();
    return { bytes, fileName: 'cover.jpeg' };
  }
  // Effort 4: within 0.1 % of the highest effort's size, in half its time.
  const bytes = await image.png({ palette: true, colours: 256, dither: 1, effort: 4, compressionLevel: 9 }).toBuffer();
  return { bytes, fileName: 'cover.png' };
}
