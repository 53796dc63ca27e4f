import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir } from '../helpers/build-fixture.ts';
import { runCli, type CliResult } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-fixture.ts';

let outDir: string;
let result: CliResult;

beforeAll(async () => {
  const dir = await tempDir('special-files');
  await copyFile(join(fixtureDir('template-syntax'), 'mustache.md'), join(dir, 'mustache.md'));
  execFileSync('mkfifo', [join(dir, 'pipe.md')]);
  await mkdir(join(dir, 'folder.md'));
  outDir = join(await tempDir('special-files-out'), 'out');
  result = await runCli(['--manuscript', dir, '--out', outDir]);
});

describe('a named pipe and a folder whose names end in .md', () => {
  it('are no manuscripts: the build neither waits on the pipe nor fails on the folder', async () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await readdir(outDir)).filter((name) => !name.startsWith('.')).sort()).toEqual([
      'assets',
      'index.html',
      'mustache.booklet.pdf',
      'mustache.epub',
      'mustache.html',
      'mustache.pdf',
      'mustache.print.pdf',
    ]);
  });
});
