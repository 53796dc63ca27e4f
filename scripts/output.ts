import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BuildError } from './errors.ts';

/** A file to put into the output folder, by its path relative to it. */
export interface OutputFile {
  name: string;
  bytes: Uint8Array | string;
}

/**
 * Writes every file to a temporary name beside its target, then renames each into place: a reader
 * never sees half a file, and a build that fails while writing leaves the previous products and no
 * temporary files. The only module that writes into the output folder.
 */
export async function writeOutputs(outDir: string, files: readonly OutputFile[]): Promise<void> {
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const file of files) {
      const target = join(outDir, file.name);
      const temp = join(dirname(target), `.${file.name.split('/').pop()}.${process.pid}.tmp`);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(temp, file.bytes);
      staged.push({ temp, target });
    }
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw new BuildError('OUTPUT_NOT_WRITABLE', `cannot write into ${outDir}: ${(error as Error).message}; choose another folder with --out DIR or fix its permissions`, { cause: error });
  }
  for (const { temp, target } of staged) await rename(temp, target);
}
