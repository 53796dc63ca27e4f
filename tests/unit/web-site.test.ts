import { describe, expect, it } from 'vitest';
import type { IndexEntry } from '../../scripts/products/index-page.ts';
import { pageTitle } from '../../scripts/products/page-metadata.ts';
import { renderSite, siteInfo } from '../../scripts/products/render-site.ts';
import type { Download } from '../../scripts/products/web.ts';

const SETTINGS = {
  name: 'Bản tin Nông nghiệp',
  organisation: 'Hội Nông dân',
  lang: 'vi',
  url: 'https://example.org/ban-tin',
  description: 'Tin nhà nông mỗi tháng.',
  colophon: {},
  press: { trim: { width: 148, height: 210 } },
};

function downloads(name: string): Download[] {
  return [
    { name: `${name}.pdf`, label: 'PDF để đọc và lưu', format: 'PDF', type: 'application/pdf', size: 120_000, use: 'read' },
    { name: `${name}.epub`, label: 'Sách điện tử EPUB', format: 'EPUB', type: 'application/epub+zip', size: 90_000, use: 'read' },
    { name: `${name}.print.pdf`, label: 'Bản in A5 cho nhà in', format: 'PDF', type: 'application/pdf', size: 100_000, use: 'print' },
    { name: `${name}.booklet.pdf`, label: 'Bản in gập A4 cho máy in văn phòng', format: 'PDF', type: 'application/pdf', size: 100_000, use: 'print' },
  ];
}

function article(name: string, title: string, isoDate: string, image?: boolean): IndexEntry {
  return {
    kind: 'article',
    name,
    title,
    lang: 'vi',
    isoDate,
    publisher: 'Hội Nông dân',
    description: `Về ${title.toLowerCase()}.`,
    downloads: downloads(name),
    web: {
      main: `<article><h1>${title}</h1></article>`,
      author: 'Lê Văn An',
      keywords: ['chè'],
      ...(image ? { image: { url: `media/${name}/images/doi-che.jpg`, width: 1200, height: 800, alt: 'Đồi chè' } } : {}),
    },
  };
}

const ENTRIES: IndexEntry[] = [
  article('vu-che', 'Vụ chè xuân', '2024-06-01', true),
  article('gia-ca', 'Giá cả thị trường', '2024-06-01'),
  article('lich-mua-vu', 'Lịch thời vụ', '2024-06-01'),
  article('ngoai-so', 'Một bài không thuộc số nào', '2024-05-20'),
  {
    kind: 'issue',
    name: 'issues/so-1',
    title: 'Bản tin Nông nghiệp, Số 1',
    lang: 'vi',
    isoDate: '2024-06-01',
    publisher: 'Hội Nông dân',
    downloads: downloads('issues/so-1'),
    web: { main: '<section class="issue-front"></section>', author: 'Hội Nông dân', keywords: [], articles: ['vu-che', 'gia-ca', 'lich-mua-vu'], issueNumber: 1 },
  },
];

async function site(settings: typeof SETTINGS | undefined = SETTINGS): Promise<Map<string, string>> {
  const files = await renderSite(ENTRIES, siteInfo(settings, ENTRIES), true);
  return new Map(files.map((file) => [file.name, String(file.bytes)]));
}

const head = (html: string) => html.slice(0, html.indexOf('</head>'));

