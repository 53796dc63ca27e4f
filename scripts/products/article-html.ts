import { primaryLanguage } from '../labels.ts';
import type { Article } from '../manuscript/load-article.ts';
import { splitCodes, UNBREAKABLE_CLASS } from '../markdown/rehype-unbreakable-codes.ts';
import { escapeHtml, fillTemplate, loadTemplate } from '../templates.ts';

/** One formatter a language: making one costs far more than using it. */
const dateFormats = new Map<string, (date: Date) => string>();

/**
 * The article's date as the papers of its language write it: "Thứ Sáu, 25/8/2023" in Vietnamese (the
 * long form "25 tháng 8, 2023" puts an English comma in it), the long form elsewhere.
 */
export function displayDate(matter: { lang: string; date: string }): string {
  let format = dateFormats.get(matter.lang);
  if (!format) {
    if (primaryLanguage(matter.lang) === 'vi') {
      const weekday = new Intl.DateTimeFormat(matter.lang, { weekday: 'long', timeZone: 'UTC' });
      format = (date) => `${weekday.format(date)}, ${date.getUTCDate()}/${date.getUTCMonth() + 1}/${date.getUTCFullYear()}`;
    } else {
      const full = new Intl.DateTimeFormat(matter.lang, { dateStyle: 'full', timeZone: 'UTC' });
      format = (date) => full.format(date);
    }
    dateFormats.set(matter.lang, format);
  }
  return format(new Date(`${matter.date}T00:00:00Z`));
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
    // Without a credit or a source there is no footer: an empty one would print its rule alone.
    footer: (matter.credit ?? matter.author ?? matter.source) ? 'footer' : '',
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
