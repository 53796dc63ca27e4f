import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.ts';
import { fixtureDir, ROOT } from '../helpers/build-fixture.ts';
import { solidPng } from '../helpers/png.ts';

const SLUG = 'bao-cao-mua-vu';
let manuscriptDir: string;
let outDir: string;

async function rebuild() {
  const report = await build({ manuscriptDir, outDir });
  expect(report.ok).toBe(true);
  return report.publications[0];
}

beforeAll(async () => {
  const work = await mkdtemp(join(tmpdir(), 'folio-incremental-'));
  manuscriptDir = join(work, 'manuscript');
  outDir = join(work, 'dist');
  await cp(fixtureDir('unseen'), manuscriptDir, { recursive: true });
  await rebuild();
});

describe('incremental builds', () => {
  it('reuses an unchanged publication without touching its products', async () => {
    const before = await stat(join(outDir, `${SLUG}.pdf`));
    const pdf = await readFile(join(outDir, `${SLUG}.pdf`));
    const publication = await rebuild();
    expect(publication?.cached).toBe(true);
    expect(publication?.products.map((product) => product.name)).toEqual([`${SLUG}.html`, `${SLUG}.pdf`, `${SLUG}.print.pdf`, `${SLUG}.booklet.pdf`, `${SLUG}.epub`]);
    expect((await stat(join(outDir, `${SLUG}.pdf`))).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(join(outDir, `${SLUG}.pdf`))).toEqual(pdf);
    expect(await readFile(join(outDir, 'index.html'), 'utf8')).toContain(`href="${SLUG}.pdf"`);
  });

  it('builds again when the manuscript changes', async () => {
    const path = join(manuscriptDir, `${SLUG}.md`);
    await writeFile(path, `${await readFile(path, 'utf8')}\nMột đoạn mới thêm vào.\n`);
    const publication = await rebuild();
    expect(publication?.cached).toBe(false);
    expect(await readFile(join(outDir, `${SLUG}.html`), 'utf8')).toContain('Một đoạn mới thêm vào.');
  });

  it('builds again when an image changes', async () => {
    const image = join(manuscriptDir, 'images', 'doi-che.png');
    await writeFile(image, solidPng(320, 200, [40, 120, 60]));
    expect((await rebuild())?.cached).toBe(false);
    const shown = await sharp(await readFile(join(outDir, 'media', SLUG, 'images', 'doi-che.320.png'))).raw().toBuffer();
    expect([...shown.subarray(0, 3)]).toEqual([40, 120, 60]);
  });

  it('builds again when an image is replaced by one of the same size with its old modification time', async () => {
    const image = join(manuscriptDir, 'images', 'doi-che.png');
    // A whole second, which the file system keeps exactly: the photo's time is then set back to the very value recorded.
    const when = new Date('2024-05-01T08:00:00Z');
    await utimes(image, when, when);
    await rebuild();
    const replacement = solidPng(320, 200, [200, 30, 60]);
    expect(replacement.length).toBe((await stat(image)).size);
    await writeFile(image, replacement);
    await utimes(image, when, when);
    expect((await stat(image)).mtimeMs).toBe(when.getTime());
    expect((await rebuild())?.cached).toBe(false);
    const shown = await sharp(await readFile(join(outDir, 'media', SLUG, 'images', 'doi-che.320.png'))).raw().toBuffer();
    expect([...shown.subarray(0, 3)]).toEqual([200, 30, 60]);
  });

  it('builds again when a product is missing', async () => {
    await rm(join(outDir, `${SLUG}.epub`));
    expect((await rebuild())?.cached).toBe(false);
    expect((await stat(join(outDir, `${SLUG}.epub`))).size).toBeGreaterThan(1000);
  });

  it('prints a JSON summary of products, sizes and timings with --json', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'folio.mjs'), '--manuscript', manuscriptDir, '--out', outDir, '--json', '--force'], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as { ok: boolean; publications: { slug: string; cached: boolean; ms: number; products: { name: string; bytes: number }[] }[] };
    expect(summary.ok).toBe(true);
    expect(summary.publications).toHaveLength(1);
    expect(summary.publications[0]).toMatchObject({ slug: SLUG, cached: false });
    expect(summary.publications[0]?.ms).toBeGreaterThan(0);
    for (const product of summary.publications[0]?.products ?? []) expect(product.bytes).toBeGreaterThan(1000);
  });

  it('writes no index for a shard, and the publications of that shard only', async () => {
    const shardOut = await mkdtemp(join(tmpdir(), 'folio-shard-'));
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'folio.mjs'), '--manuscript', manuscriptDir, '--out', shardOut, '--shard', '1/1'], { encoding: 'utf8', cwd: ROOT });
    expect(result.status).toBe(0);
    await expect(stat(join(shardOut, 'index.html'))).rejects.toThrow();
    expect((await stat(join(shardOut, `${SLUG}.pdf`))).size).toBeGreaterThan(1000);
  });

  it('refuses a malformed --shard with exit code 2 and the usage', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'folio.mjs'), '--shard', '3/2'], { encoding: 'utf8', cwd: ROOT });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--shard takes I/N with 1 <= I <= N');
    expect(result.stderr).toContain('Usage: npm run build');
  });
});

