import type { Labels } from '../labels.ts';
import { fillTemplate, loadTemplate } from '../templates.ts';
import { unbreakableCodesHtml } from './article-html.ts';
import { newestFirst, type IndexEntry } from './index-page.ts';
import { hrefFrom } from './web.ts';

/** An article's place in an issue that holds it: the issue, and the articles before and after it there. */
export interface IssuePlace {
  issue: IndexEntry;
  previous?: IndexEntry;
  next?: IndexEntry;
}

/** Every article's places in the issues, newest issue first, by the article's name. */
export function issuePlaces(entries: readonly IndexEntry[]): Map<string, IssuePlace[]> {
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const places = new Map<string, IssuePlace[]>();
  for (const issue of entries.filter((entry) => entry.kind === 'issue').sort(newestFirst)) {
    const names = issue.web.articles ?? [];
    names.forEach((name, index) => {
      const previous = byName.get(names[index - 1] ?? '');
      const next = byName.get(names[index + 1] ?? '');
      const place = { issue, ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
      places.set(name, [...(places.get(name) ?? []), place]);
    });
  }
  return places;
}

/** The links from the page at `from` to the issues that hold its article and to the articles around it there. */
export async function renderArticleNavigation(places: readonly IssuePlace[], from: string, labels: Labels): Promise<string> {
  const [navTemplate, itemTemplate] = await Promise.all([loadTemplate('article-nav.html'), loadTemplate('article-nav-item.html')]);
  const item = (rel: 'prev' | 'next', entry: IndexEntry | undefined) =>
    entry
      ? [
          fillTemplate(
            itemTemplate,
            { rel, href: hrefFrom(from, `${entry.name}.html`), label: rel === 'prev' ? labels.previousArticle : labels.nextArticle, titleHtml: unbreakableCodesHtml(entry.title) },
            'article-nav-item.html',
          ).trimEnd(),
        ]
      : [];
  return places
    .map((place, index) =>
      fillTemplate(
        navTemplate,
        {
          id: `article-nav-${index + 1}`,
          inIssue: labels.inIssue,
          issueHref: hrefFrom(from, `${place.issue.name}.html`),
          issueTitle: place.issue.title,
          items: [...item('prev', place.previous), ...item('next', place.next)].join('\n'),
        },
        'article-nav.html',
      ).trimEnd(),
    )
    .join('\n');
}
