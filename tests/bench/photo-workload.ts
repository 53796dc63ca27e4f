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

/** What the seed is built with: no photo, four camera photos, or four small photos that take the same places. */
interface Workload {
  label: string;
  photos: number;
  photo: () => Promise<Buffer>;
}

const WORKLOADS: Workload[] = [
  { label: 'seed alone (no photo)', photos: 0, photo: cameraPhoto },
  { label: `seed with ${PHOTOS} camera photos (6000 × 4000, 5 MB each)`, photos: PHOTOS, photo: cameraPhoto },
  // The same shape (3:2) and places: the pages laid out are the same, only the files are small.
  { label: `seed with ${PHOTOS} small photos (600 × 400, 50 kB each: the same pages)`, photos: PHOTOS, photo: () => cameraPhoto(600, 400) },
];

/** A copy of the seed in a folder of its own, with the workload's photos placed between its paragraphs. */
async function seedWithPhotos(seedPath: string, workload: Workload): Promise<{ dir: string; manuscript: string }> {
  const dir = await mkdtemp(join(tmpdir(), `folio-bench-photos-${workload.photos}-`));
  const text = await readFile(seedPath, 'utf8');
  const [front, ...rest] = text.split(/\n---\n/);
  const paragraphs = rest.join('\n---\n').split('\n\n');
  await mkdir(join(dir, 'images'));
  for (let index = 1; index <= workload.photos; index++) {
    await writeFile(join(dir, 'images', `anh-${index}.jpg`), await workload.photo());
    paragraphs.splice(index * 3, 0, `![Ảnh ${index} của phóng viên](images/anh-${index}.jpg "Ảnh ${index}.")`);
  }
  const manuscript = join(dir, 'bai.md');
  await writeFile(manuscript, `${front}\n---\n${paragraphs.join('\n\n')}`);
  return { dir, manuscript };
}

/** Rebuilds after a text edit per workload: each share is the median of as many paired differences. */
const EDIT_ROUNDS = 25;

/** The median of the differences `a[i] - b[i]` in milliseconds, with the middle half of them. */
function share(a: readonly number[], b: readonly number[]): string {
  const differences = a.map((time, index) => (time - (b[index] ?? 0)) * 1000).sort((x, y) => x - y);
  const at = (fraction: number) => (differences[Math.floor(fraction * (differences.length - 1))] ?? 0).toFixed(0);
  return `${median(differences).toFixed(0)} ms (middle half ${at(0.25)} to ${at(0.75)} ms)`;
}

/**
 * Rows for the benchmark's table: the seed without photos, with camera photos and with small photos in
 * the same places, cold (median of `rounds`) and rebuilt after a text edit. The rebuilds take turns, one
 * of each workload a round, the order turned every round, so that a share is a difference of runs made
 * side by side: the median of EDIT_ROUNDS differences, with the middle half of them. Each run is the
 * command line `folio`: a new process and a new Chromium.
 */
export async function photoRows(folio: string, seedPath: string, rounds = 5): Promise<string[]> {
  const workloads = await Promise.all(WORKLOADS.map(async (workload) => ({ ...workload, ...(await seedWithPhotos(seedPath, workload)), out: await mkdtemp(join(tmpdir(), 'folio-bench-photos-out-')) })));
  const build = (workload: (typeof workloads)[number]) => seconds(() => execFileSync(process.execPath, [folio, '--manuscript', workload.dir, '--out', workload.out], { stdio: 'ignore' }));
  const turn = <T,>(items: readonly T[], round: number) => [...items.slice(round % items.length), ...items.slice(0, round % items.length)];
  const cold = workloads.map(() => [] as number[]);
  const edited = workloads.map(() => [] as number[]);
  try {
    for (let round = 0; round < rounds; round++) {
      for (const index of turn([0, 1, 2], round)) {
        await rm(workloads[index]!.out, { recursive: true, force: true });
        cold[index]!.push(build(workloads[index]!));
      }
    }
    if ((await readdir(join(workloads[1]!.out, '.folio', 'images'))).length === 0) throw new Error('the photos were not cached');
    for (let round = 0; round < EDIT_ROUNDS; round++) {
      for (const index of turn([0, 1, 2], round)) {
        const workload = workloads[index]!;
        const text = await readFile(workload.manuscript, 'utf8');
        await writeFile(workload.manuscript, text.replace(/^Sửa lần \d+\. /m, '').replace(/\n\n([^!\n])/, `\n\nSửa lần ${round + 1}. $1`));
        edited[index]!.push(build(workload));
      }
    }
  } finally {
    for (const workload of workloads) await Promise.all([rm(workload.dir, { recursive: true, force: true }), rm(workload.out, { recursive: true, force: true })]);
  }
  const [alone = [], camera = [], small = []] = edited;
  return [
    ...workloads.flatMap((workload, index) => [
      `| ${workload.label}, cold, all products | ${median(cold[index] ?? []).toFixed(2)} s |`,
      `| ${workload.label}, after a text edit | ${median(edited[index] ?? []).toFixed(2)} s |`,
    ]),
    `| the camera photos' share of a rebuild after a text edit, against the seed alone (median of ${EDIT_ROUNDS} paired rounds) | ${share(camera, alone)} |`,
    `| of which their size: against small photos in the same places | ${share(camera, small)} |`,
  ];
}
