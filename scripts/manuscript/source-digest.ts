import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';

/** The sha256 of a source file, with what the file system said of that file when it was hashed. */
export interface KnownDigest {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  digest: string;
}

/**
 * Hashes of source files, by device and inode, good while the file's size and its modification and
 * change times stay as they were. Every write sets the change time, which no tool can set back, so
 * bytes that may differ are always hashed again. A photo of megabytes is then read and hashed once: not
 * again by each step that needs its hash, nor by a later build that finds it unchanged (rememberDigests).
 */
const known = new Map<string, KnownDigest>();

const keyOf = (info: Pick<KnownDigest, 'dev' | 'ino'>) => `${info.dev}:${info.ino}`;

function unchanged(entry: KnownDigest, info: Stats): boolean {
  return entry.size === info.size && entry.mtimeMs === info.mtimeMs && entry.ctimeMs === info.ctimeMs;
}

/** The hash of `bytes`, just read from the file that `info` describes; not computed again while it is unchanged. */
export function digestOf(bytes: Uint8Array, info: Stats): string {
  const entry = known.get(keyOf(info));
  if (entry && unchanged(entry, info)) return entry.digest;
  const digest = createHash('sha256').update(bytes).digest('hex');
  known.set(keyOf(info), { dev: info.dev, ino: info.ino, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, digest });
  return digest;
}

/** The hash of the regular file at `path`, without reading it, where it was hashed and is unchanged since. */
export async function knownDigest(path: string): Promise<KnownDigest | undefined> {
  const info = await stat(path).catch(() => undefined);
  const entry = info?.isFile() ? known.get(keyOf(info)) : undefined;
  return entry && info && unchanged(entry, info) ? entry : undefined;
}

/** Takes the hashes an earlier build recorded (anything else is ignored); each serves only while its file is unchanged. */
export function rememberDigests(entries: unknown): void {
  if (!Array.isArray(entries)) return;
  for (const entry of entries as Partial<KnownDigest>[]) {
    const numbers = [entry?.dev, entry?.ino, entry?.size, entry?.mtimeMs, entry?.ctimeMs];
    if (!numbers.every((value) => typeof value === 'number' && Number.isFinite(value)) || typeof entry.digest !== 'string' || !/^[0-9a-f]{64}$/.test(entry.digest)) continue;
    const remembered = entry as KnownDigest;
    if (!known.has(keyOf(remembered))) known.set(keyOf(remembered), { ...remembered });
  }
}
