import sharp from 'sharp';

/** A region of an image, in pixels. */
export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

async function rgb(image: Uint8Array, region?: Region): Promise<Buffer> {
  const pipeline = sharp(image).removeAlpha();
  return (region ? pipeline.extract(region) : pipeline).raw().toBuffer();
}

/**
 * How close `encoded` is to `original` (same size), as peak signal-to-noise ratio in decibels over the
 * RGB channels of `region` (the whole image by default): above about 45 dB no difference shows to the eye.
 */
export async function psnr(original: Uint8Array, encoded: Uint8Array, region?: Region): Promise<number> {
  const [a, b] = await Promise.all([rgb(original, region), rgb(encoded, region)]);
  if (a.length !== b.length) throw new Error(`the images differ in size: ${a.length} and ${b.length} samples`);
  let squares = 0;
  for (let index = 0; index < a.length; index += 1) squares += ((a[index] as number) - (b[index] as number)) ** 2;
  return squares === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10((255 * 255 * a.length) / squares);
}

/** How many different colours `region` of an image shows: a palette image never shows more than 256. */
export async function distinctColours(image: Uint8Array, region?: Region): Promise<number> {
  const pixels = await rgb(image, region);
  const colours = new Set<number>();
  for (let index = 0; index < pixels.length; index += 3) colours.add(((pixels[index] as number) << 16) | ((pixels[index + 1] as number) << 8) | (pixels[index + 2] as number));
  return colours.size;
}
