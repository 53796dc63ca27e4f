import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { VFile } from 'vfile';
import { closeBrowser, launchBrowser } from '../../scripts/browser.ts';
import { ImageStore } from '../../scripts/images/image-store.ts';
import { loadArticle } from '../../scripts/manuscript/load-article.ts';
import { articlePublication } from '../../scripts/publication/publication.ts';
import { renderEpub } from '../../scripts/products/epub.ts';
import { renderCover } from '../../scripts/products/epub/render-cover.ts';
import { renderDownloadPdf } from '../../scripts/products/pdf.ts';
import { renderPressPdf } from '../../scripts/products/press-pdf.ts';
import { renderWebContent } from '../../scripts/products/web.ts';
import { loadSharedAssets } from '../../scripts/site.ts';

/** Processor time used so far by the whole machine (every process, every core), in seconds. */
function machineBusySeconds(): number {
  const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.split(/\s+/).map(Number) ?? [];
  return (user + nice + system + irq + softirq) / 100;
}

/**
 * Where an article's time goes: each product of the manuscript at `path` rendered alone, one render at a time, in a
 * warm Chromium, with the wall time and the processor time of the whole machine (Node and Chromium)
 * per render. Read on an idle machine: other work counts too.
 */
export async function measureRenderCosts(path: string, rounds = 10): Promise<{ product: string; wallMs: number; cpuMs: number }[]> {
  const root = dirname(path);
  const read = () => loadArticle(path, path, root, process.env);
  const loaded = await read();
  if (loaded instanceof VFile) throw new Error(`${path} did not load: ${String(loaded.messages[0])}`);
  const article = articlePublication(loaded);
  const session = await launchBrowser();
  const scratch = await mkdtemp(join(tmpdir(), 'folio-costs-'));
  try {
        // Images are made once and then read from the cache, as in a rebuild whose photos did not change.
    const context = { session, shared: await loadSharedAssets(), slugs: new Map([[loaded.manuscript, loaded.slug]]), pageCounts: new Map(), images: new ImageStore(scratch, 'images') };
    const renders: [string, () => Promise<unknown>][] = [
      ['reading the manuscript (Markdown, checks, images)', read],
      ['download PDF (A4, tagged, finished)', () => renderDownloadPdf(article, context, [])],
      ['press copy and booklet', () => renderPressPdf(article, context, [])],
      ['EPUB, cover included', async () => renderEpub(article, context, [], Promise.resolve((await renderPressPdf(article, context, []))?.pageMarks))],
      ['of which the cover', () => renderCover(article, context, [])],
      ['web edition (its content)', () => renderWebContent(article, context.slugs)],
    ];
    const rows: { product: string; wallMs: number; cpuMs: number }[] = [];
    for (const [product, render] of renders) {
      // Two untimed renders first: the tab, its fonts and the code paths are then warm.
      await render();
      await render();
      const busy = machineBusySeconds();
      const started = performance.now();
      for (let round = 0; round < rounds; round++) await render();
      rows.push({ product, wallMs: (performance.now() - started) / rounds, cpuMs: ((machineBusySeconds() - busy) * 1000) / rounds });
    }
    return rows;
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await closeBrowser(session);
  }
}