describe('the web edition as a site', () => {
  it('links every page’s nameplate to the front page, which carries the publication’s name and description', async () => {
    const pages = await site();
    expect(pages.get('gia-ca.html')).toContain('<a class="site-name" href="index.html">Bản tin Nông nghiệp</a>');
    expect(pages.get('issues/so-1.html')).toContain('<a class="site-name" href="../index.html">Bản tin Nông nghiệp</a>');
    const front = pages.get('index.html') ?? '';
    expect(front).toMatch(/<h1 class="title">Bản tin Nông nghiệp<\/h1>\s*<p class="front-description">Tin nhà nông mỗi tháng\.<\/p>/);
    expect(front).not.toContain('Các ấn phẩm');
  });

  it('links an article to its issue and to the articles before and after it there', async () => {
    const middle = (await site()).get('gia-ca.html') ?? '';
    expect(middle).toContain('<a href="issues/so-1.html">Bản tin Nông nghiệp, Số 1</a>');
    expect(middle).toMatch(/<a href="vu-che.html" rel="prev"><span class="nav-label">Bài trước<\/span> <span class="nav-title">Vụ chè xuân<\/span><\/a>/);
    expect(middle).toMatch(/<a href="lich-mua-vu.html" rel="next"><span class="nav-label">Bài tiếp theo<\/span> <span class="nav-title">Lịch thời vụ<\/span><\/a>/);
    const first = (await site()).get('vu-che.html') ?? '';
    expect(first).not.toContain('rel="prev"');
    expect(first).toContain('href="gia-ca.html" rel="next"');
    expect((await site()).get('ngoai-so.html')).not.toContain('class="article-nav"');
  });

  it('gives search engines and shared links the page’s address, picture, date and description', async () => {
    const page = head((await site()).get('vu-che.html') ?? '');
    expect(page).toContain('<link rel="canonical" href="https://example.org/ban-tin/vu-che.html">');
    expect(page).toContain('<meta property="og:image" content="https://example.org/ban-tin/media/vu-che/images/doi-che.jpg">');
    expect(page).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(page).toContain('<meta property="article:published_time" content="2024-06-01">');
    expect(page).toContain('<meta name="dcterms.date" content="2024-06-01">');
    expect(page).toContain('<link rel="alternate" href="vu-che.pdf" type="application/pdf" title="PDF để đọc và lưu">');
    expect(page).toContain('<link rel="alternate" href="vu-che.epub" type="application/epub+zip" title="Sách điện tử EPUB">');
    const json = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(page)?.[1] ?? '{}') as Record<string, unknown>;
    expect(json).toMatchObject({ '@type': 'NewsArticle', headline: 'Vụ chè xuân', datePublished: '2024-06-01', author: { '@type': 'Person', name: 'Lê Văn An' } });
  });

  it('writes an Atom feed and a sitemap of absolute addresses, newest first, the same at every build', async () => {
    const pages = await site();
    const feed = pages.get('feed.xml') ?? '';
    expect(feed).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(feed).toContain('<id>https://example.org/ban-tin/issues/so-1.html</id>');
    expect(feed).toContain('<updated>2024-06-01T00:00:00.000Z</updated>');
    expect(feed.indexOf('vu-che.html')).toBeLessThan(feed.indexOf('ngoai-so.html'));
    expect(pages.get('sitemap.xml')).toContain('<url><loc>https://example.org/ban-tin/gia-ca.html</loc><lastmod>2024-06-01</lastmod></url>');
    expect((await site()).get('feed.xml')).toBe(feed);
    expect(head(pages.get('index.html') ?? '')).toContain('<link rel="alternate" href="feed.xml" type="application/atom+xml"');
  });

  it('gives the feed a headline with markup characters as the text it is', async () => {
    const entry = { ...article('gia-ca', 'Giá < 5 triệu & <b>tăng</b>', '2024-06-02'), description: 'Từ "A" & B.' };
    const files = await renderSite([entry], siteInfo(SETTINGS, [entry]), true);
    const feed = String(files.find((file) => file.name === 'feed.xml')?.bytes);
    expect(feed).toContain('<title type="html"><![CDATA[Giá &lt; 5 triệu &amp; &lt;b&gt;tăng&lt;/b&gt;]]></title>');
    expect(feed).toContain('<summary type="html"><![CDATA[Từ &quot;A&quot; &amp; B.]]></summary>');
  });

  it('makes no feed, sitemap nor absolute address without the site’s address', async () => {
    const pages = await site({ ...SETTINGS, url: undefined } as unknown as typeof SETTINGS);
    expect([...pages.keys()].filter((name) => !name.endsWith('.html'))).toEqual([]);
    expect(pages.get('vu-che.html')).not.toMatch(/canonical|og:image|https:\/\/example/);
  });

  it('opens the reading PDF in the browser, groups the copies to print, and names each link after its publication', async () => {
    const page = (await site()).get('gia-ca.html') ?? '';
    expect(page).toContain('<a href="gia-ca.pdf" type="application/pdf">PDF để đọc và lưu<span class="sr-only">: Giá cả thị trường</span></a>');
    expect(page).toContain('<a href="gia-ca.epub" type="application/epub+zip" download>');
    const printing = page.slice(page.indexOf('<h3 id="downloads-print-title">Để in bản tin trên giấy</h3>'));
    expect(printing).toContain('href="gia-ca.print.pdf"');
    expect(printing).toContain('href="gia-ca.booklet.pdf"');
    const front = (await site()).get('index.html') ?? '';
    expect(front).toContain('PDF để đọc và lưu<span class="sr-only">: Vụ chè xuân</span>');
    expect(front).toContain('PDF để đọc và lưu<span class="sr-only">: Lịch thời vụ</span>');
  });
});

describe('a page’s title', () => {
  it('is the headline then the publication, at most about 70 characters', () => {
    expect(pageTitle('Vụ chè xuân', 'Bản tin Nông nghiệp')).toBe('Vụ chè xuân – Bản tin Nông nghiệp');
    const long = 'Tăng cường nhiệm vụ bảo vệ Tổ quốc trên không gian mạng trong tình hình mới và những năm tiếp theo';
    const title = pageTitle(long, 'Báo Bắc Giang');
    expect(title.length).toBeLessThanOrEqual(70);
    expect(title).toMatch(/^Tăng cường nhiệm vụ bảo vệ Tổ quốc .*\S…$/);
    expect(pageTitle('Bản tin Nông nghiệp', 'Bản tin Nông nghiệp')).toBe('Bản tin Nông nghiệp');
  });
});
