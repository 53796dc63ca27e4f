import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/** What reading a file of the manuscript folder gave: its bytes, or why there are none. */
export type RegularFile =
  | { kind: 'file'; bytes: Buffer; info: Stats }
  | { kind: 'missing' }
  | { kind: 'not-a-file'; what: string }
  | { kind: 'too-large'; size: number };

/**
 * Reads `path` only if it is a regular file of at most `maxBytes`. It is opened without waiting (a named
 * pipe would block the build until something writes to it) and checked through the open descriptor, so
 * that nothing swapped in between a check and the read is read; a sparse file of hundreds of megabytes
 * is refused by its size before a byte of it is read.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<RegularFile> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    if (code === 'EISDIR') return { kind: 'not-a-file', what: 'a folder' };
    if (code === 'ENXIO') return { kind: 'not-a-file', what: 'a socket' };
    return { kind: 'not-a-file', what: `unreadable (${code ?? 'error'})` };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { kind: 'not-a-file', what: kindOf(info) };
    if (info.size > maxBytes) return { kind: 'too-large', size: info.size };
    // At most one byte more than allowed: a file that grew since its size was read is still refused.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { kind: 'too-large', size: length };
    return { kind: 'file', bytes: buffer.subarray(0, length), info };
  } finally {
    await handle.close();
  }
}

function kindOf(info: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}
