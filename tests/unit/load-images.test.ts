import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImages } from '../../scripts/manuscript/load-images.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'folio-load-images-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Loads `name` from the folder as a manuscript there refers to it. */
async function load(name: string) {
  const file = new VFile({ path: join(dir, 'bai.md') });
  const [image] = await loadImages(file, [{ path: name, url: `media/bai/images/${name}`, place: { line: 3, column: 1 } }], dir, dir);
  return { image, messages: file.messages.map((message) => message.reason) };
}

describe('images a manuscript refers to', () => {
  it('reads an image checked before and unchanged since only when its bytes are asked for', async () => {
    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#336699' } }).jpeg().toBuffer();
    await writeFile(join(dir, 'photo.jpg'), photo);
    const first = await load('photo.jpg');
    expect(first.messages).toEqual([]);
    const again = await load('photo.jpg');
    expect([again.image?.type, again.image?.width, again.image?.height, again.image?.digest]).toEqual(['jpeg', 300, 200, first.image?.digest]);
    expect(Buffer.from((await again.image?.bytes()) ?? []).equals(photo)).toBe(true);
    // Its bytes were not taken when it was loaded: once it is gone, asking for them says so.
    await rm(join(dir, 'photo.jpg'));
    await expect(again.image?.bytes()).rejects.toThrow(/image photo\.jpg is gone/);
  });

  it('stops where an image changed between its check and the making of its files', async () => {
    await writeFile(join(dir, 'moving.png'), await sharp({ create: { width: 40, height: 30, channels: 3, background: '#aa0000' } }).png().toBuffer());
    await load('moving.png');
    const { image } = await load('moving.png');
    await writeFile(join(dir, 'moving.png'), await sharp({ create: { width: 40, height: 30, channels: 3, background: '#00aa00' } }).png().toBuffer());
    await expect(image?.bytes()).rejects.toThrow(/image moving\.png changed while the build was making its files: build again/);
  });
});
