import { createHash } from 'node:crypto';
import type { Publication } from '../../publication/publication.ts';

/** A `urn:uuid:` derived from the publication's name, title and date: stable across builds, distinct per publication. */
export function epubIdentifier(publication: Pick<Publication, 'name' | 'title' | 'isoDate'>): string {
  const hex = createHash('sha256').update(`${publication.name}\n${publication.title}\n${publication.isoDate}`).digest('hex');
  // A name-based (version 5 style) UUID: the version and variant bits make it a well-formed RFC 9562 UUID.
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
