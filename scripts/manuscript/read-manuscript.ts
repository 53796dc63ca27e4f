import { basename } from 'node:path';
import { VFile } from 'vfile';
import { readRegularFile } from './read-regular-file.ts';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * The largest manuscript a build reads. An article is a few dozen kilobytes; 1 MB is a long book
 * (some 150,000 words) and builds in about 10 s; 5 MB took a minute, mostly in Chromium's PDF.
 * Bounding the input bounds the build's memory and time, and keeps it inside the browser timeout.
 */
export const MAX_MANUSCRIPT_BYTES = 1_000_000;

/**
 * Reads one Markdown file into a vfile: strict UTF-8 (a bad byte is an error naming its line),
 * no BOM, LF line ends, NFC text.
 */
export async function readManuscript(path: string, displayPath: string): Promise<VFile> {
  const file = new VFile({ path: displayPath, cwd: process.cwd() });
  const read = await readRegularFile(path, MAX_MANUSCRIPT_BYTES);
  if (read.kind !== 'file') {
    const reason =
      read.kind === 'too-large'
        ? `manuscript is ${(read.size / 1e6).toFixed(2)} MB, more than the ${MAX_MANUSCRIPT_BYTES / 1e6} MB a publication may have: split it into several manuscripts`
        : read.kind === 'missing'
          ? 'manuscript disappeared while the build read it: build again once it is saved'
          : `${basename(path)} is ${read.what}, not a regular file: only regular files are read as manuscripts; rename it so that its name does not end in .md`;
    const message = file.message(reason, { place: { line: 1, column: 1 }, ruleId: read.kind === 'too-large' ? 'manuscript-size' : 'manuscript-file', source: 'folio' });
    message.fatal = true;
    file.value = '';
    return file;
  }
  const bytes = read.bytes;
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const place = firstInvalidPlace(bytes);
    const message = file.message(`invalid UTF-8 at line ${place.line}, column ${place.column}: the file was saved in another encoding or damaged; save it as UTF-8`, {
      place,
      ruleId: 'encoding',
      source: 'folio',
    });
    message.fatal = true;
    file.value = '';
    return file;
  }
  // TextDecoder already dropped a leading BOM; CRLF and lone CR become LF so that positions are in lines.
  file.value = text.replace(/\r\n?/g, '\n').normalize('NFC');
  return file;
}

/** The line and column (in characters) of the first byte that is not UTF-8. */
function firstInvalidPlace(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let index = 0; index <= bytes.length; index++) {
    if (index === bytes.length || bytes[index] === 0x0a) {
      const text = lenient.decode(bytes.subarray(start, index));
      // A line feed byte never occurs inside a multi-byte sequence, so each line decodes on its own.
      const column = text.indexOf('\uFFFD');
      if (column !== -1) return { line, column: column + 1 };
      line++;
      start = index + 1;
    }
  }
  return { line, column: 1 };
}
