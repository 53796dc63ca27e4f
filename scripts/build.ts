import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import { VFile } from 'vfile';
import { closeBrowser, explainBrowserFailure, launchBrowser, warmPages, type BrowserSession, type SiteFile } from './browser.ts';
import { buildFingerprint, readFreshRecord, recordFor, replayMessages, type IndexEntry } from './cache.ts';
import { findManuscripts } from './manuscript/find-manuscripts.ts';
import { hasFatal, loadArticle, type Article } from './manuscript/load-article.ts';
import { mapLimit } from './map-limit.ts';
import { abandonOutputs, beginOutputs, checkOutputFolder, commitOutputs, stageOutputs, type OutputFile } from './output.ts';
import { renderBookletPdf } from './products/booklet-pdf.ts';
import { renderEpub } from './products/epub.ts';
import { renderIndex } from './products/index-page.ts';
import { renderDownloadPdf, type ProductFile, type RenderContext } from './products/pdf.ts';
import { renderPressPdf } from './products/press-pdf.ts';
import { renderWebEdition, type Download } from './products/web.ts';
import { articleMedia, loadSharedAssets, WARM_UP_PAGE, warmUpSite } from './site.ts';

/** Which share of the manuscripts a build takes: `index` of `count`, counted from 1. */
export interface Shard {
  index: number;
  count: number;
}

/** What a build is asked to do; resolved once by the command line. */
export interface BuildOptions {
  manuscriptDir: string;
  outDir: string;
  env?: NodeJS.ProcessEnv;
  /** Build only this deterministic share of the manuscripts, and no index. */
  shard?: Shard;
  /** Rebuild every publication even where its inputs did not change. */
  force?: boolean;
  /** A Chromium that outlives the build (the preview server's); otherwise the build starts and closes its own. */
  session?: BrowserSession;
  /** Called as each publication is done. */
  onProgress?: (done: number, total: number, publication: PublicationReport) => void;
}

/** What became of one manuscript. */
export interface PublicationReport {
  file: VFile;
  slug?: string;
  /** True where the products of an earlier build were reused. */
  cached: boolean;
  products: { name: string; bytes: number }[];
  ms: number;
}

/** What a build did: every manuscript's report with its messages, and the files it wrote. */
export interface BuildReport {
  files: VFile[];
  publications: PublicationReport[];
  written: string[];
  ok: boolean;
}

/**
 * Builds the manuscripts of `manuscriptDir` into `outDir`: find, reuse what is unchanged, load and
 * check the rest, render them with one Chromium, write everything at once.
 */
