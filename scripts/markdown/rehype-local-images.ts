import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { posix } from 'node:path';
import { visit } from 'unist-util-visit';
import { excerpt } from '../excerpt.ts';

/** An image a manuscript refers to, as written and as it will be served. */
export interface ImageReference {
  /** The path as written, relative to the Markdown file, normalised (`images/a.jpg`). */
  path: string;
  /** Where the products serve it from, relative to the output folder. */
  url: string;
  place: { line: number; column: number };
}

declare module 'vfile' {
  interface DataMap {
    slug: string;
    images: ImageReference[];
  }
}

/**
 * Checks every `<img src>` is a relative path that stays inside the manuscript's folder, records it in
 * `file.data.images` and points it at the output's `media/<slug>/` folder. Remote and absolute sources
 * are errors: a build never fetches or reads what a manuscript points at outside its own folder.
 */
export function rehypeLocalImages() {
  return (tree: Root, file: VFile) => {
    const slug = file.data.slug ?? 'article';
    const images: ImageReference[] = [];
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'img') return;
      const place = node.position?.start ?? { line: 1, column: 1 };
      const src = typeof node.properties.src === 'string' ? node.properties.src : '';
      const problem = checkSource(src);
      if (problem) {
        const message = file.message(problem, { place, ruleId: 'image-source', source: 'folio' });
        message.fatal = true;
        if (parent && index !== undefined) parent.children.splice(index, 1);
        return index;
      }
      const path = posix.normalize(decodeURI(src.split(/[?#]/)[0] ?? ''));
      const url = `media/${slug}/${path}`;
      node.properties.src = url;
      if (typeof node.properties.alt !== 'string' || node.properties.alt.trim() === '') {
        file.message(`image \`${excerpt(src)}\` has no alt text: describe it for readers who cannot see it, as in ![what it shows](${excerpt(src)})`, {
          place,
          ruleId: 'image-alt',
          source: 'folio',
        });
      }
      if (!images.some((image) => image.path === path)) images.push({ path, url, place });
      return undefined;
    });
    file.data.images = images;
  };
}

function checkSource(src: string): string | undefined {
  if (src === '') return 'image without a source: write the path of a file under images/, as in ![caption](images/photo.jpg)';
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
    return `remote image \`${excerpt(src)}\` is never fetched: save the file under images/ next to the manuscript and refer to it as images/<name>`;
  }
  let decoded: string;
  try {
    decoded = decodeURI(src);
  } catch {
    return `image path \`${excerpt(src)}\` is not a valid path: write it as a plain relative path such as images/photo.jpg`;
  }
  if (decoded.startsWith('/') || decoded.startsWith('\\')) {
    return `absolute image path \`${excerpt(src)}\`: only files inside the manuscript folder are used; copy it under images/ and write images/<name>`;
  }
  const normal = posix.normalize(decoded.replace(/\\/g, '/'));
  if (normal === '..' || normal.startsWith('../')) {
    return `image path \`${excerpt(src)}\` leaves the manuscript folder: copy the file under images/ and write images/<name>`;
  }
  return undefined;
}
