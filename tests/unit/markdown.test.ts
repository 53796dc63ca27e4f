import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { labelsFor } from '../../scripts/labels.ts';
import { createProcessor, toHast } from '../../scripts/markdown/processor.ts';

async function render(markdown: string): Promise<{ html: string; file: VFile }> {
  const processor = createProcessor(labelsFor('vi'));
  const file = new VFile({ path: 'article.md', value: markdown });
  file.data.slug = 'bai';
  const tree = await toHast(processor, file);
  return { html: processor.stringify(tree), file };
}

describe('the Markdown pipeline', () => {
  it('sets a caption container as the caption of a photo not carried, not as a figure nor as body text', async () => {
    const { html } = await render(':::caption\nĐại tá La Công Phương phát biểu tại hội nghị.\n:::\n');
    expect(html).toBe(
      '<p class="caption-only"><span class="caption-only-label">Chú thích ảnh (ảnh không kèm theo):</span> Đại tá La Công Phương phát biểu tại hội nghị.</p>',
    );
  });

  it('gives back text that merely looks like a directive exactly as written', async () => {
    const { html } = await render('Lúc 10:30, tỉ lệ 3:2 và ghi chú:quan trọng.\n');
    expect(html).toBe('<p>Lúc 10:30, tỉ lệ 3:2 và ghi chú:quan trọng.</p>');
  });

  it('keeps reference numbers and dates on one line, and leaves other hyphenated words and code alone', async () => {
    const { html } = await render('Nghị quyết số 29-NQ/TW, ngày 25/7/2018; Nghị định 13/2023/NĐ-CP về KT-XH.\n\nTrang chinh-tri, `29-NQ/TW`.\n');
    const keep = (code: string) => `<span class="unbreakable">${code}</span>`;
    expect(html).toBe(
      `<p>Nghị quyết số ${keep('29-NQ/TW')}, ngày ${keep('25/7/2018')}; Nghị định ${keep('13/2023/NĐ-CP')} về ${keep('KT-XH')}.</p>\n` +
        '<p>Trang chinh-tri, <code>29-NQ/TW</code>.</p>',
    );
  });

  it('makes a lone image a figure with its title as caption, pointed at the output media folder', async () => {
    const { html, file } = await render('![Đồi chè](images/doi-che.png "Đồi chè vụ xuân.")\n');
    expect(html).toBe('<figure><img src="media/bai/images/doi-che.png" alt="Đồi chè"><figcaption>Đồi chè vụ xuân.</figcaption></figure>');
    expect(file.data.images).toEqual([{ path: 'images/doi-che.png', url: 'media/bai/images/doi-che.png', place: { line: 1, column: 1, offset: 0 } }]);
  });

  it.each([
    ['https://example.org/a.png', /remote image `https:\/\/example\.org\/a\.png` is never fetched: save the file under images\//],
    ['/etc/passwd', /absolute image path `\/etc\/passwd`/],
    ['../secret.png', /leaves the manuscript folder/],
    ['images/../../x.png', /leaves the manuscript folder/],
  ])('refuses the image source %s with an error at its place', async (src, reason) => {
    const { html, file } = await render(`Intro.\n\n![x](${src})\n`);
    expect(html).not.toContain('<img');
    expect(file.messages).toHaveLength(1);
    expect(file.messages[0]).toMatchObject({ fatal: true, line: 3, column: 1 });
    expect(file.messages[0]?.reason).toMatch(reason);
  });

  it('warns about an image without alt text', async () => {
    const { file } = await render('![](images/a.png)\n');
    expect(file.messages[0]?.reason).toMatch(/has no alt text/);
    expect(file.messages[0]?.fatal).not.toBe(true);
  });

  it('labels footnotes in the article’s language and links them both ways', async () => {
    const { html } = await render('Giá tăng[^1].\n\n[^1]: Số liệu tháng 5.\n');
    expect(html).toContain('<h2 class="sr-only" id="footnote-label">Chú thích</h2>');
    expect(html).toContain('<a href="#fn-1" id="fnref-1" data-footnote-ref="" aria-describedby="footnote-label">1</a>');
    expect(html).toContain('<a href="#fnref-1" data-footnote-backref="" aria-label="^ Quay lại nội dung 1" class="data-footnote-backref">^</a>');
  });

  it('aligns table columns with classes, not with the obsolete align attribute', async () => {
    const { html } = await render('| Thôn | Sản lượng |\n| :-: | --: |\n| Phồn Xương | 36,7 |\n\n<table><tr><td align="RIGHT">1</td><td align="middle">2</td></tr></table>\n');
    expect(html).not.toContain('align=');
    expect(html).toContain('<th class="align-center">Thôn</th>');
    expect(html).toContain('<td class="align-right">36,7</td>');
    expect(html).toContain('<td class="align-right">1</td><td>2</td>');
  });

  it('marks the links whose text is their own address, which a printed page need not repeat', async () => {
    const { html } = await render('Xem <https://example.org/gia> và [bảng giá](https://example.org/gia), hoặc https://example.org/lich.\n');
    expect(html).toContain('<a href="https://example.org/gia" class="bare-link">https://example.org/gia</a>');
    expect(html).toContain('<a href="https://example.org/gia">bảng giá</a>');
    expect(html).toContain('<a href="https://example.org/lich" class="bare-link">https://example.org/lich</a>');
  });

  it('gives headings stable ids', async () => {
    const { html } = await render('## Sản lượng theo thôn\n');
    expect(html).toBe('<h2 id="sản-lượng-theo-thôn">Sản lượng theo thôn</h2>');
  });

  it('removes scripts and event handlers from raw HTML', async () => {
    const { html } = await render('<p onclick="alert(1)">Chữ</p>\n\n<script>alert(1)</script>\n');
    expect(html).not.toMatch(/<script|onclick|alert/);
    expect(html).toContain('<p>Chữ</p>');
  });
});
