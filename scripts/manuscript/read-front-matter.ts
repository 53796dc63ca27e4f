import { isMap, isScalar, parseDocument, visit, type Node as YamlNode } from 'yaml';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { excerpt } from '../excerpt.ts';
import { findCharacters, withoutForbidden } from './check-characters.ts';
import { frontMatterSchema, knownFrontMatterKeys, type FrontMatter } from './front-matter-schema.ts';

/** How many times front matter may use aliases: a handful serves any real use, a bomb uses millions. */
const MAX_ALIAS_COUNT = 100;

const FENCE = /^---\n([\s\S]*?\n)?---(?:\n|$)/;

/**
 * Parses and validates the YAML front matter at the top of `file`.
 * Every problem becomes a message at the key or value it concerns; returns undefined when any is fatal.
 */
export function readFrontMatter(file: VFile): FrontMatter | undefined {
  const text = String(file.value);
  const place = location(file);
  const fence = FENCE.exec(text);
  if (!fence) {
    fail(file, 'missing front matter: start the file with a `---` line, the YAML keys (title, lang, date, author, publisher, description), and a closing `---` line', place.toPoint(0), 'front-matter-missing');
    return undefined;
  }
  const yamlText = fence[1] ?? '';
  const base = 4; // the opening "---\n"
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) {
    fail(file, `invalid YAML: ${error.message.split('\n')[0]}`, place.toPoint(base + error.pos[0]), 'front-matter-yaml');
  }
  if (doc.errors.length > 0) return undefined;

  const contents = doc.contents;
  if (!isMap(contents)) {
    fail(file, 'front matter must be a map of `key: value` lines', place.toPoint(base), 'front-matter-shape');
    return undefined;
  }
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!knownFrontMatterKeys.has(key)) {
      const start = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0;
      const message = file.message(`unknown front matter key \`${excerpt(key)}\` is ignored; known keys: ${[...knownFrontMatterKeys].join(', ')}`, {
        place: place.toPoint(base + start),
        ruleId: 'front-matter-unknown-key',
        source: 'folio',
      });
      message.fatal = false;
    }
  }

  // Escapes in quoted values ("\uFFFE", "\x01") make characters that the file's text did not hold.
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value !== 'string' || withoutForbidden(node.value) === node.value) return;
      for (const found of findCharacters(node.value)) {
        if (found.forbidden) file.message(found.reason.replace(' replaced', ' (written as an escape) replaced'), { place: place.toPoint(base + (node.range?.[0] ?? 0)) ?? { line: 1, column: 1 }, ruleId: found.ruleId, source: 'folio' });
      }
      node.value = withoutForbidden(node.value);
    },
  });

  let value: unknown;
  try {
    // Aliases may repeat a value, but not multiply it a billion times over ("billion laughs").
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml throws a ReferenceError for an alias that expands too far; anything else is a bug of ours.
    if (!(error instanceof ReferenceError)) throw error;
    let alias = 0;
    visit(doc, {
      Alias(_, node) {
        alias = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    fail(file, `front matter aliases (*name) repeat values too often to be read (${error.message.split('\n')[0]}): write each value out`, place.toPoint(base + alias), 'front-matter-yaml');
    return undefined;
  }
  const result = frontMatterSchema.safeParse(value);
  if (result.success) return result.data;
  // A missing key is reported at the closing fence, where it would be added.
  const closing = base + yamlText.length;
  for (const issue of result.error.issues) {
    const key = issue.path.join('.');
    const present = contents.hasIn(issue.path as unknown[]);
    if (!present) {
      fail(file, `missing front matter key \`${key}\`: ${issue.message}; add the line \`${key}: …\``, place.toPoint(closing), 'front-matter-schema');
      continue;
    }
    const node = nodeAt(doc.contents, issue.path) ?? parentNode(doc.contents, issue.path);
    const offset = node?.range ? node.range[0] : 0;
    const written = isScalar(node) ? String(node.source ?? node.value) : '';
    const found = written === '' ? '' : ` (found \`${excerpt(written)}\`)`;
    fail(file, `front matter \`${key}\`: ${issue.message}${found}`, place.toPoint(base + offset), 'front-matter-schema');
  }
  return undefined;
}

function nodeAt(root: unknown, path: PropertyKey[]): YamlNode | undefined {
  if (!isMap(root) || path.length === 0) return undefined;
  const node = (root as { getIn(path: unknown[], keepScalar: true): unknown }).getIn(path as unknown[], true);
  return node && typeof node === 'object' && 'range' in node ? (node as YamlNode) : undefined;
}

function parentNode(root: unknown, path: PropertyKey[]): YamlNode | undefined {
  for (let depth = path.length - 1; depth > 0; depth--) {
    const node = nodeAt(root, path.slice(0, depth));
    if (node) return node;
  }
  return undefined;
}

function fail(file: VFile, reason: string, point: ReturnType<ReturnType<typeof location>['toPoint']>, ruleId: string): void {
  const message = file.message(reason, { place: point ?? { line: 1, column: 1 }, ruleId, source: 'folio' });
  message.fatal = true;
}
