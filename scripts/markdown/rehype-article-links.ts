import type { Root } from 'hast';
import { posix } from 'node:path';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { ARTICLE_LINK } from './article-links.ts';

/** A link from one manuscript to another (and to an id in it), with its place for messages. */
export interface ArticleLink {
  manuscript: string;
  id?: string;
  place: { line: number; column: number };
}

declare module 'vfile' {
  interface DataMap {
    articleLinks: ArticleLink[];
  }
}

/** The id a fragment names: Markdown percent-encodes the non-ASCII letters of `#vật-tư`. */
function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Options of rehypeArticleLinks: the file names of the manuscripts beside this one. */
export interface ArticleLinksOptions {
  manuscripts: ReadonlySet<string>;
}

/**
 * Marks every link to another manuscript's `.md` file (`[text](other.md#part)`) as a link to that
 * article, `folio-article:other.md#part`, which each product resolves to where the article is in it:
 * its web edition, its page of an issue, its chapter. A link to a `.md` file that is not a manuscript
 * of the folder is a warning, and stays text.
 */
export function rehypeArticleLinks(options: ArticleLinksOptions) {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return;
      const href = node.properties.href;
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/') || href.startsWith('#')) return;
      const [path = '', fragment] = href.split('#', 2);
      if (!/\.md$/i.test(path)) return;
      let name: string;
      try {
        name = posix.normalize(decodeURI(path)).replace(/^\.\//, '');
      } catch {
        name = path;
      }
      if (!options.manuscripts.has(name)) {
        file.message(`link to \`${href}\`, which is not a manuscript of this folder: link to a *.md file beside this one, such as [text](other-article.md)`, {
          place: node.position?.start ?? { line: 1, column: 1 },
          ruleId: 'article-link',
          source: 'folio',
        });
        delete node.properties.href;
        return;
      }
      const id = fragment === undefined || fragment === '' ? undefined : decodeFragment(fragment);
      node.properties.href = `${ARTICLE_LINK}${name}${id === undefined ? '' : `#${id}`}`;
      const links = (file.data.articleLinks ??= []);
      links.push({ manuscript: name, ...(id === undefined ? {} : { id }), place: node.position?.start ?? { line: 1, column: 1 } });
    });
  };
}
