import { createRequire } from 'node:module';
import type { Sharp } from 'sharp';
import { MAX_IMAGE_PIXELS, type ImageVariant } from './image-variants.ts';

type SharpModule = typeof import('sharp').default;
let loaded: SharpModule | undefined;

/**
 * sharp, loaded on first use, for a manuscript with images: libvips takes a while to load, and many
 * articles have none. require, not import(): the bundle runs in a vm.Script, which has no dynamic import.
 */
function sharp(): SharpModule {
  if (!loaded) {
    loaded = createRequire(import.meta.url)('sharp') as SharpModule;
    loaded.cache(false);
  }
  return loaded;
}

/** The encoder's versions: another libvips may encode the same pixels into other bytes. */
export function encoderVersion(): string {
  return `sharp ${sharp().versions.sharp} libvips ${sharp().versions.vips}`;
}

/** An image decoded once, upright, in sRGB, at the largest size any product asks for: every file is made from it. */
export interface UprightPixels {
  data: Buffer;
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

/**
 * Decodes the whole image (a damaged or cut-short file fails here: libjpeg only warns), turns it upright by
 * its EXIF orientation, converts it to sRGB from its embedded profile (Adobe RGB, Display P3, CMYK) and
 * scales it down to `width` pixels wide. JPEG is decoded at a reduced scale where that is enough.
 */
export async function decodeUpright(bytes: Uint8Array, width: number): Promise<UprightPixels> {
  const { data, info } = await sharp()(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'warning' })
    .autoOrient()
    .resize({ width, withoutEnlargement: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, info: { width: info.width, height: info.height, channels: info.channels } };
}

/**
 * Encodes one variant, with no metadata at all (no EXIF, no GPS position, no camera serial, no profile:
 * the pixels are sRGB). A GIF's web and EPUB files keep its frames and are made from the source itself.
 */
export async function encodeVariant(pixels: UprightPixels, variant: ImageVariant, animated?: Uint8Array): Promise<Uint8Array> {
  const source = animated
    ? sharp()(animated, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'warning', animated: true }).autoOrient()
    : sharp()(pixels.data, { raw: pixels.info });
  const resized = source.resize({ width: variant.width, height: animated ? undefined : variant.height, fit: 'fill' });
  return new Uint8Array(await format(resized, variant).toBuffer());
}

function format(image: Sharp, variant: ImageVariant): Sharp {
  switch (variant.format) {
    case 'webp':
      return image.webp({ quality: 75, effort: 2, smartSubsample: true });
    case 'png':
      return image.png({ compressionLevel: 8 });
    case 'gif':
      return image.gif({ effort: 4 });
    case 'jpeg': {
      // The press copy's photos keep full colour resolution (4:4:4); the screen's are chroma-subsampled.
      const quality = { web: 78, epub: 82, download: 85, press: 92 }[variant.use];
      return image.flatten({ background: '#ffffff' }).jpeg({ quality, progressive: variant.use === 'web', chromaSubsampling: variant.use === 'press' ? '4:4:4' : '4:2:0' });
    }
  }
}
