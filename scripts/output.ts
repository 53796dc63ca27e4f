import { access, constants, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { BuildError } from './errors.ts';

/** A file to put into the output folder, by its path relative to it. */
export interface OutputFile {
  name: string;
  bytes: Uint8Array | string;
}

/** `.<name>.<pid>.tmp`: the temporary name a build gives a file before renaming it into place. */
const TEMP_NAME = /^\..+\.(\d+)\.tmp$/;

/**
 * Writes every file to a temporary name beside its target, then renames each into place: a reader
 * never sees half a file, and a build that fails while writing leaves the previous products and no
 * temporary files. The only module that writes into the output folder.
 */
export async function writeOutputs(outDir: string, files: readonly OutputFile[]): Promise<void> {
  const staged: { temp: string; target: string }[] = [];
  const folders = new Set<string>();
  try {
    // Every folder, also those of reused publications that this build does not write into.
    await removeStaleTemps(outDir);
    for (const file of files) {
      const target = join(outDir, file.name);
      const temp = join(dirname(target), `.${file.name.split('/').pop()}.${process.pid}.tmp`);
      if (!folders.has(dirname(target))) {
        await mkdir(dirname(target), { recursive: true });
        folders.add(dirname(target));
      }
      await writeFile(temp, file.bytes);
      staged.push({ temp, target });
    }
    for (const { temp, target } of staged) await rename(temp, target);
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw Object.assign(notWritable(outDir, (error as Error).message), { cause: error });
  }
}

/**
 * Fails early, before anything is rendered, when `outDir` cannot become a writable folder: it or a
 * folder above it is a file, or the nearest existing folder is not writable. Creates nothing.
 */
export async function checkOutputFolder(outDir: string): Promise<void> {
  let path = resolve(outDir);
  for (;;) {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' || error.code === 'ENOTDIR' ? undefined : error));
    if (info instanceof Error) throw notWritable(outDir, `${path}: ${info.message}`);
    if (info && !info.isDirectory()) throw notWritable(outDir, `${path} is a file, not a folder`);
    if (info) {
      await access(path, constants.W_OK | constants.X_OK).catch(() => {
        throw notWritable(outDir, `${path} is not writable`);
      });
      return;
    }
    path = dirname(path);
  }
}

function notWritable(outDir: string, why: string): BuildError {
  return new BuildError('OUTPUT_NOT_WRITABLE', `cannot write into ${outDir}: ${why}; choose another folder with --out DIR or fix its permissions`);
}

/**
 * Removes the temporary files a killed build left in `folder` and the folders below it: only names of this module's pattern,
 * and only of processes that no longer run, so that a concurrent build keeps its own.
 */
async function removeStaleTemps(folder: string): Promise<void> {
  for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
    if (entry.isDirectory()) {
      await removeStaleTemps(join(folder, entry.name));
      continue;
    }
    const pid = TEMP_NAME.exec(entry.name)?.[1];
    if (pid && !isRunning(Number(pid))) await rm(join(folder, entry.name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
