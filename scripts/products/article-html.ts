import type { Article } from '../manuscript/load-article.ts';
import { fillTemplate, loadTemplate } from '../templates.ts';

/** The article's date as readers of its language write it ("Thứ Sáu, 25 tháng 8, 2023"). */
export function displayDate(article: Article): string {
  return new Intl.DateTimeFormat(article.matter.lang, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${article.matter.date}T00:00:00Z`));
}

/** The values every template of an article can use. */
export function articleValues(article: Article) {
  const { matter } = article;
  return {
    lang: matter.lang,
    title: matter.title,
    publisher: matter.publisher,
    author: matter.author,
    credit: matter.credit ?? matter.author,
    description: matter.description,
    keywords: matter.keywords.join(', '),
    source: matter.source ?? '',
    sourceLabel: article.labels.source,
    isoDate: matter.date,
    displayDate: displayDate(article),
  };
}

/** The article as the editions print it: masthead, title, body, credit and source. */
export async function renderArticle(article: Article, body: string = article.body): Promise<string> {
  return fillTemplate(await loadTemplate('article.html'), { ...articleValues(article), body }, 'article.html');
}
