import { randomUUID } from 'node:crypto';
import { watch } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForNoProcesses } from '../helpers/processes.ts';
import { runCli, startCli } from '../helpers/run-cli.ts';
import { copyFixture, folderSnapshot, strayTempEntries, tempDir } from '../helpers/temp-fixture.ts';

const ARTICLE = 'bao-cao-mua-vu.md';
let manuscriptDir: string;
let builtDir: string;
let before: Map<string, string>;
let after: Map<string, string>;

beforeAll(async () => {
  // The output of the manuscript as it was, and of the manuscript as the interrupted build finds it.
  manuscriptDir = await copyFixture('unseen');
  builtDir = join(await tempDir('interrupt'), 'out');
  expect((await runCli(['--manuscript', manuscriptDir, '--out', builtDir])).code).toBe(0);
  before = await folderSnapshot(builtDir);
  const path = join(manuscriptDir, ARTICLE);
  await writeFile(path, `${await readFile(path, 'utf8')}\nMột đoạn viết thêm sau lần xuất bản đầu.\n`);
  const changedDir = join(await tempDir('interrupt-changed'), 'out');
  expect((await runCli(['--manuscript', manuscriptDir, '--out', changedDir])).code).toBe(0);
  after = await folderSnapshot(changedDir);
  expect(after).not.toEqual(before);
});

/** Points of a build, each known by the first change in the output folder whose name matches. */
const POINTS: [string, RegExp][] = [
  ['when it stages its first file', /^\..+\.\d+\.tmp$/],
  ['when it renames the first product into place', /^[^.].*\.(html|pdf|epub)$/],
];

describe('a build interrupted with Ctrl-C (SIGINT)', () => {
  it.each(POINTS)('leaves the output folder as it was or wholly new, and nothing behind, %s', async (_, point) => {
    const outDir = join(await tempDir('interrupt-run'), 'out');
    await cp(builtDir, outDir, { recursive: true });
    const processTemp = join(await tempDir('interrupt-tmp'), 'tmp');
    await mkdir(processTemp);
    const marker = `FOLIO_TEST_RUN=${randomUUID()}`;
    let seen = false;
    const watcher = watch(outDir);
    const { child, done } = startCli(['--manuscript', manuscriptDir, '--out', outDir], { TMPDIR: processTemp, FOLIO_TEST_RUN: marker.split('=')[1] ?? '' });
    watcher.on('change', (_event, file) => {
      if (seen || !point.test(String(file))) return;
      seen = true;
      child.kill('SIGINT');
    });
    const result = await done;
    watcher.close();
    expect(seen, 'the build reached the point').toBe(true);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await waitForNoProcesses(marker), 'no Chromium outlives the build').toEqual([]);
    const now = await folderSnapshot(outDir);
    expect([...now.keys()].filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // Never a mix: either the interrupt came first and nothing changed, or every file was already in place
    // (the signal may still end the process, if it lands between the last rename and the exit).
    if (result.signal === 'SIGINT') expect([before, after]).toContainEqual(now);
    else expect(now).toEqual(after);
    expect(await strayTempEntries(processTemp)).toEqual([]);
  });
});
