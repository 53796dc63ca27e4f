import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';

/** What an image's header says, once its file has passed every check a build makes of it (see load-images.ts). */
export interface ImageHeader {
  type: 'jpeg' | 'png' | 'gif' | 'webp';
  /** As shown, once turned upright. */
  width: number;
  height: number;
}

/** The sha256 of a source file, with what the file system said of that file when it was hashed. */
export interface KnownDigest {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  digest: string;
  /** For an image: its header, so that an unchanged image need not be read to be published again. */
  image?: ImageHeader;
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

/** Remembers what the header of the image just hashed from the file `info` describes says. */
export function rememberImageHeader(info: Stats, image: ImageHeader): void {
  const entry = known.get(keyOf(info));
  if (entry && unchanged(entry, info)) entry.image = { ...image };
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
    const { dev, ino, size, mtimeMs, ctimeMs, digest } = entry as KnownDigest;
    const image = imageHeader(entry.image);
    if (!known.has(keyOf(entry as KnownDigest))) known.set(keyOf(entry as KnownDigest), { dev, ino, size, mtimeMs, ctimeMs, digest, ...(image ? { image } : {}) });
  }
}

/** An image header as a record gave it; undefined where it is not one a build writes. */
function imageHeader(value: unknown): ImageHeader | undefined {
  const header = value as Partial<ImageHeader> | undefined;
  const side = (length: unknown) => Number.isInteger(length) && (length as number) > 0;
  return header && ['jpeg', 'png', 'gif', 'webp'].includes(header.type as string) && side(header.width) && side(header.height) ? { type: header.type as ImageHeader['type'], width: header.width as number, height: header.height as number } : undefined;
}
