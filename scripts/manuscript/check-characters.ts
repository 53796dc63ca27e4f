import type { VFile } from 'vfile';
import { location } from 'vfile-location';

/** C0 controls but tab and line feed, DEL, and C1 controls: invisible, and not allowed in XHTML. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Zero-width space, non-joiner, joiner, word joiner and a BOM inside the text: invisible, they break search and hyphenation. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** Enough to find each kind of character; a pasted file can hold thousands, and the rest adds nothing. */
const MAX_REPORTED = 20;

/**
 * Warns at its line and column about every control and zero-width character of `file`, and replaces
 * each control character with a space: the products cannot carry them (XHTML forbids most), and a
 * space keeps every later position where the messages say it is.
 */
export function checkCharacters(file: VFile): void {
  const text = String(file.value);
  const place = location(file);
  let reported = 0;
  let hidden = 0;
  const report = (reason: string, offset: number, ruleId: string) => {
    if (reported++ >= MAX_REPORTED) return void hidden++;
    file.message(reason, { place: place.toPoint(offset), ruleId, source: 'folio' });
  };
  for (const match of text.matchAll(CONTROL)) {
    report(`control character ${codePoint(match[0])} replaced with a space: it is invisible and no edition can carry it; delete it or type the character meant`, match.index, 'control-character');
  }
  for (const match of text.matchAll(ZERO_WIDTH)) {
    report(`invisible character ${codePoint(match[0])} (${ZERO_WIDTH_NAMES[match[0]] ?? 'zero width'}): it hides in copied text and breaks search; delete it unless it is meant`, match.index, 'zero-width-character');
  }
  if (hidden > 0) file.message(`${hidden} more control or invisible character(s) not listed`, { place: place.toPoint(0), ruleId: 'control-character', source: 'folio' });
  const cleaned = text.replace(CONTROL, ' ');
  if (cleaned !== text) file.value = cleaned;
}

const ZERO_WIDTH_NAMES: Record<string, string> = {
  '\u200B': 'zero width space',
  '\u200C': 'zero width non-joiner',
  '\u200D': 'zero width joiner',
  '\u2060': 'word joiner',
  '\uFEFF': 'byte order mark inside the text',
};

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
