import type { VFile } from 'vfile';

/** The endings of a publication's products after its name: web edition, PDF, press copy, booklet, EPUB. */
export const PRODUCT_ENDINGS = ['.html', '.pdf', '.print.pdf', '.booklet.pdf', '.epub'] as const;

/** Names of the output folder that belong to the build itself, not to a publication. */
const RESERVED = new Set(['index.html']);

/** A publication about to be written: its products' name, the file it comes from, and where that file sets the name. */
export interface NamedPublication {
  name: string;
  file: VFile;
  place: { line: number; column: number };
}

/**
 * Reports, as an error at both places, every two publications whose products would share a file name
 * (the same slug, or `a` beside `a.print`, whose web edition is `a.print.html` and whose PDF would
 * overwrite the press copy of `a`), and a publication whose product is one of the build's own files
 * (a slug `index`). Checked before anything is rendered: one would silently replace the other.
 */
export function checkProductNames(publications: readonly NamedPublication[]): void {
  const owners = new Map<string, NamedPublication>();
  for (const publication of publications) {
    for (const ending of PRODUCT_ENDINGS) {
      const product = `${publication.name}${ending}`;
      if (RESERVED.has(product)) {
        fail(publication, `its products would be named ${product}, which is the build's own ${product}: choose another slug in the front matter (\`slug: …\`) or rename the file`);
        break;
      }
      const owner = owners.get(product);
      if (owner && owner !== publication) {
        const clash = `${product} would be written by both ${owner.file.path} and ${publication.file.path}`;
        fail(publication, `${clash}: give each manuscript a slug of its own (\`slug: …\` in the front matter)`);
        fail(owner, `${clash}: give each manuscript a slug of its own (\`slug: …\` in the front matter)`);
        break;
      }
      owners.set(product, publication);
    }
  }
}

function fail(publication: NamedPublication, reason: string): void {
  const message = publication.file.message(reason, { place: publication.place, ruleId: 'product-name', source: 'folio' });
  message.fatal = true;
}
