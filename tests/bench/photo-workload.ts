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

/** Rebuilds after a text edit per workload: the photos' share is the median of as many paired differences. */
const EDIT_ROUNDS = 15;

/**
 * Rows for the benchmark's table: the seed with and without the photos, cold (median of `rounds`), and
 * rebuilt after a text edit. The rebuilds take turns, one of each workload a round, the order swapped
 * every round, so that the photos' share is a difference of runs made side by side: the median of
 * EDIT_ROUNDS differences, with the middle half of them. Each run is the command line `folio`: a new
 * process and a new Chromium.
 */
export async function photoRows(folio: string, seedPath: string, rounds = 5): Promise<string[]> {
  const workloads = await Promise.all([0, PHOTOS].map(async (photos) => ({ photos, ...(await seedWithPhotos(seedPath, photos)), out: await mkdtemp(join(tmpdir(), 'folio-bench-photos-out-')) })));
  const build = (workload: (typeof workloads)[number], out = workload.out) => seconds(() => execFileSync(process.execPath, [folio, '--manuscript', workload.dir, '--out', out], { stdio: 'ignore' }));
  const cold = new Map(workloads.map((workload) => [workload, [] as number[]]));
  const edited = new Map(workloads.map((workload) => [workload, [] as number[]]));
  try {
    for (let round = 0; round < rounds; round++) {
      for (const workload of round % 2 ? [...workloads].reverse() : workloads) {
        await rm(workload.out, { recursive: true, force: true });
        cold.get(workload)?.push(build(workload));
      }
    }
    const [withPhotos] = workloads.filter((workload) => workload.photos > 0);
    if (withPhotos && (await readdir(join(withPhotos.out, '.folio', 'images'))).length === 0) throw new Error('the photos were not cached');
    for (let round = 0; round < EDIT_ROUNDS; round++) {
      for (const workload of round % 2 ? [...workloads].reverse() : workloads) {
        const text = await readFile(workload.manuscript, 'utf8');
        await writeFile(workload.manuscript, text.replace(/^Sửa lần \d+\. /m, '').replace(/\n\n([^!\n])/, `\n\nSửa lần ${round + 1}. $1`));
        edited.get(workload)?.push(build(workload));
      }
    }
  } finally {
    for (const workload of workloads) await Promise.all([rm(workload.dir, { recursive: true, force: true }), rm(workload.out, { recursive: true, force: true })]);
  }
  const rows = workloads.flatMap((workload) => {
    const label = workload.photos === 0 ? 'seed alone (no photo)' : `seed with ${workload.photos} camera photos (6000 × 4000, 5 MB each)`;
    return [`| ${label}, cold, all products | ${median(cold.get(workload) ?? []).toFixed(2)} s |`, `| ${label}, after a text edit | ${median(edited.get(workload) ?? []).toFixed(2)} s |`];
  });
  const [alone, photos] = workloads.map((workload) => edited.get(workload) ?? []);
  const shares = (photos ?? []).map((time, index) => (time - (alone?.[index] ?? 0)) * 1000).sort((a, b) => a - b);
  const quarter = (at: number) => shares[Math.floor(at * (shares.length - 1))] ?? 0;
  rows.push(`| the photos' share of a rebuild after a text edit (median of ${shares.length} paired rounds; middle half ${quarter(0.25).toFixed(0)} to ${quarter(0.75).toFixed(0)} ms) | ${median(shares).toFixed(0)} ms |`);
  return rows;
}
