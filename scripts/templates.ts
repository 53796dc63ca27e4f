import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BuildError } from './errors.ts';
import { TEMPLATES_DIR } from './paths.ts';

const cache = new Map<string, Promise<string>>();

/** Reads a file of `templates/` once per process. */
export function loadTemplate(name: string): Promise<string> {
  let text = cache.get(name);
  if (!text) {
    text = readFile(join(TEMPLATES_DIR, name), 'utf8').catch((error: unknown) => {
      throw new BuildError('TEMPLATE', `template ${name} could not be read from ${TEMPLATES_DIR}: ${(error as Error).message}`);
    });
    cache.set(name, text);
  }
  return text;
}

/** Values a template is filled with; `{{key}}` escapes, `{{{key}}}` inserts HTML as it is. */
export type TemplateValues = Readonly<Record<string, string | number>>;

/**
 * One placeholder of a template: a section `{{#key}}…{{/key}}` (with its line's indentation and end, so
 * that an empty section alone on its lines leaves no blank line), a raw `{{{key}}}` or an escaped `{{key}}`.
 * All three kinds in one alternation, so that the template is scanned once and a value, once inserted,
 * is never read as template syntax again: a manuscript about Mustache keeps its `{{title}}` as written.
 */
const PLACEHOLDER = /(^[ \t]*)?\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\2\}\}([ \t]*\n)?|\{\{\{(\w+)\}\}\}|\{\{(\w+)\}\}/gm;

/**
 * Fills `template`: `{{key}}` with the escaped value, `{{{key}}}` with the raw one, and
 * `{{#key}}…{{/key}}` keeps its content only where the value is not empty. A key without a value is an error.
 */
export function fillTemplate(template: string, values: TemplateValues, name = 'template'): string {
  const value = (key: string): string => {
    const found = Object.hasOwn(values, key) ? values[key] : undefined;
    if (found === undefined) throw new BuildError('TEMPLATE', `${name} uses {{${key}}}, which the build does not provide`);
    return String(found);
  };
  // A section's content comes from the template, never from a value, so filling it in turn is safe.
  const fill = (text: string): string =>
    text.replace(PLACEHOLDER, (_match, indent?: string, section?: string, inner?: string, end?: string, raw?: string, escaped?: string) => {
      if (section !== undefined) {
        if (value(section) !== '') return `${indent ?? ''}${fill(inner ?? '')}${end ?? ''}`;
        // An empty section alone on its lines takes them along; one within a line leaves the rest of it.
        return indent !== undefined && end !== undefined ? '' : `${indent ?? ''}${end ?? ''}`;
      }
      if (raw !== undefined) return value(raw);
      return escapeHtml(value(escaped ?? ''));
    });
  return fill(template);
}

/** Escapes text for HTML and XHTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Escapes text for a double-quoted CSS string inside a <style> element. */
export function escapeCssString(text: string): string {
  return text.replace(/[\\"<>\n\r]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `);
}
