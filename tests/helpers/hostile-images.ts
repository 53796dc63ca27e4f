import { execFileSync } from 'node:child_process';
import { mkdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { solidPng } from './png.ts';

/** The IEND chunk that ends every PNG: kept on a cut file so that only decoding can tell. */
const IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** A photo-like image: noise compresses badly, so that half of the file is half of the pixels. */
function noise(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
}

/**
 * Writes into `dir/images/` the hostile images of tests/fixtures/image-limits: made here, because a bomb,
 * a sparse file, a pipe and a folder have no place in the repository.
 */
export async function writeHostileImages(dir: string): Promise<void> {
  const images = join(dir, 'images');
  // A 30000 × 30000 PNG whose first rows only are there: its header is what a decoder would trust.
  const bomb = solidPng(1, 1, [0, 0, 0]);
  bomb.writeUInt32BE(30000, 16);
  bomb.writeUInt32BE(30000, 20);
  await writeFile(join(images, 'bomb.png'), bomb);
  const jpeg = await noise(300, 200).jpeg().toBuffer();
  const huge = Buffer.from(jpeg);
  const frame = huge.findIndex((byte, index) => byte === 0xff && (huge[index + 1] === 0xc0 || huge[index + 1] === 0xc2));
  huge.writeUInt16BE(65500, frame + 5);
  huge.writeUInt16BE(65500, frame + 7);
  await writeFile(join(images, 'huge.jpg'), huge);
  await writeFile(join(images, 'cut.jpg'), Buffer.concat([jpeg.subarray(0, jpeg.length >> 1), Buffer.from([0xff, 0xd9])]));
  const png = await noise(300, 200).png().toBuffer();
  await writeFile(join(images, 'cut.png'), Buffer.concat([png.subarray(0, png.length >> 1), IEND]));
  await writeFile(join(images, 'sparse.png'), png);
  await truncate(join(images, 'sparse.png'), 700_000_000);
  execFileSync('mkfifo', [join(images, 'pipe.png')]);
  await mkdir(join(images, 'folder.png'));
}
