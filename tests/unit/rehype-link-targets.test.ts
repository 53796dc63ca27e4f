import type { Root } from 'hast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { labelsFor } from '../../scripts/labels.ts';
import { unified } from 'unified';
import { createProcessor, toHast } from '../../scripts/markdown/processor.ts';
import { rehypeLinkTargets } from '../../scripts/markdown/rehype-link-targets.ts';

/** A Markdown manuscript's body with its links made for paper. */
async function printBody(markdown: string): Promise<string> {
  const labels = labelsFor('vi');
  const processor = createProcessor(labels);
  const file = new VFile({ path: 'bai.md', value: markdown });
  const tree = await toHast(processor, file);
  return processor.stringify((await unified().use(rehypeLinkTargets, { label: labels.linkTargets }).run(tree, file)) as Root);
}

describe('links on paper', () => {
  it('numbers each address once, in order of first use, and lists the addresses at the end', async () => {
    const html = await printBody('[Một](https://a.example/), [Hai](https://b.example/x) và [lại Một](https://a.example/).');
    expect(html).toBe(
      '<p><a href="https://a.example/">Một</a><sup class="link-note">[1]</sup>, <a href="https://b.example/x">Hai</a><sup class="link-note">[2]</sup> và <a href="https://a.example/">lại Một</a><sup class="link-note">[1]</sup>.</p>\n' +
        '<section class="link-targets"><h2>Địa chỉ liên kết</h2><ol>' +
        '<li><span class="link-number">[1]</span> <span class="link-address">https://a.example/</span></li>' +
        '<li><span class="link-number">[2]</span> <span class="link-address">https://b.example/x</span></li></ol></section>',
    );
  });

  it('leaves alone footnote links and links that already show their address', async () => {
    const html = await printBody('Xem[^a] tại <https://example.org/bao-cao> hoặc <ban@example.org>.\n\n[^a]: Ghi chú.');
    expect(html).not.toContain('link-note');
    expect(html).not.toContain('link-targets');
    expect(html).toContain('<a href="https://example.org/bao-cao" class="bare-link">https://example.org/bao-cao</a>');
  });

  it('adds nothing to an article without links', async () => {
    expect(await printBody('Chỉ có chữ.')).toBe('<p>Chỉ có chữ.</p>');
  });
});
