import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { articleSchema, frontMatterSchema, knownFrontMatterKeys, type FrontMatter } from './front-matter-schema.ts';
import { fail, readYaml } from './read-yaml.ts';
import type { Settings } from './settings-schema.ts';

const FENCE = /^---\n([\s\S]*?\n)?---(?:\n|$)/;

/**
 * Parses and validates the YAML front matter at the top of `file`. Beside a publication.yaml, the
 * publication's settings give the publisher and the language, and the author may be left out.
 * Every problem becomes a message at the key or value it concerns; returns undefined when any is fatal.
 */
export function readFrontMatter(file: VFile, settings?: Settings): FrontMatter | undefined {
  const text = String(file.value);
  const fence = FENCE.exec(text);
  if (!fence) {
    const keys = settings ? 'title, date' : 'title, lang, date, author, publisher';
    fail(file, `missing front matter: start the file with a \`---\` line, the YAML keys (${keys}), and a closing \`---\` line`, location(file).toPoint(0) ?? { line: 1, column: 1 }, 'front-matter-missing');
    return undefined;
  }
  const subject = { what: 'front matter', offset: 4, knownKeys: knownFrontMatterKeys };
  if (!settings) return readYaml(file, fence[1] ?? '', frontMatterSchema, subject)?.value;
  return readYaml(file, fence[1] ?? '', articleSchema, subject, { lang: settings.lang, publisher: settings.organisation })?.value;
}
