import type { VFile } from 'vfile';
import { location } from 'vfile-location';

/**
 * How far a line's quote and list markers may push its text, in columns. Each level of a list takes
 * at least two columns and of a quote one; real articles stay far below, while a hostile one nested a
 * thousand deep makes the Markdown parser take minutes and the HTML tools overflow their stack.
 */
export const MAX_CONTAINER_COLUMNS = 120;

/**
 * How many runs of `*` or `_` one paragraph may hold. The parser's time grows with the cube of
 * emphasis nested inside emphasis (1,000 levels: 2 s; 3,000: a minute); 1,000 runs are hundreds of
 * emphasised phrases in a paragraph, far more than any text has.
 */
export const MAX_EMPHASIS_RUNS = 1_000;

/**
 * Markers whose number in one paragraph makes the Markdown parser's time grow with its square: each
 * opener is matched against the closers after it (CommonMark's "pathological" inputs). 25 KB of `a]`
 * took 3 s, 50 KB 16 s. The limits are far above what text holds: 1,000 links are 2,000 brackets.
 */
const PARAGRAPH_LIMITS = [
  { pattern: /[*_]+/g, limit: MAX_EMPHASIS_RUNS, what: 'runs of * or _ (emphasis markers)', fix: 'split it, or escape them as \\* and \\_' },
  { pattern: /[[\]]/g, limit: 2_000, what: 'square brackets (links, images and notes)', fix: 'split it, or escape them as \\[ and \\]' },
  { pattern: /</g, limit: 2_000, what: '< signs (HTML, comments and autolinks)', fix: 'split it, or escape them as \\<' },
  { pattern: /`+/g, limit: 1_000, what: 'runs of ` (code spans)', fix: 'split it, or put the code in a fenced block' },
] as const;

/**
 * How many footnote markers (`[^label]`, references and definitions) a manuscript may hold. Each costs
 * the footnote machinery milliseconds, and 20,000 to 40,000 notes took minutes and gigabytes; a long
 * book has a few hundred.
 */
export const MAX_NOTE_MARKERS = 2_000;

/** How many link reference definitions (`[label]: address`) a manuscript may hold: 70,000 took 30 s and 1.5 GB. */
export const MAX_DEFINITIONS = 2_000;

/**
 * How many characters one paragraph may hold. Chromium lays a paragraph out as a whole: one of 1 MB kept
 * it printing for over a minute. 50,000 characters are some 8,000 words, longer than any paragraph.
 */
export const MAX_PARAGRAPH_CHARACTERS = 50_000;

/** How many cells a table row may have: a row of 100,000 cells took the parser most of a minute. */
export const MAX_TABLE_CELLS = 500;

/**
 * How many rows a table may have. Each row costs the parser and the HTML tools about a millisecond and
 * Chromium's table layout more: 100,000 rows did not build in two minutes. A table of data that long
 * belongs in a spreadsheet, or split by topic.
 */
export const MAX_TABLE_ROWS = 1_000;

/**
 * How deep raw HTML elements may nest. The HTML tools walk the tree by recursion: 60,000 nested spans
 * overflow the call stack; articles nest a few levels, tables and figures a dozen.
 */
export const MAX_HTML_DEPTH = 100;

/** A start or end tag of raw HTML (comments, declarations and text are not elements). */
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?>/g;
/** Elements that never hold others, or whose end tag HTML lets a writer leave out: they add no depth. */
const FLAT = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'thead', 'tbody', 'tfoot']);

