import { existsSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { access, constants, link, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { BuildError } from './errors.ts';
import { asBuffer } from './file-bytes.ts';
import { onInterrupt } from './interrupts.ts';
import { mapLimit } from './map-limit.ts';

/** A file to put into the output folder, by its path relative to it. */
export interface OutputFile {
  name: string;
  bytes: Uint8Array | string;
}

/** `.<name>.<pid>.tmp`: the temporary name a build gives a file before renaming it into place. */
const TEMP_NAME = /^\..+\.(\d+)\.tmp$/;

/** Files written under temporary names, waiting to be renamed into place all together. */
export interface Staging {
  outDir: string;
  /** Each file's temporary name, its target, and the second name the file it replaces gets during the commit. */
  staged: { temp: string; target: string; previous: string }[];
  /** Every file's name, staged or already in place as it is. */
  names: Set<string>;
  /** Write every file, even one already in place byte for byte (a forced build). */
  rewrite: boolean;
  /** The folders files are staged in, each ready once made where it was missing. */
  folders: Map<string, Promise<void>>;
  /** The folders the staging made: a build that does not complete removes them. */
  made: string[];
  /** The files renamed into place so far by commitOutputs, with where each file it replaced is kept. */
  committed: { target: string; previous?: string }[];
  /** Set once every file is in place: the build is done, whatever comes after. */
  complete?: boolean;
}

/** Stagings under way in this process, each undone if the process is interrupted (see onInterrupt). */
const active = new Map<Staging, () => void>();

/**
 * On an interrupt (Ctrl-C, a kill): undoes a commit half done and removes every temporary file. The
 * output folder is left as it was before the build, or, when every file was already in place, as the
 * build made it.
 */
function undoStaging(staging: Staging): void {
  const committed = new Set(staging.committed.map((entry) => entry.target));
  // Every staged file, not only those the commit has listed: a second name may exist on disk before
  // the commit has heard back that it was made.
  for (const { temp, target, previous } of [...staging.staged].reverse()) {
    try {
      if (!staging.complete && existsSync(previous)) renameSync(previous, target);
      else if (!staging.complete && committed.has(target)) rmSync(target, { force: true });
      rmSync(previous, { force: true });
      rmSync(temp, { force: true });
    } catch {
      // Nothing more can be done in a signal handler; the next build removes stale temporary files.
    }
  }
  if (!staging.complete) for (const folder of deepestFirst(staging.made)) rmdirQuietly(folder);
}

/** Folders, those inside others first. */
function deepestFirst(folders: readonly string[]): string[] {
  return [...folders].sort((a, b) => b.length - a.length);
}

/** Removes a folder if it is empty (a folder a build made and left nothing in); never throws. */
function rmdirQuietly(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    // Not empty, or gone already.
  }
}

function finish(staging: Staging): void {
  active.get(staging)?.();
  active.delete(staging);
}

/**
 * Starts writing into `outDir`: removes the temporary files of builds that no longer run, in every
 * folder (also those of reused publications that this build does not write into). With `rewrite`,
 * every file is written, even one already in place byte for byte.
 */
export async function beginOutputs(outDir: string, rewrite = false): Promise<Staging> {
  await removeStaleTemps(outDir);
  const staging: Staging = { outDir, staged: [], names: new Set(), rewrite, folders: new Map(), made: [], committed: [] };
  active.set(staging, onInterrupt(() => undoStaging(staging)));
  return staging;
}

/**
 * Writes files under temporary names beside their targets, as soon as they are made, so that a large
 * build does not hold every product in memory; nothing a reader sees changes until commitOutputs. A
 * file already there byte for byte is left as it is, unless the staging rewrites all: its date stays,
 * and a tool that uploads changed files (every page is made again at each build) uploads nothing.
 */
export async function stageOutputs(staging: Staging, files: readonly OutputFile[]): Promise<void> {
  for (const file of files) {
    // Two files of one build under one name would share a temporary file, and one would silently win.
    if (staging.names.has(file.name)) throw new Error(`${file.name} was made twice in one build`);
    staging.names.add(file.name);
  }
  // Side by side: each file waits mostly on the disk. Every one settles before a failure is reported,
  // so that no write goes on after the build has given up.
  const failures = await mapLimit(files, FILES_AT_ONCE, (file) => stageFile(staging, file).then(() => undefined, (error: unknown) => error as Error));
  const failure = failures.find((error) => error !== undefined);
  if (failure) throw Object.assign(notWritable(staging.outDir, failure.message), { cause: failure });
}

/** Files compared or written at once by stageOutputs. */
const FILES_AT_ONCE = 8;

/** Writes one file under its temporary name, unless it is in place byte for byte and the staging does not rewrite all. */
async function stageFile(staging: Staging, file: OutputFile): Promise<void> {
  const target = join(staging.outDir, file.name);
  if (!staging.rewrite && (await sameBytes(target, file.bytes))) return;
  const temp = join(dirname(target), `.${file.name.split('/').pop()}.${process.pid}.tmp`);
  const folder = dirname(target);
  let ready = staging.folders.get(folder);
  if (!ready) {
    ready = mkdir(folder, { recursive: true }).then((first) => {
      // mkdir names the outermost folder it made; it made every one from there down to `folder`.
      for (let made = folder; first !== undefined && made.length >= first.length; made = dirname(made)) staging.made.push(made);
    });
    staging.folders.set(folder, ready);
  }
  await ready;
  // Listed before it is written: a write that fails half-way (a full disk) leaves a file to remove.
  staging.staged.push({ temp, target, previous: join(dirname(target), `.${file.name.split('/').pop()}.old.${process.pid}.tmp`) });
  await writeFile(temp, file.bytes);
}

async function sameBytes(path: string, bytes: Uint8Array | string): Promise<boolean> {
  const current = await readFile(path).catch(() => undefined);
  return current !== undefined && current.equals(asBuffer(bytes));
}

/**
 * Renames every staged file into place: a reader never sees half a file. All or nothing: each file it
 * replaces is kept aside until every rename has succeeded, and put back if one fails, so that a build
 * that fails here leaves the output folder as it was.
 */
export async function commitOutputs(staging: Staging): Promise<void> {
  const done = staging.committed;
  try {
    for (const { temp, target, previous } of staging.staged) {
      // A second name for the file being replaced, not a move: the target is never missing, even to a
      // build killed between the two steps.
      const replaced = await link(target, previous).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return false;
          throw error;
        },
      );
      done.push(replaced ? { target, previous } : { target });
      await rename(temp, target);
    }
  } catch (error) {
    for (const { target, previous } of [...done].reverse()) {
      // rename() leaves both names where they already are one file (a target never replaced): rm then.
      if (previous) await rename(previous, target).then(() => rm(previous, { force: true }), () => undefined);
      else await rm(target, { force: true });
    }
    done.length = 0;
    await abandonOutputs(staging);
    throw Object.assign(notWritable(staging.outDir, (error as Error).message), { cause: error });
  }
  // Every file is in place: from here an interrupt only removes what is left of the old files.
  staging.complete = true;
  await Promise.all(done.map(({ previous }) => (previous ? rm(previous, { force: true }) : undefined)));
  finish(staging);
}