describe('deleted manuscripts', () => {
  it("removes a deleted manuscript's products, media and record, and nothing of the others", async () => {
    const original = await readFile(join(manuscriptDir, `${SLUG}.md`), 'utf8');
    await writeFile(join(manuscriptDir, 'ban-tin-phu.md'), original.replace(/^title: .*$/m, 'title: Bản tin phụ'));
    await build({ manuscriptDir, outDir });
    expect(existsSync(join(outDir, 'ban-tin-phu.epub'))).toBe(true);
    expect(await readFile(join(outDir, 'index.html'), 'utf8')).toContain('href="ban-tin-phu.html"');
    const kept = await readFile(join(outDir, `${SLUG}.pdf`));

    await rm(join(manuscriptDir, 'ban-tin-phu.md'));
    const report = await build({ manuscriptDir, outDir });
    expect(report.ok).toBe(true);
    expect(report.publications.map((publication) => [publication.slug, publication.cached])).toEqual([[SLUG, true]]);
    for (const gone of ['ban-tin-phu.html', 'ban-tin-phu.pdf', 'ban-tin-phu.print.pdf', 'ban-tin-phu.booklet.pdf', 'ban-tin-phu.epub', 'media/ban-tin-phu', '.folio/ban-tin-phu.json']) {
      expect(existsSync(join(outDir, gone)), gone).toBe(false);
    }
    expect(report.removed).toContain('ban-tin-phu.epub');
    expect(await readFile(join(outDir, 'index.html'), 'utf8')).not.toContain('ban-tin-phu');
    expect(await readFile(join(outDir, `${SLUG}.pdf`))).toEqual(kept);
    expect(existsSync(join(outDir, 'media', SLUG, 'images', 'doi-che.320.png'))).toBe(true);
  });

  it('keeps the products of a manuscript renamed with its slug, and drops its old record', async () => {
    const original = await readFile(join(manuscriptDir, `${SLUG}.md`), 'utf8');
    await writeFile(join(manuscriptDir, 'bao-cao-2024.md'), original.replace(/^lang: vi$/m, `lang: vi\nslug: ${SLUG}`));
    await rm(join(manuscriptDir, `${SLUG}.md`));
    const report = await build({ manuscriptDir, outDir });
    expect(report.ok).toBe(true);
    for (const product of [`${SLUG}.html`, `${SLUG}.pdf`, `${SLUG}.epub`, `media/${SLUG}/images/doi-che.320.png`, '.folio/bao-cao-2024.json']) {
      expect(existsSync(join(outDir, product)), product).toBe(true);
    }
    expect(existsSync(join(outDir, '.folio', `${SLUG}.json`))).toBe(false);
    await writeFile(join(manuscriptDir, `${SLUG}.md`), original);
    await rm(join(manuscriptDir, 'bao-cao-2024.md'));
  });

  it('removes the files of the slug a manuscript no longer has, and of a feed the settings no longer ask for', async () => {
    const original = await readFile(join(manuscriptDir, `${SLUG}.md`), 'utf8');
    await writeFile(join(manuscriptDir, `${SLUG}.md`), original.replace(/^lang: vi$/m, 'lang: vi\nslug: bao-cao-moi'));
    await writeFile(join(manuscriptDir, 'publication.yaml'), 'name: Bản tin thử\norganisation: Hợp tác xã\nlang: vi\nurl: https://example.org/\n');
    let report = await build({ manuscriptDir, outDir });
    expect(report.ok).toBe(true);
    for (const made of ['bao-cao-moi.html', 'bao-cao-moi.pdf', 'bao-cao-moi.epub', 'media/bao-cao-moi/images/doi-che.320.png', 'feed.xml', 'sitemap.xml', 'robots.txt']) {
      expect(existsSync(join(outDir, made)), made).toBe(true);
    }
    for (const gone of [`${SLUG}.html`, `${SLUG}.pdf`, `${SLUG}.print.pdf`, `${SLUG}.booklet.pdf`, `${SLUG}.epub`, `media/${SLUG}`]) {
      expect(existsSync(join(outDir, gone)), gone).toBe(false);
    }
    expect(await readFile(join(outDir, 'feed.xml'), 'utf8')).toContain('<id>https://example.org/bao-cao-moi.html</id>');

    await rm(join(manuscriptDir, 'publication.yaml'));
    await writeFile(join(manuscriptDir, `${SLUG}.md`), original);
    report = await build({ manuscriptDir, outDir });
    expect(report.ok).toBe(true);
    expect(report.removed).toEqual(expect.arrayContaining(['feed.xml', 'sitemap.xml', 'robots.txt', 'bao-cao-moi.html', 'bao-cao-moi.epub']));
    for (const gone of ['feed.xml', 'sitemap.xml', 'robots.txt', 'bao-cao-moi.html', 'media/bao-cao-moi']) expect(existsSync(join(outDir, gone)), gone).toBe(false);
    expect(existsSync(join(outDir, `${SLUG}.html`))).toBe(true);
  });
});
