import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, watch } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir } from '../helpers/build-fixture.ts';
import { waitForNoProcesses } from '../helpers/processes.ts';
import { runCli, startCli } from '../helpers/run-cli.ts';
import { copyFixture, listFiles, strayTempEntries, tempDir } from '../helpers/temp-fixture.ts';

let manuscriptDir: string;
let outDir: string;
let first: Map<string, Buffer>;

/** Every file of the output folder with its bytes. */
async function snapshot(): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const name of await listFiles(outDir)) files.set(name, await readFile(join(outDir, name)));
  return files;
}

/**
 * The same files as the first build, with the same bytes. `rebuilt` allows the PDFs to differ:
 * Chromium numbers the nodes of a tagged PDF's structure tree differently from run to run.
 */
function expectUnchanged(now: Map<string, Buffer>, rebuilt = false): void {
  expect([...now.keys()]).toEqual([...first.keys()]);
  for (const [name, bytes] of first) if (!(rebuilt && name.endsWith('.pdf'))) expect(now.get(name)?.equals(bytes), name).toBe(true);
}

beforeAll(async () => {
  manuscriptDir = await copyFixture('unseen');
  outDir = join(await tempDir('nothing-lost'), 'out');
  const result = await runCli(['--manuscript', manuscriptDir, '--out', outDir]);
  expect(result.code, result.stderr).toBe(0);
  first = await snapshot();
});

describe('a failed rebuild', () => {
  it('exits 1 and leaves every product byte-identical, with no stray file', async () => {
    await copyFile(join(fixtureDir('bad-front-matter'), 'a-wrong-values.md'), join(manuscriptDir, 'a-wrong-values.md'));
    try {
      const result = await runCli(['--manuscript', manuscriptDir, '--out', outDir]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/a-wrong-values\.md:3:7: error: /);
      expectUnchanged(await snapshot());
    } finally {
      await rm(join(manuscriptDir, 'a-wrong-values.md'));
    }
  });
});

/**
 * Points of a build, each known by the first change in the output folder whose file name matches: the
 * kill follows the event, wherever it falls in time. Most are near the end, where products are renamed.
 */
const KILL_POINTS: [string, RegExp | undefined][] = [
  ['as it starts', undefined],
  ['when it stages its first file', /^\..+\.\d+\.tmp$/],
  ['when it stages the download PDF', /^\.[^.]+\.pdf\.\d+\.tmp$/],
  ['when it stages the index, its last file', /^\.index\.html\.\d+\.tmp$/],
  ['when it renames the first product into place', /^[^.].*\.(html|pdf|epub)$/],
];

describe('a build killed with SIGKILL', () => {
  it.each(KILL_POINTS)('leaves whole, valid products when killed %s', async (_, point) => {
    const marker = `FOLIO_TEST_RUN=${randomUUID()}`;
    const [name = '', value = ''] = marker.split('=');
    let seen = point === undefined;
    const watcher = watch(outDir);
    // Forced: an unchanged build would reuse every product and write nothing.
    const { child, done } = startCli(['--manuscript', manuscriptDir, '--out', outDir, '--force'], { [name]: value });
    if (seen) child.kill('SIGKILL');
    watcher.on('change', (_event, file) => {
      if (seen || !point?.test(String(file))) return;
      seen = true;
      child.kill('SIGKILL');
    });
    await done;
    watcher.close();
    expect(seen, 'the build reached the point').toBe(true);
    expect(await waitForNoProcesses(marker), 'no Chromium outlives the build').toEqual([]);
    for (const product of await listFiles(outDir)) {
      const path = join(outDir, product);
      if (product.endsWith('.pdf')) expect(spawnSync('qpdf', ['--check', path]).status, product).toBe(0);
      if (product.endsWith('.epub')) expect(spawnSync('unzip', ['-tq', path]).status, product).toBe(0);
    }
    // Every product is there, and each one but the PDF has the bytes of the first build (the same input).
    const now = await snapshot();
    for (const product of first.keys()) expect(now.has(product), product).toBe(true);
    for (const [product, bytes] of now) if (/\.(html|epub|css|png|woff2)$/.test(product)) expect(bytes.equals(first.get(product) ?? Buffer.alloc(0)), product).toBe(true);
  });

  it('has its stale temporary files removed by the next build, and only those', async () => {
    const dead = spawnSync('true').pid;
    await writeFile(join(outDir, `.index.html.${dead}.tmp`), 'half a page');
    await writeFile(join(outDir, 'media', 'bao-cao-mua-vu', 'images', `.doi-che.png.${dead}.tmp`), 'half an image');
    await writeFile(join(outDir, `.index.html.${process.pid}.tmp`), 'a build that still runs');
    await writeFile(join(outDir, 'notes.tmp'), 'not a name the build gives');
    const result = await runCli(['--manuscript', manuscriptDir, '--out', outDir]);
    expect(result.code, result.stderr).toBe(0);
    const names = await listFiles(outDir);
    expect(names.filter((product) => product.endsWith('.tmp'))).toEqual([`.index.html.${process.pid}.tmp`, 'notes.tmp']);
    await rm(join(outDir, `.index.html.${process.pid}.tmp`));
    await rm(join(outDir, 'notes.tmp'));
    expectUnchanged(await snapshot(), true);
  });

  it("has its Chromium profile removed by the next build that starts Chromium, and no running build's", async () => {
    const dead = spawnSync('true').pid;
    const orphan = await mkdtemp(join(tmpdir(), `folio-chromium-${dead}-`));
    const live = await mkdtemp(join(tmpdir(), `folio-chromium-${process.pid}-`));
    const result = await runCli(['--manuscript', manuscriptDir, '--out', outDir, '--force']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(live)).toBe(true);
    await rm(live, { recursive: true });
  });
});

describe('a finished build', () => {
  // The full Chromium, which makes temporary files of its own (a lock and a socket), as well as the build's default.
  it.each([
    ['the default Chromium', {}],
    ['the full Chromium', { FOLIO_CHROMIUM: '/usr/lib/chromium/chromium' }],
  ])('leaves nothing in the temporary folder with %s', async (_, env: NodeJS.ProcessEnv) => {
    const scratch = await tempDir('scratch');
    const result = await runCli(['--manuscript', manuscriptDir, '--out', join(scratch, 'out'), '--force'], { ...env, TMPDIR: scratch });
    expect(result.code, result.stderr).toBe(0);
    expect(await strayTempEntries(scratch, ['out'])).toEqual([]);
  });
});
