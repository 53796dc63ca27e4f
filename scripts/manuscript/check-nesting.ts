import type { VFile } from 'vfile';

/**
 * How far a line's quote and list markers may push its text, in columns. Each level of a list takes
 * at least two columns and of a quote one; real articles stay far below, while a hostile one nested a
 * thousand deep makes the Markdown parser take minutes and the HTML tools overflow their stack.
 */
export const MAX_CONTAINER_COLUMNS = 120;

const CONTAINER_PREFIX = /^(?:[ \t]|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*/;

/**
 * Fails `file` at the first line whose lists and quotes nest too deeply, before it is parsed. Returns
 * whether the text may be parsed.
 */
export function checkNesting(file: VFile): boolean {
  const lines = String(file.value).split('\n');
  for (const [index, line] of lines.entries()) {
    const prefix = CONTAINER_PREFIX.exec(line)?.[0] ?? '';
    const columns = prefix.replace(/\t/g, '    ').length;
    if (columns > MAX_CONTAINER_COLUMNS) {
      const message = file.message(
        `lists or quotes nested too deeply: this line's text starts after ${columns} columns of markers and indentation, more than the ${MAX_CONTAINER_COLUMNS} a manuscript may use; flatten the nesting`,
        { place: { line: index + 1, column: 1 }, ruleId: 'nesting-depth', source: 'folio' },
      );
      message.fatal = true;
      return false;
    }
  }
  return true;
}
