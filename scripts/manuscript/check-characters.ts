import type { VFile } from 'vfile';
import { location } from 'vfile-location';

/**
 * Characters no product may carry, replaced with spaces: C0 controls but tab and line feed, DEL and C1
 * controls (invisible; XML forbids most), noncharacters such as U+FFFE and U+FFFF, and lone surrogates
 * (XML forbids both: an EPUB holding one cannot be opened).
 */
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|\p{Noncharacter_Code_Point}|\p{Cs}/gu;
/** Zero-width space, non-joiner, joiner, word joiner and a BOM inside the text: invisible, they break search and hyphenation. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** Bidirectional embeddings, overrides and isolates: invisible, they make text show in another order than it is written. */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
/** Enough to find each kind of character; a pasted file can hold thousands, and the rest adds nothing. */
const MAX_REPORTED = 20;

/** A character found in a text, by its UTF-16 offset. */
export interface FoundCharacter {
  offset: number;
  reason: string;
  ruleId: string;
  /** Whether withoutForbidden replaces it; the others are kept. */
  forbidden: boolean;
}

/**
 * Warns at its line and column about every forbidden, zero-width and bidirectional control character
 * of `file`, and replaces each forbidden one with spaces: a space for each UTF-16 unit keeps every later
 * position where the messages say it is.
 */
export function checkCharacters(file: VFile): void {
  const text = String(file.value);
  const place = location(file);
  const found = [...findCharacters(text)].sort((a, b) => a.offset - b.offset);
  for (const { offset, reason, ruleId } of found.slice(0, MAX_REPORTED)) {
    file.message(reason, { place: place.toPoint(offset), ruleId, source: 'folio' });
  }
  const hidden = found.length - MAX_REPORTED;
  if (hidden > 0) file.message(`${hidden} more control or invisible character(s) not listed`, { place: place.toPoint(0), ruleId: 'control-character', source: 'folio' });
  const cleaned = withoutForbidden(text);
  if (cleaned !== text) file.value = cleaned;
}

/** Every character of `text` worth a warning: forbidden ones (which withoutForbidden replaces), zero-width and bidirectional controls. */
export function* findCharacters(text: string): Generator<FoundCharacter> {
  for (const match of text.matchAll(FORBIDDEN)) {
    const code = codePoint(match[0]);
    const what = /[\uD800-\uDFFF]/.test(match[0]) && match[0].length === 1 ? `lone surrogate ${code}` : /\p{Cc}/u.test(match[0]) ? `control character ${code}` : `noncharacter ${code}`;
    yield { offset: match.index, reason: `${what} replaced with a space: it is invisible and no edition can carry it; delete it or type the character meant`, ruleId: 'control-character', forbidden: true };
  }
  for (const match of text.matchAll(ZERO_WIDTH)) {
    yield { offset: match.index, reason: `invisible character ${codePoint(match[0])} (${NAMES[match[0]] ?? 'zero width'}): it hides in copied text and breaks search; delete it unless it is meant`, ruleId: 'zero-width-character', forbidden: false };
  }
  for (const match of text.matchAll(BIDI)) {
    yield {
      offset: match.index,
      reason: `invisible character ${codePoint(match[0])} (${NAMES[match[0]] ?? 'bidirectional control'}): it shows the text around it in another order than it is written; delete it unless it is meant`,
      ruleId: 'bidi-character',
      forbidden: false,
    };
  }
}

/** `text` with every character no product may carry replaced by spaces (one per UTF-16 unit). */
export function withoutForbidden(text: string): string {
  return text.replace(FORBIDDEN, (char) => ' '.repeat(char.length));
}

const NAMES: Record<string, string> = {
  '\u200B': 'zero width space',
  '\u200C': 'zero width non-joiner',
  '\u200D': 'zero width joiner',
  '\u2060': 'word joiner',
  '\uFEFF': 'byte order mark inside the text',
  '\u202A': 'left-to-right embedding',
  '\u202B': 'right-to-left embedding',
  '\u202C': 'pop directional formatting',
  '\u202D': 'left-to-right override',
  '\u202E': 'right-to-left override',
  '\u2066': 'left-to-right isolate',
  '\u2067': 'right-to-left isolate',
  '\u2068': 'first strong isolate',
  '\u2069': 'pop directional isolate',
};

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
