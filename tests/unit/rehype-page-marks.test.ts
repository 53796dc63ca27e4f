import type { Root } from 'hast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { labelsFor } from '../../scripts/labels.ts';
import { createPrintTransform, createProcessor, toHast } from '../../scripts/markdown/processor.ts';
import { insertPageBreaks } from '../../scripts/products/epub/insert-page-breaks.ts';
import { pageBreaks } from '../../scripts/products/page-marks.ts';

/** A Markdown manuscript's body as the press copy prints it. */
async function pressBody(markdown: string): Promise<string> {
  const labels = labelsFor('vi');
  const processor = createProcessor(labels);
  const file = new VFile({ path: 'bai.md', value: markdown });
  const tree = await toHast(processor, file);
  return processor.stringify((await createPrintTransform(labels).run(tree, file)) as Root);
}

describe('page marks', () => {
  it('gives each block of the press body an id, keeping a heading\'s own and one an author took, and links to each in order', async () => {
    const html = await pressBody('Một.\n\n## Hai\n\n<p id="page-mark-3">Ba.</p>\n\n- bốn\n');
    expect(html).toContain('<p id="page-mark-1">Một.</p>');
    expect(html).toContain('<h2 id="hai">Hai</h2>');
    expect(html).toContain('<ul id="page-mark-4">');
    expect(html).toContain('<div class="page-marks" aria-hidden="true"><a href="#page-mark-1"></a><a href="#hai"></a><a href="#page-mark-3"></a><a href="#page-mark-4"></a></div>');
  });

  it('breaks each page before the first block that starts on it, or after the paragraph a break cuts', () => {
    // Blocks start on pages 1, 1, 2, 4, 4: page 3 starts inside the third block; page 5 holds only the end of the last.
    expect(pageBreaks({ first: 1, last: 5, blocks: [1, 1, 2, 4, 4] })).toEqual([
      { page: 1, before: 0 },
      { page: 2, before: 2 },
      { page: 3, before: 3 },
      { page: 4, before: 3 },
      { page: 5, before: 5 },
    ]);
    expect(pageBreaks({ first: 3, last: 3, blocks: [3, 3] })).toEqual([{ page: 3, before: 0 }]);
  });

  it('marks the EPUB body in page order, with ids that no author id takes', () => {
    const { html, markers } = insertPageBreaks('<p>Một.</p>\n<p id="print-page-2">Hai.</p>\n<p>Ba.</p>', { first: 1, last: 2, blocks: [1, 2, 2] });
    expect(html).toBe(
      '<span epub:type="pagebreak" role="doc-pagebreak" id="print-page-1" aria-label="1"></span><p>Một.</p>\n' +
        '<span epub:type="pagebreak" role="doc-pagebreak" id="print-page-2-" aria-label="2"></span><p id="print-page-2">Hai.</p>\n<p>Ba.</p>',
    );
    expect([...markers]).toEqual([
      [2, 'print-page-2-'],
      [1, 'print-page-1'],
    ]);
  });
});
