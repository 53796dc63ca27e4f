import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildError } from '../../scripts/errors.ts';
import { beginOutputs, commitOutputs, stageOutputs, writeOutputs } from '../../scripts/output.ts';
import { listFiles, tempDir } from '../helpers/temp-fixture.ts';

describe('writing the products', () => {
  it('stages every file beside its target inside the output folder, then renames it', async () => {
    const outDir = await tempDir('output');
    await writeOutputs(outDir, [
      { name: 'index.html', bytes: 'new index' },
      { name: 'media/article/images/photo.png', bytes: new Uint8Array([1, 2, 3]) },
    ]);
    expect(await listFiles(outDir)).toEqual(['index.html', 'media/article/images/photo.png']);
    expect(await readFile(join(outDir, 'index.html'), 'utf8')).toBe('new index');
  });

  it('keeps the previous products and removes its temporary files when a write fails', async () => {
    const outDir = await tempDir('output-fails');
    await writeFile(join(outDir, 'index.html'), 'previous index');
    // A file where a folder must go: the second product cannot be written once the first is staged.
    await writeFile(join(outDir, 'media'), 'in the way');
    await mkdir(join(outDir, 'assets'));
    const failure = await writeOutputs(outDir, [
      { name: 'index.html', bytes: 'new index' },
      { name: 'assets/web.css', bytes: 'new css' },
      { name: 'media/article/images/photo.png', bytes: new Uint8Array([1, 2, 3]) },
    ]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BuildError);
    expect((failure as BuildError).code).toBe('OUTPUT_NOT_WRITABLE');
    expect((failure as BuildError).message).toMatch(/^cannot write into .*: .*; choose another folder with --out DIR or fix its permissions$/);
    expect(await listFiles(outDir)).toEqual(['index.html', 'media']);
    expect(await readFile(join(outDir, 'index.html'), 'utf8')).toBe('previous index');
  });
});

describe('files already in place', () => {
  it('leaves a file with the same bytes untouched, and rewrites it when the staging rewrites all', async () => {
    const outDir = await tempDir('output-same');
    await writeFile(join(outDir, 'a.html'), 'same page');
    await writeFile(join(outDir, 'b.html'), 'old page');
    const before = await stat(join(outDir, 'a.html'));
    const staging = await beginOutputs(outDir);
    await stageOutputs(staging, [
      { name: 'a.html', bytes: 'same page' },
      { name: 'b.html', bytes: 'new page' },
    ]);
    expect(staging.staged.map((file) => file.target)).toEqual([join(outDir, 'b.html')]);
    await commitOutputs(staging);
    expect((await stat(join(outDir, 'a.html'))).ino).toBe(before.ino);
    expect(await readFile(join(outDir, 'b.html'), 'utf8')).toBe('new page');

    const forced = await beginOutputs(outDir, true);
    await stageOutputs(forced, [{ name: 'a.html', bytes: 'same page' }]);
    await commitOutputs(forced);
    expect((await stat(join(outDir, 'a.html'))).ino).not.toBe(before.ino);
    expect(await readFile(join(outDir, 'a.html'), 'utf8')).toBe('same page');
  });
});

describe('committing the products', () => {
  it('puts every replaced file back when a rename fails half-way, leaving the folder as it was', async () => {
    const outDir = await tempDir('output-commit');
    await writeFile(join(outDir, 'a.html'), 'previous a');
    await writeFile(join(outDir, 'c.html'), 'previous c');
    const staging = await beginOutputs(outDir);
    await stageOutputs(staging, [
      { name: 'a.html', bytes: 'new a' },
      { name: 'b.html', bytes: 'new b' },
      { name: 'c.html', bytes: 'new c' },
    ]);
    // The last staged file is gone before the commit (a disk fault): its rename fails after the first two.
    await rm((staging.staged.at(-1) as { temp: string }).temp);
    const failure = await commitOutputs(staging).catch((error: unknown) => error);
    expect((failure as BuildError).code).toBe('OUTPUT_NOT_WRITABLE');
    expect(await listFiles(outDir)).toEqual(['a.html', 'c.html']);
    expect(await readFile(join(outDir, 'a.html'), 'utf8')).toBe('previous a');
    expect(await readFile(join(outDir, 'c.html'), 'utf8')).toBe('previous c');
  });
});
