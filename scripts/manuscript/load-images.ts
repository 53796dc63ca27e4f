import type { Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { imageSize } from 'image-size';
import type { VFile } from 'vfile';
import { BuildError } from '../errors.ts';
import { excerpt } from '../excerpt.ts';
import { MAX_IMAGE_PIXELS, type LoadedImage } from '../images/image-variants.ts';
import type { ImageReference } from '../markdown/rehype-local-images.ts';
import { insideFolder } from './inside-folder.ts';
import { isCompleteImage } from './is-complete-image.ts';
import { readRegularFile } from './read-regular-file.ts';
import { digestOf, knownDigest, rememberImageHeader, type ImageHeader } from './source-digest.ts';

/** An image file a build may publish: read, its header checked, with its dimensions once turned upright. */
export type ImageAsset = LoadedImage;

/**
 * The largest image file a build reads. A photo for the web or for print is a few megabytes; 20 MB is
 * a 40-megapixel JPEG at the best quality. A larger file (or a sparse one that claims hundreds of
 * megabytes) is refused by its size, before it is read.
 */
export const MAX_IMAGE_BYTES = 20_000_000;

const TYPES: Record<string, ImageAsset['type']> = { png: 'png', jpg: 'jpeg', gif: 'gif', webp: 'webp' };

const HEIC_ADVICE = 'it is HEIC/HEIF, as an iPhone saves photos: export it as JPEG (on the iPhone, Settings › Camera › Formats › Most Compatible; on a Mac, Preview › File › Export › JPEG)';

/** Formats a newsroom receives that the products cannot carry, with how to export each (image-size's names). */
const EXPORT_ADVICE: Record<string, string> = {
  heic: HEIC_ADVICE,
  heif: HEIC_ADVICE,
  avif: 'it is AVIF: export it as JPEG or PNG',
  tiff: 'it is TIFF: export it as JPEG (a photo) or PNG (a diagram)',
  bmp: 'it is BMP: export it as PNG',
  psd: 'it is a Photoshop document: export it as JPEG (a photo) or PNG (a diagram)',
  svg: 'it is SVG, which is not published as an image yet: export it as PNG',
  ico: 'it is an icon file: export it as PNG',
};

/**
 * Reads the images a manuscript refers to, each only if it is a regular file inside `root` (links that
 * point outside count as outside), no larger than the limits, in a format every product can carry, whole
 * to its last byte. Problems are fatal messages at the image's place. Its pixels are decoded later, once,
 * as its products' files are made (see images/image-store.ts). An image that passed these checks in an
 * earlier build and is unchanged since (see source-digest.ts) is not read at all unless files must be
 * made of it: a rebuild after a text edit leaves a newsroom's megabytes of photos on the disk.
 */
export async function loadImages(file: VFile, references: readonly ImageReference[], baseDir: string, root: string): Promise<ImageAsset[]> {
  const assets: ImageAsset[] = [];
  for (const reference of references) {
    const fail = (reason: string) => {
      const message = file.message(reason, { place: reference.place, ruleId: 'image-file', source: 'folio' });
      message.fatal = true;
    };
    const shown = excerpt(reference.path);
    const located = await locateImage(reference, baseDir, root);
    if ('problem' in located) {
      fail(located.problem);
      continue;
    }
    const known = await unchangedImage(located.path, shown);
    if (known?.header && known.header.width * known.header.height <= MAX_IMAGE_PIXELS) {
      assets.push({ url: reference.url, ...known.header, digest: known.digest, bytes: known.bytes });
      continue;
    }
    const read = await readLocatedImage(located.path, shown);
    if ('problem' in read) {
      fail(read.problem);
      continue;
    }
    const { bytes, digest, info } = read;
    let size: ReturnType<typeof imageSize> | undefined;
    try {
      size = imageSize(bytes);
    } catch {
      size = undefined;
    }
    const type = size?.type ? TYPES[size.type] : undefined;
    const container = size?.type ?? isoMediaBrand(bytes);
    const advice = container ? EXPORT_ADVICE[container] : undefined;
    if (advice) {
      fail(`image ${shown} cannot be published: ${advice}`);
      continue;
    }
    if (!size?.type || !type || !size.width || !size.height || !isCompleteImage(bytes, size.type)) {
      fail(`image ${shown} is not a PNG, JPEG, GIF or WebP file (or it is damaged): export it again in one of those formats`);
      continue;
    }
    if (size.width * size.height > MAX_IMAGE_PIXELS) {
      fail(`image ${shown} is ${size.width} × ${size.height} pixels, more than the ${MAX_IMAGE_PIXELS / 1e6} megapixels an image may have: scale it down`);
      continue;
    }
    const turned = (size.orientation ?? 1) >= 5;
    const header = { type, width: turned ? size.height : size.width, height: turned ? size.width : size.height };
    rememberImageHeader(info, header);
    assets.push({ url: reference.url, ...header, digest, bytes: async () => bytes });
  }
  return assets;
}

/**
 * The format an ISO media file (HEIC, AVIF) declares in its `ftyp` box, read even where image-size cannot
 * read the rest: a phone's HEIC must be named as such, not called damaged.
 */
function isoMediaBrand(bytes: Uint8Array): string | undefined {
  if (Buffer.from(bytes.subarray(4, 8)).toString('latin1') !== 'ftyp') return undefined;
  const brand = Buffer.from(bytes.subarray(8, 12)).toString('latin1');
  if (/^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(brand)) return 'heic';
  return /^avi[fs]$/.test(brand) ? 'avif' : undefined;
}

/**
 * The image file a reference names, by its real path: there, and inside `root` once links are
 * followed; otherwise what is wrong with it, said to the author.
 */
export async function locateImage(reference: Pick<ImageReference, 'path'>, baseDir: string, root: string): Promise<{ path: string } | { problem: string }> {
  const shown = excerpt(reference.path);
  const target = await findTarget(baseDir, reference.path);
  if (!target.found) return { problem: `image not found: ${shown} (looked for ${excerpt(relative(process.cwd(), target.path) || target.path)}); save the file there or correct the path` };
  const real = await insideFolder(root, target.path);
  if (!real) return { problem: `image ${shown} is a link to a file outside the manuscript folder: copy the file itself under images/` };
  return { path: real };
}

/** The bytes and hash of the image file at `path` (see locateImage), if it is a regular file no larger than MAX_IMAGE_BYTES. */
async function readLocatedImage(path: string, shown: string): Promise<{ bytes: Buffer; digest: string; info: Stats } | { problem: string }> {
  const read = await readRegularFile(path, MAX_IMAGE_BYTES);
  if (read.kind === 'too-large') {
    return { problem: `image ${shown} is ${(read.size / 1e6).toFixed(1)} MB, more than the ${MAX_IMAGE_BYTES / 1e6} MB an image may have: export it smaller (a photo needs at most a few megabytes)` };
  }
  if (read.kind !== 'file') return { problem: `image ${shown} is ${read.kind === 'missing' ? 'gone' : read.what}, not a readable file: save the image itself there` };
  return { bytes: read.bytes, digest: digestOf(read.bytes, read.info), info: read.info };
}

/** The hash and bytes of the image file at `path` (see locateImage): read now unless it is unchanged (see unchangedImage). */
export async function imageSource(path: string, shown: string): Promise<{ digest: string; bytes: () => Promise<Uint8Array> } | { problem: string }> {
  const known = await unchangedImage(path, shown);
  if (known) return known;
  const read = await readLocatedImage(path, shown);
  return 'problem' in read ? read : { digest: read.digest, bytes: async () => read.bytes };
}

/**
 * The image file at `path` (see locateImage) as an earlier build hashed it, where it is unchanged since,
 * with its header where that build checked it, and its bytes read only if they are asked for: then the
 * bytes it had, or an error if it was changed or removed meanwhile. Undefined where it must be read now.
 */
async function unchangedImage(path: string, shown: string): Promise<{ digest: string; header?: ImageHeader; bytes: () => Promise<Uint8Array> } | undefined> {
  const known = await knownDigest(path);
  if (!known) return undefined;
  const bytes = async () => {
    const read = await readLocatedImage(path, shown);
    if ('problem' in read) throw new BuildError('IMAGE_CHANGED', read.problem);
    if (read.digest !== known.digest) throw new BuildError('IMAGE_CHANGED', `image ${shown} changed while the build was making its files: build again`);
    return read.bytes;
  };
  return { digest: known.digest, ...(known.image ? { header: known.image } : {}), bytes };
}

/**
 * The file a reference names. The manuscript's text is NFC, but a file saved on macOS or copied from
 * it may carry its name in NFD: the same letters, other bytes. Both are looked for.
 */
async function findTarget(baseDir: string, path: string): Promise<{ path: string; found: boolean }> {
  for (const name of new Set([path, path.normalize('NFD'), path.normalize('NFC')])) {
    const candidate = resolve(baseDir, name);
    if (await lstat(candidate).then(() => true, () => false)) return { path: candidate, found: true };
  }
  return { path: resolve(baseDir, path), found: false };
}
