import { createRequire } from 'node:module';

/**
 * The most pixels an image may have. A photo from a good camera has 24 to 40 megapixels, and decoding 40
 * takes about 2 s here; a "PNG bomb" of 30000 × 30000 (900 megapixels in a file of a megabyte) or a
 * JPEG whose header claims 65500 × 65500 would take the build's memory and minutes.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

/**
 * Decodes every pixel (and every frame of an animation) of an image, without keeping them, and returns
 * what is wrong with it, or undefined when it decodes whole. Reading only the header, as image-size does,
 * lets a damaged or cut-short file through, and each product would show a broken image.
 */
export async function decodeImage(bytes: Uint8Array, type: string): Promise<string | undefined> {
  // Loaded only for a manuscript with images: libvips takes a while to load, and many articles have none.
  // require, not import(): the bundle runs in a vm.Script, which has no dynamic import.
  const sharp = createRequire(import.meta.url)('sharp') as typeof import('sharp').default;
  sharp.cache(false);
  try {
    // failOn "warning": a truncated JPEG is only a warning to libjpeg, which would fill the rest with grey.
    const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'warning', animated: type === 'gif' || type === 'webp' });
    await image.stats();
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0]?.replace(/^Input image exceeds pixel limit$/, `more than ${MAX_IMAGE_PIXELS / 1e6} megapixels in all its frames`);
  }
}
