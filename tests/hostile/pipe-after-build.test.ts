import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { copyFixture, tempDir } from '../helpers/temp-fixture.ts';

describe('a source replaced by a named pipe after a good build', () => {
  it('is reported at its place by the next build, which does not wait on the pipe', async () => {
    const dir = await copyFixture('unseen');
    const outDir = join(await tempDir('pipe-after-build'), 'out');
    expect((await runCli(['--manuscript', dir, '--out', outDir])).code).toBe(0);
    // The record of the good build lists the image: checking it must not open the pipe for reading.
    await rm(join(dir, 'images', 'doi-che.png'));
    execFileSync('mkfifo', [join(dir, 'images', 'doi-che.png')]);
    const result = await runCli(['--manuscript', dir, '--out', outDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bao-cao-mua-vu\.md:\d+:\d+: error: image images\/doi-che\.png .*named pipe/);
  });
});
