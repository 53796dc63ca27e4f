import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.ts';
import { buildFixture, fixtureDir } from '../helpers/build-fixture.ts';

const SLUG = 'bao-cao-mua-vu';
const PRODUCTS = [`${SLUG}.html`, `${SLUG}.pdf`, `${SLUG}.print.pdf`, `${SLUG}.booklet.pdf`, `${SLUG}.epub`];
let alone: string;
let again: string;
let together: string;

beforeAll(async () => {
  alone = (await buildFixture('unseen')).outDir;
  again = (await buildFixture('unseen')).outDir;
  // The same article built after the seed, in one browser whose pages already printed another article.
  const both = await mkdtemp(join(tmpdir(), 'folio-both-'));
  await cp(fixtureDir('unseen'), both, { recursive: true });
  await cp(fixtureDir('manuscript'), both, { recursive: true });
  together = await mkdtemp(join(tmpdir(), 'folio-together-'));
  const report = await build({ manuscriptDir: both, outDir: together });
  expect(report.ok).toBe(true);
});

describe('deterministic products', () => {
  it.each(PRODUCTS)('gives %s byte for byte again on a rebuild', async (name) => {
    expect(await readFile(join(again, name))).toEqual(await readFile(join(alone, name)));
  });

  it.each(PRODUCTS.filter((name) => !name.endsWith('.html')))('gives %s byte for byte whatever was built before it in the same browser', async (name) => {
    expect(await readFile(join(together, name))).toEqual(await readFile(join(alone, name)));
  });

  it('gives the web page the same article whatever was built before it, in a site of its own', async () => {
    // The page around it names the site it belongs to, which here holds the seed's bulletin too.
    const main = async (dir: string) => /<main>[\s\S]*<\/main>/.exec(await readFile(join(dir, `${SLUG}.html`), 'utf8'))?.[0];
    expect(await main(together)).toBeDefined();
    expect(await main(together)).toBe(await main(alone));
  });

  it('dates the products with SOURCE_DATE_EPOCH when it is set', async () => {
    const { outDir } = await buildFixture('unseen', { ...process.env, SOURCE_DATE_EPOCH: '1700000000' });
    const pdf = (await readFile(join(outDir, `${SLUG}.pdf`))).toString('latin1');
    expect(pdf).toMatch(/\/CreationDate \(D:20231114221320Z/);
    expect(await readFile(join(outDir, `${SLUG}.pdf`))).not.toEqual(await readFile(join(alone, `${SLUG}.pdf`)));
  });
});
