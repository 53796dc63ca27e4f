import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

let version: string | undefined;

/**
 * The encoder's version: another libvips may encode the same pixels into other bytes. Read from sharp's
 * package file, not from sharp: loading libvips takes some 40 ms, which a rebuild that finds every image
 * in the cache need not spend. Each version of sharp pins the libvips it ships with.
 */
export function encoderVersion(): string {
  version ??= `sharp ${sharpPackageVersion()}`;
  return version;
}

/** The version in the package file of the sharp that the build loads. */
function sharpPackageVersion(): string {
  for (let dir = dirname(createRequire(import.meta.url).resolve('sharp')); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === 'sharp') return manifest.version ?? '';
  }
  return '';
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

/** The size of the corner whose cells tell stand-ins apart: 8 × 8 cells, each a block of the JPEG. */
const STAND_IN_MARK = 64;

/** Whether a paper edition's file gets a stand-in: a JPEG large enough to carry its mark, and to be worth it. */
export function hasStandIn(variant: ImageVariant): boolean {
  return variant.format === 'jpeg' && variant.width >= STAND_IN_MARK && variant.height >= STAND_IN_MARK;
}

/**
 * A stand-in for a paper edition's JPEG (see hasStandIn): of the same size and kind (baseline, three
 * channels, no metadata), a few kilobytes against hundreds. Chromium lays it out and prints it as it
 * would the file, which the PDF then gets instead (see products/placed-images.ts). It is flat grey but
 * for its top left corner: 8 × 8 cells, light or dark by the 64 bits of `label`'s hash, so that no two
 * stand-ins are the same bytes.
 */
export async function encodeStandIn(variant: ImageVariant, label: string): Promise<Uint8Array> {
  const bits = createHash('sha256').update(label).digest();
  const cell = STAND_IN_MARK / 8;
  const mark = Buffer.alloc(STAND_IN_MARK * STAND_IN_MARK * 3);
  for (let y = 0; y < STAND_IN_MARK; y++) {
    for (let x = 0; x < STAND_IN_MARK; x++) {
      const index = Math.floor(y / cell) * 8 + Math.floor(x / cell);
      mark.fill((bits[index >> 3]! >> (index & 7)) & 1 ? 0x60 : 0xc0, (y * STAND_IN_MARK + x) * 3, (y * STAND_IN_MARK + x + 1) * 3);
    }
  }
  // The corner, extended with grey to the full size: twice as quick as drawing the corner on a grey image.
  const marked = sharp()(mark, { raw: { width: STAND_IN_MARK, height: STAND_IN_MARK, channels: 3 } }).extend({ right: variant.width - STAND_IN_MARK, bottom: variant.height - STAND_IN_MARK, background: '#c0c0c0' });
  return new Uint8Array(await marked.jpeg({ quality: 10 }).toBuffer());
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
