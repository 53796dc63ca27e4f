import { basename } from 'node:path';

/**
 * The slug a manuscript gets when its front matter names none: its file name in the slug alphabet of
 * the front matter (`a-z`, `0-9`, single hyphens), Vietnamese and other Latin letters without their
 * marks: `Giảm 50% học phí.md` gives `giam-50-hoc-phi`. A slug is a file name and a URL path in every
 * product: `%` or `#` in one broke both. Undefined when nothing of the name is left (`文章.md`).
 */
export function slugFromFileName(path: string): string | undefined {
  const slug = basename(path, '.md')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug === '' ? undefined : slug;
}
