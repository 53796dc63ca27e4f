import { describe, expect, it } from 'vitest';
import { slugFromFileName } from '../../scripts/manuscript/slug-from-file-name.ts';

describe('the slug a manuscript gets from its file name', () => {
  it.each([
    ['manuscript/giam-50%-hoc-phi.md', 'giam-50-hoc-phi'],
    ['issue-#12.md', 'issue-12'],
    ['Tăng cường bảo vệ Tổ quốc.md', 'tang-cuong-bao-ve-to-quoc'],
    ['Đường   Điện--Biên.md', 'duong-dien-bien'],
    ['already-a-slug.md', 'already-a-slug'],
  ])('%s gives %s', (path, slug) => {
    expect(slugFromFileName(path)).toBe(slug);
  });

  it('is undefined when nothing of the name is left', () => {
    expect(slugFromFileName('文章.md')).toBeUndefined();
    expect(slugFromFileName('%#!.md')).toBeUndefined();
  });
});
