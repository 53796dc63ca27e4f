import type { Article } from '../manuscript/load-article.ts';
import { splitCodes, UNBREAKABLE_CLASS } from '../markdown/rehype-unbreakable-codes.ts';
import { escapeHtml, fillTemplate, loadTemplate } from '../templates.ts';

/** One formatter a language: making one costs far more than using it. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The article's date as readers of its language write it ("Thứ Sáu, 25 tháng 8, 2023"). */
export function displayDate(matter: { lang: string; date: string }): string {
  let format = dateFormats.get(matter.lang);
  if (!format) {
    format = new Intl.DateTimeFormat(matter.lang, { dateStyle: 'full', timeZone: 'UTC' });
    dateFormats.set(matter.lang, format);
  }
  return format.format(new Date(`${matter.date}T00:00:00Z`));
}

/** The values every template of an article can use. */
export function articleValues(article: Pick<Article, 'matter' | 'labels'>) {
  const { matter } = article;
  return {
    lang: matter.lang,
    title: matter.title,
    publisher: matter.publisher,
    author: matter.author ?? matter.publisher,
    // An article whose author the settings stand for carries no credit line of its own.
    credit: matter.credit ?? matter.author ?? '',
    description: matter.description ?? '',
    titleHtml: unbreakableCodesHtml(matter.title),
    descriptionHtml: unbreakableCodesHtml(matter.description ?? ''),
    keywords: matter.keywords.join(', '),
    source: matter.source ?? '',
    sourceLabel: article.labels.source,
    isoDate: matter.date,
    displayDate: displayDate(matter),
  };
}

/** Text as HTML, each code it holds kept on one line, as rehypeUnbreakableCodes does in the body. */
export function unbreakableCodesHtml(text: string): string {
  return splitCodes(text)
    .map((part) => (part.code ? `<span class="${UNBREAKABLE_CLASS}">${escapeHtml(part.value)}</span>` : escapeHtml(part.value)))
    .join('');
}

/** The article as the editions print it: masthead, title, body, credit and source. */
export async function renderArticle(article: Article, body: string = article.body): Promise<string> {
  return fillTemplate(await loadTemplate('article.html'), { ...articleValues(article), body }, 'article.html');
}
