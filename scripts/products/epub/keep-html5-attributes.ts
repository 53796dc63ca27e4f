import { allowedAttributes } from 'epub-gen-memory/dist/lib/util/constants.js';

/**
 * HTML5 attributes that tell a reader or a reading system something and that epub-gen-memory's list
 * (XHTML 1.1, RDFa and ARIA names) lacks: the dates and sources of `time`, `del`, `ins`, `blockquote`
 * and `q`, where an `ol` starts and which way it counts, a list item's number, a task list's ticks,
 * an open `details`, how table headers relate to their cells (`abbr` is left out: epubcheck 4.2 refuses it), and microdata's property names.
 */
export const HTML5_ATTRIBUTES: readonly string[] = ['datetime', 'cite', 'start', 'reversed', 'value', 'checked', 'disabled', 'open', 'scope', 'headers', 'span', 'itemprop'];

/**
 * Makes epub-gen-memory keep HTML5_ATTRIBUTES. The library deletes every attribute not on its list while
 * it turns a chapter into XHTML, and offers no option for it: its list (shared by every EPub) is extended
 * once. The sanitizer has already decided which attributes an article may carry.
 */
export function keepHtml5Attributes(): void {
  // The library declares the list read-only; it reads it on every chapter, so adding to it is the only way in.
  const list = allowedAttributes as readonly string[] as string[];
  for (const name of HTML5_ATTRIBUTES) if (!list.includes(name)) list.push(name);
}
