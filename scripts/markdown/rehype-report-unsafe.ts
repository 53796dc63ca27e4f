import type { Element, Nodes, Properties, Root } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import type { VFile } from 'vfile';

/**
 * Warns, at its place, about every element and attribute that rehype-sanitize will remove with
 * `schema`. It sanitizes a copy and compares, so the warnings are exactly what the sanitizer drops;
 * rehype-sanitize, which runs next, stays the one that removes them.
 */
export function rehypeReportUnsafe(schema: Schema) {
  return (tree: Root, file: VFile) => {
    const kept = new Map<string, Element[]>();
    collect(sanitize(tree, schema), kept);
    const strip = new Set(schema.strip ?? []);
    const pending: Nodes[] = [tree];
    // An explicit stack rather than recursion: a hostile manuscript may nest deeper than the call stack.
    while (pending.length > 0) {
      const node = pending.pop() as Nodes;
      if (node.type === 'element') {
        const safe = node.position ? kept.get(key(node))?.shift() : undefined;
        if (node.position && !safe) {
          warn(file, node, `removed the <${node.tagName}> element${strip.has(node.tagName) ? ' and its content' : ''}: ${why(node.tagName)}`);
          if (strip.has(node.tagName)) continue;
        } else if (safe) {
          for (const name of removedProperties(node.properties, safe.properties)) {
            warn(file, node, `removed ${describe(name, node.properties[name])} from <${node.tagName}>: ${whyAttribute(name, node.properties[name])}`);
          }
        }
      }
      if ('children' in node) for (let index = node.children.length - 1; index >= 0; index--) pending.push(node.children[index] as Nodes);
    }
  };
}

function collect(root: Nodes, into: Map<string, Element[]>): void {
  const pending: Nodes[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as Nodes;
    if (node.type === 'element' && node.position) {
      const list = into.get(key(node)) ?? [];
      list.push(node);
      into.set(key(node), list);
    }
    if ('children' in node) for (let index = node.children.length - 1; index >= 0; index--) pending.push(node.children[index] as Nodes);
  }
}

function key(node: Element): string {
  const start = node.position?.start;
  return `${node.tagName}@${start?.line}:${start?.column}`;
}

function removedProperties(before: Properties, after: Properties): string[] {
  return Object.keys(before).filter((name) => before[name] !== undefined && before[name] !== null && String(after[name]) !== String(before[name]));
}

function warn(file: VFile, node: Element, reason: string): void {
  file.message(reason, { place: node.position, ruleId: 'unsafe-html', source: 'folio' });
}

/** How a property reads in the manuscript: `onClick` as `onclick`, with its value when short. */
function describe(name: string, value: unknown): string {
  const attribute = name.startsWith('data') ? name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`) : name.toLowerCase();
  const text = Array.isArray(value) ? value.join(' ') : String(value);
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return value === true ? `the ${attribute} attribute` : `${attribute}="${shown}"`;
}

function why(tagName: string): string {
  if (tagName === 'script' || tagName === 'noscript') return 'a publication runs no scripts';
  if (['iframe', 'frameset', 'object', 'embed', 'applet'].includes(tagName)) return 'a publication embeds no other page or plug-in';
  if (['link', 'meta', 'style', 'base', 'head'].includes(tagName)) return 'the templates alone style a publication, and it loads nothing from elsewhere';
  if (['img', 'picture', 'source', 'video', 'audio', 'track'].includes(tagName)) return 'only Markdown images of files under images/ are published';
  return 'raw HTML may only use simple text elements; write it in Markdown instead';
}

function whyAttribute(name: string, value: unknown): string {
  if (/^on/i.test(name)) return 'event handlers never run in a publication';
  if (name === 'style') return 'the templates alone style a publication, and inline CSS could load files from elsewhere';
  // Browsers ignore tabs, line breaks and control characters inside a scheme; so does this check.
  if (/^javascript:/i.test(String(value).replace(/[\u0000-\u0020]/g, ''))) return 'a publication runs no scripts';
  if (['href', 'src', 'cite', 'longDesc'].includes(name)) return 'only http(s), mailto and relative addresses are kept';
  return 'raw HTML may only use simple attributes';
}
