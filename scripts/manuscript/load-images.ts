import { lstat, readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { imageSize } from 'image-size';
import type { VFile } from 'vfile';
import type { ImageReference } from '../markdown/rehype-local-images.ts';
import { insideFolder } from './inside-folder.ts';
import { isCompleteImage } from './is-complete-image.ts';

/** An image file a build may publish: read, checked, with its dimensions. */
export interface ImageAsset {
  url: string;
  bytes: Uint8Array;
  contentType: string;
  width: number;
  height: number;
}

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/**
 * Reads the images a manuscript refers to, each only if it is a regular file inside `root` (links that
 * point outside count as outside) in a format every product can carry. Problems are fatal messages.
 */
export async function loadImages(file: VFile, references: readonly ImageReference[], baseDir: string, root: string): Promise<ImageAsset[]> {
  const assets: ImageAsset[] = [];
  for (const reference of references) {
    const fail = (reason: string) => {
      const message = file.message(reason, { place: reference.place, ruleId: 'image-file', source: 'folio' });
      message.fatal = true;
    };
    const target = resolve(baseDir, reference.path);
    const info = await lstat(target).catch(() => undefined);
    if (!info) {
      fail(`image not found: ${reference.path} (looked for ${relative(process.cwd(), target) || target}); save the file there or correct the path`);
      continue;
    }
    const real = await insideFolder(root, target);
    if (!real) {
      fail(`image ${reference.path} is a link to a file outside the manuscript folder: copy the file itself under images/`);
      continue;
    }
    const bytes = await readFile(real).catch(() => undefined);
    if (!bytes || !(await lstat(real)).isFile()) {
      fail(`image ${reference.path} is not a readable file`);
      continue;
    }
    let size: ReturnType<typeof imageSize> | undefined;
    try {
      size = imageSize(bytes);
    } catch {
      size = undefined;
    }
    const contentType = size?.type ? TYPES[size.type] : undefined;
    if (!size?.type || !contentType || !size.width || !size.height || !isCompleteImage(bytes, size.type)) {
      fail(`image ${reference.path} is not a PNG, JPEG, GIF or WebP file (or it is damaged): export it again in one of those formats`);
      continue;
    }
    assets.push({ url: reference.url, bytes, contentType, width: size.width, height: size.height });
  }
  return assets;
}
