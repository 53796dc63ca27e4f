import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManuscript } from '../../scripts/manuscript/read-manuscript.ts';

async function read(bytes: Uint8Array | string) {
  const path = join(await mkdtemp(join(tmpdir(), 'folio-read-')), 'a.md');
  await writeFile(path, bytes);
  return readManuscript(path, 'a.md');
}

describe('reading a manuscript', () => {
  it('turns NFD text into NFC', async () => {
    const file = await read('Tiếng Việt'.normalize('NFD'));
    expect(String(file.value)).toBe('Tiếng Việt'.normalize('NFC'));
  });

  it('drops a byte order mark and reads CRLF line ends as LF', async () => {
    const file = await read('\uFEFFDòng một\r\nDòng hai\r\n');
    expect(String(file.value)).toBe('Dòng một\nDòng hai\n');
  });

  it('names the line of a byte that is not UTF-8', async () => {
    const file = await read(Buffer.concat([Buffer.from('Dòng một\nDòng hai\nDòng '), Buffer.from([0xff, 0xfe]), Buffer.from(' ba\n')]));
    expect(file.messages).toHaveLength(1);
    expect(file.messages[0]).toMatchObject({ fatal: true, line: 3 });
    expect(file.messages[0]?.reason).toMatch(/invalid UTF-8/);
  });
});

describe('reading what is not a regular file', () => {
  it('refuses a named pipe at once, without waiting for a writer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'folio-read-'));
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    const file = await readManuscript(join(dir, 'pipe.md'), 'pipe.md');
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([
      '1:1 pipe.md is a named pipe, not a regular file: only regular files are read as manuscripts; rename it so that its name does not end in .md',
    ]);
    expect(file.messages[0]?.fatal).toBe(true);
  });

  it('refuses a folder with a message, not a stack trace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'folio-read-'));
    await mkdir(join(dir, 'folder.md'));
    const file = await readManuscript(join(dir, 'folder.md'), 'folder.md');
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([
      '1:1 folder.md is a folder, not a regular file: only regular files are read as manuscripts; rename it so that its name does not end in .md',
    ]);
  });
});
