import type { VFile } from 'vfile';
import { labelsFor, type Labels } from '../labels.ts';
import type { Article } from '../manuscript/load-article.ts';
import type { ImageAsset } from '../manuscript/load-images.ts';
import type { IssueSource } from '../manuscript/read-issues.ts';
import type { Place } from '../manuscript/read-yaml.ts';
import type { Settings } from '../manuscript/settings-schema.ts';
import { A5, mm, type PaperSize } from '../products/paper.ts';

/** What an issue adds to a publication: the bulletin it belongs to, its number and its colophon. */
export interface IssueInfo {
  number: number;
  /** The bulletin's name, printed in the masthead and the running head. */
  bulletin: string;
  organisation: string;
  colophon: Settings['colophon'];
  /** Where the issue file lists its articles: the place of an error about the issue's length. */
  articlesPlace: Place;
  /** The issue's own title, if it has one. */
  title?: string;
  cover?: ImageAsset;
}

/**
 * The unit every product renders: one article alone, or an issue of many in order. Products read
 * their words, dates and metadata from here, never from an article's front matter directly.
 */
export interface Publication {
  kind: 'article' | 'issue';
  /** The products' path in the output folder, without extension: `<slug>` or `issues/<issue>`. */
  name: string;
  /** Where messages about the publication as a whole go: the manuscript, or the issue file. */
  file: VFile;
  lang: string;
  labels: Labels;
  title: string;
  /** The publication date as written, YYYY-MM-DD. */
  isoDate: string;
  /** The only time a product carries: the date, or SOURCE_DATE_EPOCH where set. */
  date: Date;
  author: string;
  publisher: string;
  description?: string;
  keywords: string[];
  articles: Article[];
  /** The press copy's trimmed page. */
  trim: PaperSize;
  /** The printer's CMYK profile (absolute path) the press copy is made for, where the settings name one. */
  pressProfile?: string;
  /** The site's address, ending in `/`, where the settings give one: links to articles outside the publication go there. */
  url?: string;
  issue?: IssueInfo;
}

/** A publication of one article: its own products, as a folder of articles has always had. */
export function articlePublication(article: Article, settings?: Settings): Publication {
  const { matter } = article;
  return {
    kind: 'article',
    name: article.slug,
    file: article.file,
    lang: matter.lang,
    labels: article.labels,
    title: matter.title,
    isoDate: matter.date,
    date: article.date,
    author: matter.author ?? matter.publisher,
    publisher: matter.publisher,
    ...(matter.description ? { description: matter.description } : {}),
    keywords: matter.keywords,
    articles: [article],
    trim: pressTrim(settings),
    ...(settings?.press.profile ? { pressProfile: settings.press.profile } : {}),
    ...(settings?.url ? { url: siteAddress(settings.url) } : {}),
  };
}

/** A publication of an issue: its articles in the issue's order, under the bulletin's name and number. */
export function issuePublication(source: IssueSource, articles: readonly Article[], settings: Settings, date: Date, cover?: ImageAsset): Publication {
  const matter = source.matter as NonNullable<IssueSource['matter']>;
  const labels = labelsFor(settings.lang);
  const numbered = `${settings.name}, ${labels.issueNumber} ${matter.number}`;
  return {
    kind: 'issue',
    name: `issues/${source.name}`,
    file: source.file,
    lang: settings.lang,
    labels,
    title: matter.title ? `${numbered}: ${matter.title}` : numbered,
    isoDate: matter.date,
    date,
    author: settings.organisation,
    publisher: settings.organisation,
    ...(settings.description ? { description: settings.description } : {}),
    keywords: [...new Set(articles.flatMap((article) => article.matter.keywords))],
    articles: [...articles],
    trim: pressTrim(settings),
    ...(settings.press.profile ? { pressProfile: settings.press.profile } : {}),
    ...(settings.url ? { url: siteAddress(settings.url) } : {}),
    issue: {
      number: matter.number,
      bulletin: settings.name,
      organisation: settings.organisation,
      colophon: settings.colophon,
      articlesPlace: source.placeOf(['articles']),
      ...(matter.title ? { title: matter.title } : {}),
      ...(cover ? { cover } : {}),
    },
  };
}

/** The press copy's trimmed page, as the settings give it; A5 without settings. */
export function pressTrim(settings: Settings | undefined): PaperSize {
  if (!settings) return A5;
  return { width: mm(settings.press.trim.width), height: mm(settings.press.trim.height) };
}

/** The site's address as the settings give it, ending in `/`, so that the site's paths resolve inside it. */
export function siteAddress(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Where a product of `publication` finds a file of the output folder: issues sit one folder down. */
export function siteRoot(publication: Pick<Publication, 'name'>): string {
  return '../'.repeat(publication.name.split('/').length - 1);
}
