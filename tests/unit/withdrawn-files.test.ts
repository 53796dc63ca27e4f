import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORDS_DIR, withdrawnFiles } from '../../scripts/cache.ts';

async function outputFolder(records: Record<string, string[]>): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'folio-withdrawn-'));
  await mkdir(join(outDir, RECORDS_DIR));
  for (const [stem, products] of Object.entries(records)) {
    const record = { format: 1, key: 'k', images: [], products: products.map((name) => ({ name, bytes: 1, sha256: 'x' })), entry: {}, messages: [] };
    await writeFile(join(outDir, RECORDS_DIR, `${stem}.json`), JSON.stringify(record));
  }
  return outDir;
}

describe('the files of deleted manuscripts', () => {
  it("lists a deleted manuscript's products and record, and nothing of one still there", async () => {
    const outDir = await outputFolder({ 'con-lai': ['con-lai.pdf'], 'da-xoa': ['da-xoa.pdf', 'media/da-xoa/images/anh.png'] });
    expect(await withdrawnFiles(outDir, ['/m/con-lai.md'], () => true)).toEqual(['da-xoa.pdf', 'media/da-xoa/images/anh.png', '.folio/da-xoa.json']);
  });

  it('leaves the publications another shard owns', async () => {
    const outDir = await outputFolder({ 'da-xoa': ['da-xoa.pdf'] });
    expect(await withdrawnFiles(outDir, [], (name) => name !== 'da-xoa.md')).toEqual([]);
  });

  it('never lists a path outside the output folder, whatever a record says', async () => {
    const outDir = await outputFolder({ 'da-xoa': ['../ngoai.txt', '/etc/passwd', 'da-xoa.pdf'] });
    expect(await withdrawnFiles(outDir, [], () => true)).toEqual(['da-xoa.pdf', '.folio/da-xoa.json']);
  });
});
