import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { loadArticle } from '../../scripts/manuscript/load-article.ts';
import { solidPng } from '../helpers/png.ts';
import { copyFixture } from '../helpers/temp-fixture.ts';
import { mkdir, writeFile } from 'node:fs/promises';

const NAME = 'đồng-lúa-chín.png';
let dir: string;

beforeAll(async () => {
  dir = await copyFixture('smaller-gaps', {
    // 45 KB: a longer one would make its paragraph longer than a paragraph may be.
    DATA: `data:image/png;base64,${'iVBORw0KGgo'.repeat(4_000)}`,
    SPANS: `${'<span>'.repeat(60_000)}sâu${'</span>'.repeat(60_000)}`,
  });
  // Saved as macOS names files: decomposed letters, the same name to a reader, other bytes on disk.
  // (The folder is made here: git keeps no empty folder in the fixture.)
  await mkdir(join(dir, 'images'), { recursive: true });
  await writeFile(join(dir, 'images', NAME.normalize('NFD')), solidPng(40, 30, [200, 180, 40]));
});

/** The messages of loading a manuscript of the fixture, as `line:column reason`. */
async function load(name: string): Promise<{ file: VFile; messages: string[] }> {
  const loaded = await loadArticle(join(dir, name), name, dir);
  const file = 'file' in loaded ? loaded.file : loaded;
  return { file, messages: file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`) };
}

describe('smaller gaps', () => {
  it('finds an image saved under a decomposed (NFD) name', async () => {
    const { file, messages } = await load('nfd-image.md');
    expect(messages).toEqual([]);
    expect(file.messages.some((message) => message.fatal)).toBe(false);
  });

  it('quotes only the start of a 45 KB data: address', async () => {
    const { messages } = await load('data-url.md');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^12:1 remote image `data:image\/png;base64,iVBORw0KGgo[A-Za-z0-9]*… \(44,022 characters\)` is never fetched/);
    expect(messages[0]?.length).toBeLessThan(300);
  });

  it('names the place where raw HTML nests too deeply, not 1:1', async () => {
    const { messages } = await load('nested-spans.md');
    expect(messages).toEqual([`12:${'Đoạn văn '.length + 100 * '<span>'.length + 1} raw HTML elements nested more than 100 deep here, deeper than the build can process: flatten the nesting or close the elements`]);
  });
});