/**
 * Removes files of the output folder, by their paths relative to it, and then the folders they leave
 * empty (a withdrawn publication's media folder).
 */
export async function removeOutputs(outDir: string, names: readonly string[]): Promise<void> {
  const folders = new Set<string>();
  for (const name of names) {
    await rm(join(outDir, name), { force: true });
    for (let folder = dirname(name); folder !== '.' && folder !== ''; folder = dirname(folder)) folders.add(folder);
  }
  // Deepest first; a folder that still holds anything stays.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) await rmdir(join(outDir, folder)).catch(() => undefined);
}

/** Removes every staged file: a build that failed leaves the previous products and no temporary file. */
export async function abandonOutputs(staging: Staging): Promise<void> {
  finish(staging);
  await Promise.all(staging.staged.map(({ temp }) => rm(temp, { force: true })));
  // Deepest first: the output folder itself goes last, if this build made it and nothing is left in it.
  for (const folder of deepestFirst(staging.made)) rmdirQuietly(folder);
}

/**
 * Writes every file to a temporary name beside its target, then renames each into place. The only
 * module that writes into the output folder.
 */
export async function writeOutputs(outDir: string, files: readonly OutputFile[]): Promise<void> {
  const staging = await beginOutputs(outDir);
  try {
    await stageOutputs(staging, files);
  } catch (error) {
    await abandonOutputs(staging);
    throw error;
  }
  await commitOutputs(staging);
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

/** The size of a file's content in bytes, text counted as UTF-8. */
export function byteLength(bytes: Uint8Array | string): number {
  return typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
}
