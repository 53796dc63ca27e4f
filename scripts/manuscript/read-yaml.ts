import { isMap, isScalar, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import type { z } from 'zod';
import { excerpt } from '../excerpt.ts';
import { findCharacters, withoutForbidden } from './check-characters.ts';

/** How many times YAML may use aliases: a handful serves any real use, a bomb uses millions. */
const MAX_ALIAS_COUNT = 100;

/** How readYaml names what it reads in its messages: "front matter", "publication setting", "issue". */
export interface YamlSubject {
  /** Words before a key in a message: "front matter `date`: …". */
  what: string;
  /** Where the YAML starts in the file, in characters (after a front matter's opening fence). */
  offset: number;
  /** Keys the schema knows; any other top-level key is a warning. */
  knownKeys: ReadonlySet<string>;
}

/** A point of a vfile, for a message. */
export type Place = { line: number; column: number };

/** What readYaml found: the validated value, and where each key of the YAML stands. */
export interface YamlResult<T> {
  value: T;
  /** The place of the value at `path` (or of the nearest key above it), for a later message. */
  placeOf(path: readonly (string | number)[]): Place;
}

/**
 * Parses `yamlText`, a part of `file`, and validates it with `schema`. Every problem becomes a message
 * at the key or value it concerns (a missing key at the end of the YAML, where it would be added);
 * returns undefined when any is fatal.
 */
export function readYaml<S extends z.ZodType>(file: VFile, yamlText: string, schema: S, subject: YamlSubject, defaults: Record<string, unknown> = {}): YamlResult<z.infer<S>> | undefined {
  const place = location(file);
  const at = (offset: number): Place => place.toPoint(subject.offset + offset) ?? { line: 1, column: 1 };
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) fail(file, `invalid YAML: ${error.message.split('\n')[0]}`, at(error.pos[0]), `${ruleOf(subject)}-yaml`);
  if (doc.errors.length > 0) return undefined;

  const contents = doc.contents;
  if (!isMap(contents)) {
    fail(file, `${subject.what} must be a map of \`key: value\` lines`, at(0), `${ruleOf(subject)}-shape`);
    return undefined;
  }
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (subject.knownKeys.has(key)) continue;
    const start = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0;
    file.message(`unknown ${subject.what} key \`${excerpt(key)}\` is ignored; known keys: ${[...subject.knownKeys].join(', ')}`, {
      place: at(start),
      ruleId: `${ruleOf(subject)}-unknown-key`,
      source: 'folio',
    });
  }

  // Escapes in quoted values ("\uFFFE", "\x01") make characters that the file's text did not hold.
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value !== 'string' || withoutForbidden(node.value) === node.value) return;
      for (const found of findCharacters(node.value)) {
        if (found.forbidden) file.message(found.reason.replace(' replaced', ' (written as an escape) replaced'), { place: at(node.range?.[0] ?? 0), ruleId: found.ruleId, source: 'folio' });
      }
      node.value = withoutForbidden(node.value);
    },
  });

  let data: unknown;
  try {
    // Aliases may repeat a value, but not multiply it a billion times over ("billion laughs").
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
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
    fail(file, `${subject.what} aliases (*name) repeat values too often to be read (${error.message.split('\n')[0]}): write each value out`, at(alias), `${ruleOf(subject)}-yaml`);
    return undefined;
  }
  const placeOf = (path: readonly (string | number)[]): Place => {
    const node = nodeAt(doc, path) ?? parentNode(doc, path);
    return at(node?.range ? node.range[0] : yamlText.length);
  };
  const result = schema.safeParse({ ...defaults, ...(data as Record<string, unknown>) });
  if (result.success) return { value: result.data, placeOf };
  for (const issue of result.error.issues) {
    const key = issue.path.join('.');
    if (!contents.hasIn(issue.path as unknown[])) {
      const parentPresent = issue.path.length > 1 && nodeAt(doc, issue.path.slice(0, -1) as (string | number)[]);
      fail(
        file,
        `missing ${subject.what} key \`${key}\`: ${issue.message}; add the line \`${String(issue.path.at(-1))}: …\``,
        parentPresent ? placeOf(issue.path.slice(0, -1) as (string | number)[]) : at(yamlText.length),
        `${ruleOf(subject)}-schema`,
      );
      continue;
    }
    const node = nodeAt(doc, issue.path as (string | number)[]) ?? parentNode(doc, issue.path as (string | number)[]);
    const written = isScalar(node) ? String(node.source ?? node.value) : '';
    const found = written === '' ? '' : ` (found \`${excerpt(written)}\`)`;
    fail(file, `${subject.what} \`${key}\`: ${issue.message}${found}`, at(node?.range ? node.range[0] : 0), `${ruleOf(subject)}-schema`);
  }
  return undefined;
}

function ruleOf(subject: YamlSubject): string {
  return subject.what.replace(/\s+/g, '-');
}

function nodeAt(doc: Document, path: readonly PropertyKey[]): YamlNode | undefined {
  if (!isMap(doc.contents) || path.length === 0) return undefined;
  const node = doc.getIn(path as unknown[], true);
  return node && typeof node === 'object' && 'range' in node ? (node as YamlNode) : undefined;
}

function parentNode(doc: Document, path: readonly PropertyKey[]): YamlNode | undefined {
  for (let depth = path.length - 1; depth > 0; depth--) {
    const node = nodeAt(doc, path.slice(0, depth));
    if (node) return node;
  }
  return undefined;
}

/** A fatal message at `place`. */
export function fail(file: VFile, reason: string, place: Place, ruleId: string): void {
  const message = file.message(reason, { place, ruleId, source: 'folio' });
  message.fatal = true;
}
