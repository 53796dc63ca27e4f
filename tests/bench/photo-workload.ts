// The photos' share of a build: the seed alone and the seed with four camera photos (6000 × 4000 JPEGs
// of 5 MB, sideways with EXIF orientation, GPS), each built from cold and rebuilt after a text edit that
// leaves the photos as they were (their files come from the image cache).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cameraPhoto } from '../helpers/newsroom-photos.ts';

const PHOTOS = 4;

function seconds(run: () => void): number {
  const started = performance.now();
  run();
  return (performance.now() - started) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** A copy of the seed in a folder of its own, with `photos` camera photos placed between its paragraphs. */
async function seedWithPhotos(seedPath: string, photos: number): Promise<{ dir: string; manuscript: string }> {
  const dir = await mkdtemp(join(tmpdir(), `folio-bench-photos-${photos}-`));
  const text = await readFile(seedPath, 'utf8');
  const [front, ...rest] = text.split(/\n---\n/);
  const paragraphs = rest.join('\n---\n').split('\n\n');
  await mkdir(join(dir, 'images'));
  for (let index = 1; index <= photos; index++) {
    await writeFile(join(dir, 'images', `anh-${index}.jpg`), await cameraPhoto());
    paragraphs.splice(index * 3, 0, `![Ảnh ${index} của phóng viên](images/anh-${index}.jpg "Ảnh ${index}.")`);
  }
  const manuscript = join(dir, 'bai.md');
  await writeFile(manuscript, `${front}\n---\n${paragraphs.join('\n\n')}`);
  return { dir, manuscript };
}

/**
 * Rows for the benchmark's table: the seed with and without the photos, cold and after a text edit,
 * medians of `rounds` runs of the command line `folio` (a new process, a new Chromium each).
 */
export async function photoRows(folio: string, seedPath: string, rounds = 5): Promise<string[]> {
  const rows: string[] = [];
  const edits: Record<number, number> = {};
  for (const photos of [0, PHOTOS]) {
    const { dir, manuscript } = await seedWithPhotos(seedPath, photos);
    const build = (out: string) => execFileSync(process.execPath, [folio, '--manuscript', dir, '--out', out], { stdio: 'ignore' });
    const cold: number[] = [];
    const edited: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const out = await mkdtemp(join(tmpdir(), 'folio-bench-photos-out-'));
      cold.push(seconds(() => build(out)));
      const text = await readFile(manuscript, 'utf8');
      await writeFile(manuscript, text.replace(/\n\n([^!\n])/, `\n\nSửa lần ${round + 1}. $1`));
      edited.push(seconds(() => build(out)));
      if (photos > 0 && round === 0) {
        const made = (await readdir(join(out, '.folio', 'images'))).length;
        if (made === 0) throw new Error('the photos were not cached');
      }
      await rm(out, { recursive: true, force: true });
    }
    edits[photos] = median(edited);
    const label = photos === 0 ? 'seed alone (no photo)' : `seed with ${photos} camera photos (6000 × 4000, 5 MB each)`;
    rows.push(`| ${label}, cold, all products | ${median(cold).toFixed(2)} s |`);
    rows.push(`| ${label}, after a text edit | ${median(edited).toFixed(2)} s |`);
    await rm(dir, { recursive: true, force: true });
  }
  rows.push(`| the photos' share of a rebuild after a text edit | ${(((edits[PHOTOS] as number) - (edits[0] as number)) * 1000).toFixed(0)} ms |`);
  return rows;
}