export async function build(options: BuildOptions): Promise<BuildReport> {
  const root = resolve(options.manuscriptDir);
  const outDir = resolve(options.outDir);
  const env = options.env ?? process.env;
  const paths = selectShard(await findManuscripts(root), options.shard);
  const fingerprint = await buildFingerprint(env);
  const display = (path: string) => relative(process.cwd(), path) || path;

  const records = await Promise.all(paths.map((path) => (options.force ? undefined : readFreshRecord(outDir, path, root, fingerprint))));
  const stale = paths.filter((_, index) => !records[index]);
  // Chromium starts while the manuscripts are read; it is not started at all when nothing changed.
  const launching = stale.length === 0 ? undefined : options.session ? Promise.resolve(options.session) : launchBrowser(env);
  launching?.catch(() => undefined);
  const sharedLoading = loadSharedAssets();
  sharedLoading.catch(() => undefined);
  // Its pages open and load the fonts while the manuscripts are read, too.
  if (launching && !options.session) void launching.then(async (session) => warmPages(session, await warmUpSite(await sharedLoading), WARM_UP_PAGE), () => undefined);
  try {
    const loaded = await Promise.all(stale.map((path) => loadArticle(path, display(path), root, env)));
    const failed = loaded.filter((item): item is VFile => item instanceof VFile);
    if (failed.length > 0 || loaded.some((item) => hasFatal(item instanceof VFile ? item : item.file))) {
      const files = loaded.map((item) => (item instanceof VFile ? item : item.file));
      return { files, publications: files.map((file) => ({ file, cached: false, products: [], ms: 0 })), written: [], ok: false };
    }
    const articles = loaded as Article[];
    await checkOutputFolder(outDir);

    let done = 0;
    const reused: { report: PublicationReport; entry: IndexEntry }[] = [];
    paths.forEach((path, index) => {
      const record = records[index];
      if (!record) return;
      const file = replayMessages(new VFile({ path: display(path) }), record);
      const products = record.products.filter((product) => !product.name.startsWith('media/')).map(({ name, bytes }) => ({ name, bytes }));
      const report: PublicationReport = { file, slug: record.entry.slug, cached: true, products, ms: 0 };
      options.onProgress?.(++done, paths.length, report);
      reused.push({ report, entry: record.entry });
    });

    const shared = await sharedLoading;
    const session = launching ? await launching : undefined;
    const context = session ? { session, shared } : undefined;
    const staging = await beginOutputs(outDir);
    const written: string[] = [];
    const stage = async (files: readonly OutputFile[]) => {
      await stageOutputs(staging, files);
      written.push(...files.map((file) => file.name));
    };
    try {
      const rendered = await mapLimit(articles, availableParallelism(), async (article, index) => {
        const started = performance.now();
        const result = await renderArticleProducts(article, context as RenderContext);
        const files = [...[...articleMedia(article)].map(([name, file]) => assetOutput(name, file)), ...result.files];
        const entry: IndexEntry = { slug: article.slug, matter: article.matter, downloads: result.downloads };
        const record = await recordFor(fingerprint, stale[index] as string, root, article.file, entry, files);
        // Staged now, so that a large build keeps no finished product in memory.
        await stage([...files, record]);
        const report: PublicationReport = {
          file: article.file,
          slug: article.slug,
          cached: false,
          products: result.files.map((product) => ({ name: product.name, bytes: byteLength(product.bytes) })),
          ms: performance.now() - started,
        };
        options.onProgress?.(++done, paths.length, report);
        return { report, entry };
      }).catch((error: unknown) => {
        throw session ? explainBrowserFailure(session, error) : error;
      });

      const entries = [...reused.map((item) => item.entry), ...rendered.map((item) => item.entry)];
      await stage([...[...shared].map(([name, file]) => assetOutput(name, file)), ...(options.shard ? [] : [await renderIndex(entries)])]);
      await commitOutputs(staging);
      const byPath = new Map([...reused, ...rendered].map((item) => [item.report.file.path, item.report]));
      const publications = paths.map((path) => byPath.get(display(path)) as PublicationReport);
      return { files: publications.map((publication) => publication.file), publications, written, ok: true };
    } catch (error) {
      await abandonOutputs(staging);
      throw error;
    }
  } finally {
    if (launching && !options.session) await launching.then(closeBrowser, () => undefined);
  }
}

/**
 * The manuscripts of shard `index` of `count`: each manuscript's share is fixed by a hash of its
 * file name, so that adding an article does not move the others to other shards.
 */
export function selectShard(paths: readonly string[], shard: Shard | undefined): string[] {
  if (!shard) return [...paths];
  return paths.filter((path) => {
    const name = path.split(/[\\/]/).pop() ?? path;
    const bucket = createHash('sha256').update(name).digest().readUInt32BE(0) % shard.count;
    return bucket === shard.index - 1;
  });
}

async function renderArticleProducts(article: Article, context: RenderContext): Promise<{ downloads: Download[]; files: ProductFile[] }> {
  const blocked: string[] = [];
  // The booklet is imposed from the press copy while Chromium still prints the other editions.
  const [pdf, [press, booklet], epub] = await Promise.all([
    renderDownloadPdf(article, context, blocked),
    renderPressPdf(article, context, blocked).then(async (press) => [press, await renderBookletPdf(article, press.bytes)] as const),
    renderEpub(article, context, blocked),
  ]);
  for (const url of new Set(blocked)) {
    article.file.message(`blocked a request for ${url} while rendering: a publication only uses files inside its manuscript folder`, {
      ruleId: 'blocked-request',
      source: 'folio',
    });
  }
  const { labels } = article;
  const downloads: Download[] = [
    { name: pdf.name, label: labels.downloadPdf, format: 'PDF', type: 'application/pdf', size: byteLength(pdf.bytes) },
    { name: press.name, label: labels.downloadPrint, format: 'PDF', type: 'application/pdf', size: byteLength(press.bytes) },
    { name: booklet.name, label: labels.downloadBooklet, format: 'PDF', type: 'application/pdf', size: byteLength(booklet.bytes) },
    { name: epub.name, label: labels.downloadEpub, format: 'EPUB', type: 'application/epub+zip', size: byteLength(epub.bytes) },
  ];
  const web = await renderWebEdition(article, downloads);
  return { downloads, files: [web, pdf, press, booklet, epub] };
}

function assetOutput(name: string, file: SiteFile): OutputFile {
  return { name, bytes: file.bytes };
}

function byteLength(bytes: Uint8Array | string): number {
  return typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
}
