import type { SiteFile } from '../browser/page-pool.ts';
import type { ImageUse } from '../images/image-variants.ts';
import type { Publication } from '../publication/publication.ts';
import { paperMedia, publicationMedia, type StandIn } from '../site.ts';
import { textColumnsMm } from './paper.ts';
import type { RenderContext } from './pdf.ts';

/** The image files one product of `publication` shows, sized for it (see images/image-variants.ts). */
export function mediaFor(publication: Publication, context: Pick<RenderContext, 'images'>, use: ImageUse): Promise<Map<string, SiteFile>> {
  return publicationMedia(publication, context.images, use, textColumnsMm(publication.trim));
}

/** The image files a paper edition of `publication` gives Chromium, its JPEGs as stand-ins (see placed-images.ts). */
export function paperMediaFor(publication: Publication, context: Pick<RenderContext, 'images'>, use: 'download' | 'press'): Promise<{ media: Map<string, SiteFile>; standIns: StandIn[] }> {
  return paperMedia(publication, context.images, use, textColumnsMm(publication.trim));
}