const CONTAINER_PREFIX = /^(?:[ \t]|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*/;
const FENCE = /^[ \t>]*(`{3,}|~{3,})/;

/**
 * Fails `file`, before it is parsed, at the first line whose lists and quotes nest too deeply, at the
 * first raw HTML tag nested too deeply, or at the marker that puts a paragraph over its limit of
 * emphasis, brackets, `<` or backticks. Returns whether the text may be parsed.
 */
export function checkNesting(file: VFile): boolean {
  const lines = String(file.value).split('\n');
  let fence: string | undefined;
  const counts = PARAGRAPH_LIMITS.map(() => 0);
  let depth = 0;
  let notes = 0;
  let characters = 0;
  let rows = 0;
  let definitions = 0;
  for (const [index, line] of lines.entries()) {
    const prefix = CONTAINER_PREFIX.exec(line)?.[0] ?? '';
    const columns = prefix.replace(/\t/g, '    ').length;
    if (columns > MAX_CONTAINER_COLUMNS) {
      return fail(file, index + 1, `lists or quotes nested too deeply: this line's text starts after ${columns} columns of markers and indentation, more than the ${MAX_CONTAINER_COLUMNS} a manuscript may use; flatten the nesting`);
    }
    // Code is never parsed for emphasis, so its asterisks and underscores do not count.
    const marker = FENCE.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      continue;
    }
    if (fence !== undefined) continue;
    for (const tag of line.matchAll(TAG)) {
      const name = (tag[2] ?? '').toLowerCase();
      if (FLAT.has(name) || tag[0].endsWith('/>')) continue;
      depth = Math.max(0, depth + (tag[1] ? -1 : 1));
      if (depth > MAX_HTML_DEPTH) {
        return fail(file, index + 1, `raw HTML elements nested more than ${MAX_HTML_DEPTH} deep here, deeper than the build can process: flatten the nesting or close the elements`, tag.index + 1);
      }
    }
    for (const note of line.matchAll(/\[\^/g)) {
      if (++notes > MAX_NOTE_MARKERS) {
        return fail(file, index + 1, `more than ${MAX_NOTE_MARKERS} footnote markers ([^…]) in one manuscript, which would take the build minutes: split it into several manuscripts`, note.index + 1);
      }
    }
    if (line.trim() === '') {
      counts.fill(0);
      characters = 0;
      continue;
    }
    const definition = /^ {0,3}\[[^\]]+\]:/.test(line.slice(prefix.length));
    if (definition && ++definitions > MAX_DEFINITIONS) {
      return fail(file, index + 1, `more than ${MAX_DEFINITIONS} link reference definitions ([label]: address) in one manuscript, which would take the build minutes: split it into several manuscripts`);
    }
    // A list item or a heading starts a paragraph of its own, even without a blank line before it; so
    // does a link reference definition, which holds no text to match brackets in.
    if (definition || /[-*+]|\d[.)]/.test(prefix) || /^ {0,3}#/.test(line.slice(prefix.length))) {
      counts.fill(0);
      characters = 0;
    }
    const bars = [...line.matchAll(/\|/g)];
    rows = bars.length > 0 ? rows + 1 : 0;
    if (rows > MAX_TABLE_ROWS) {
      return fail(file, index + 1, `more than ${MAX_TABLE_ROWS} table rows in a row, more than any edition can lay out in time: split the table`);
    }
    if (bars.length > MAX_TABLE_CELLS) {
      return fail(file, index + 1, `this line holds ${bars.length} | signs, more than the ${MAX_TABLE_CELLS} table cells a row may have: split the table`, (bars[MAX_TABLE_CELLS]?.index ?? 0) + 1);
    }
    // A table's rows are laid out cell by cell, not as one paragraph.
    if (!/^\s*\|/.test(line)) characters += line.length + 1;
    // Where on this line the paragraph grows past its length: a marker before that is named first.
    const tooLong = characters > MAX_PARAGRAPH_CHARACTERS ? Math.max(1, line.length - (characters - MAX_PARAGRAPH_CHARACTERS) + 1) : Infinity;
    for (const [kind, { pattern, limit, what, fix }] of PARAGRAPH_LIMITS.entries()) {
      for (const match of line.matchAll(pattern)) {
        if (match.index + 1 > tooLong) break;
        counts[kind] = (counts[kind] ?? 0) + 1;
        if ((counts[kind] ?? 0) > limit) {
          return fail(file, index + 1, `this paragraph holds more than ${limit} ${what}, which would take the Markdown parser minutes: ${fix}`, match.index + 1);
        }
      }
    }
    if (tooLong !== Infinity) {
      return fail(file, index + 1, `this paragraph is longer than ${MAX_PARAGRAPH_CHARACTERS.toLocaleString('en')} characters, more than any edition can lay out in time: split it into paragraphs with blank lines`, tooLong);
    }
  }
  return true;
}

function fail(file: VFile, line: number, reason: string, column = 1): false {
  const message = file.message(reason, { place: { line, column }, ruleId: 'nesting-depth', source: 'folio' });
  message.fatal = true;
  return false;
}

/**
 * Where the text nests deepest, by its brackets and raw HTML tags: the place to name when the parser
 * itself ran out of stack, which says nothing of where.
 */
export function deepestNesting(file: VFile): { line: number; column: number } {
  const text = String(file.value);
  let depth = 0;
  let deepest = 0;
  let at = 0;
  for (const match of text.matchAll(/[[\]]|<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?>/g)) {
    const token = match[0];
    depth = Math.max(0, depth + (token === '[' || (token.startsWith('<') && !token.startsWith('</') && !token.endsWith('/>')) ? 1 : -1));
    if (depth > deepest) {
      deepest = depth;
      at = match.index;
    }
  }
  return location(file).toPoint(at) ?? { line: 1, column: 1 };
}
