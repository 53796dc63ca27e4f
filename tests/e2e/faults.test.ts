import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureDir } from '../helpers/build-fixture.ts';
import { waitForNoProcesses } from '../helpers/processes.ts';
import { runCli, type CliResult } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-fixture.ts';

const FAKE = fixtureDir('fake-chromium');
/** The real Chromium, sent FOLIO_FAKE_SIGNAL when the build first asks it for a PDF (see the fixture). */
const FAILS_WHILE_RENDERING = { FOLIO_CHROMIUM: join(FAKE, 'fails-while-rendering.sh'), FOLIO_FAKE_NODE: process.execPath };

/** Runs a build of `manuscriptDir` with `env`, marked so that every process it started can be found afterwards. */
async function buildMarked(manuscriptDir: string, env: NodeJS.ProcessEnv): Promise<{ result: CliResult; outDir: string; survivors: number[] }> {
  const marker = `FOLIO_TEST_RUN=${randomUUID()}`;
  const outDir = join(await tempDir('faults'), 'out');
  const result = await runCli(['--manuscript', manuscriptDir, '--out', outDir], { ...env, FOLIO_TEST_RUN: marker.slice('FOLIO_TEST_RUN='.length) });
  return { result, outDir, survivors: await waitForNoProcesses(marker) };
}

describe('no Chromium', () => {
  it('says how to install one, and writes nothing', async () => {
    const { result, outDir } = await buildMarked(fixtureDir('unseen'), { FOLIO_CHROMIUM: '/nonexistent/chromium' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: no Chromium at /nonexistent/chromium');
    expect(result.stderr).toContain('install Chromium with `sudo apt-get install chromium`');
    expect(existsSync(outDir)).toBe(false);
  });
});

describe('a Chromium that fails', () => {
  it('that never answers ends in a clear error after the timeout, its helpers gone', async () => {
    const { result, outDir, survivors } = await buildMarked(fixtureDir('unseen'), { FOLIO_CHROMIUM: join(FAKE, 'hang.sh'), FOLIO_BROWSER_TIMEOUT_MS: '1500' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: Chromium at .*hang\.sh did not answer within 1500 ms \(.*\): check that `.*hang\.sh --headless --version` runs/);
    expect(survivors).toEqual([]);
    expect(existsSync(outDir)).toBe(false);
  });

  it('that dies on start ends in a clear error', async () => {
    const { result, outDir, survivors } = await buildMarked(fixtureDir('unseen'), { FOLIO_CHROMIUM: join(FAKE, 'crash.sh') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: Chromium at .*crash\.sh failed to start \(.*\)/);
    expect(survivors).toEqual([]);
    expect(existsSync(outDir)).toBe(false);
  });

  it('that crashes while rendering ends in a clear error, its children gone', async () => {
    const { result, outDir, survivors } = await buildMarked(fixtureDir('unseen'), { ...FAILS_WHILE_RENDERING, FOLIO_FAKE_SIGNAL: 'KILL' });
    expect(result.code, result.stdout).toBe(1);
    expect(result.stderr).toMatch(/error: Chromium crashed while rendering \(.*\); nothing was written/);
    expect(survivors).toEqual([]);
    expect(existsSync(outDir)).toBe(false);
  });

  it('that hangs while rendering ends in a clear error after the timeout, its children gone', async () => {
    // Long enough that every step before the frozen one ends in time on a busy machine; the wait costs no work.
    const { result, outDir, survivors } = await buildMarked(fixtureDir('unseen'), { ...FAILS_WHILE_RENDERING, FOLIO_FAKE_SIGNAL: 'STOP', FOLIO_BROWSER_TIMEOUT_MS: '20000' });
    expect(result.code, result.stdout).toBe(1);
    expect(result.stderr).toMatch(/error: Chromium stopped responding for 20000 ms while rendering \(.*\); nothing was written\. Try again, or allow more time with FOLIO_BROWSER_TIMEOUT_MS/);
    expect(survivors).toEqual([]);
    expect(existsSync(outDir)).toBe(false);
  });

  it('refuses a timeout that is not a number of milliseconds', async () => {
    const { result } = await buildMarked(fixtureDir('unseen'), { FOLIO_BROWSER_TIMEOUT_MS: 'soon' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('FOLIO_BROWSER_TIMEOUT_MS=soon is not a number of milliseconds');
  });
});

describe('an output folder that cannot be written', () => {
  it('is a clear error when --out is a file, before anything is rendered', async () => {
    const file = join(await tempDir('out-file'), 'products.txt');
    await writeFile(file, 'not a folder');
    const result = await runCli(['--manuscript', fixtureDir('unseen'), '--out', file], { FOLIO_CHROMIUM: '/nonexistent/chromium' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: cannot write into ${file}: ${file} is a file, not a folder; choose another folder with --out DIR or fix its permissions\n`);
  });

  it('is a clear error when --out lies under a file', async () => {
    const file = join(await tempDir('out-under-file'), 'products.txt');
    await writeFile(file, 'not a folder');
    const result = await runCli(['--manuscript', fixtureDir('unseen'), '--out', join(file, 'web')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file} is a file, not a folder; choose another folder with --out DIR`);
  });
});
