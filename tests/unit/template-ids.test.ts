import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build-fixture.ts';
import { TEMPLATE_IDS } from '../../scripts/markdown/processor.ts';

describe('ids of the templates around an article', () => {
  it('are all kept from the article\'s own ids', async () => {
    const dir = join(ROOT, 'templates');
    // The documents an article's body is inserted into; the EPUB's other documents are files of their own.
    const names = (await readdir(dir)).filter((name) => name.endsWith('.html'));
    const ids = new Set<string>();
    for (const name of [...names, 'epub/chapter.xhtml.ejs']) {
      for (const match of (await readFile(join(dir, name), 'utf8')).matchAll(/\sid="([^"{<]+)"/g)) ids.add(match[1] ?? '');
    }
    expect(ids.size).toBeGreaterThan(0);
    expect([...ids].filter((id) => !TEMPLATE_IDS.includes(id))).toEqual([]);
  });
});
