import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import { VFile } from 'vfile';
import { closeBrowser, explainBrowserFailure, launchBrowser, type BrowserSession } from './browser.ts';
import type { SiteFile } from './browser/page-pool.ts';
import { buildFingerprint, readFreshRecord, recordFor, replayMessages, withdrawnFiles, type IndexEntry } from './cache.ts';
import { findManuscripts } from './manuscript/find-manuscripts.ts';
import type { Article } from './manuscript/load-article.ts';
import { mapLimit } from './map-limit.ts';
import { abandonOutputs, beginOutputs, byteLength, checkOutputFolder, commitOutputs, removeOutputs, stageOutputs, type OutputFile } from './output.ts';
import { renderIndex } from './products/index-page.ts';
import type { RenderContext } from './products/pdf.ts';
import { articleMedia, loadSharedAssets } from './site.ts';

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
  /** The files of publications whose manuscript was deleted, removed from the output folder. */
  removed: string[];
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
  const manuscripts = await findManuscripts(root);
  const paths = selectShard(manuscripts, options.shard);
  const fingerprint = await buildFingerprint(env);
  const display = (path: string) => relative(process.cwd(), path) || path;

  const records = await Promise.all(paths.map((path) => (options.force ? undefined : readFreshRecord(outDir, path, root, fingerprint))));
  const stale = paths.filter((_, index) => !records[index]);
  // Chromium starts while the manuscripts are read; it is not started at all when nothing changed.
  const launching = stale.length === 0 ? undefined : options.session ? Promise.resolve(options.session) : launchBrowser(env);
  launching?.catch(() => undefined);
  const sharedLoading = loadSharedAssets();
  sharedLoading.catch(() => undefined);
  try {
    // Parsing and rendering are most of the tool's code, read only now: while Chromium starts.
    const [{ loadArticle, hasFatal }, { renderArticleProducts }] = await Promise.all([import('./manuscript/load-article.ts'), import('./products/render-products.ts')]);
    const loaded = await Promise.all(stale.map((path) => loadArticle(path, display(path), root, env)));
    const failed = loaded.filter((item): item is VFile => item instanceof VFile);
    if (failed.length > 0 || loaded.some((item) => hasFatal(item instanceof VFile ? item : item.file))) {
      const files = loaded.map((item) => (item instanceof VFile ? item : item.file));
      return { files, publications: files.map((file) => ({ file, cached: false, products: [], ms: 0 })), written: [], removed: [], ok: false };
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
      // A deleted manuscript's publication goes too, except a file this build just wrote (a renamed manuscript's).
      const kept = new Set([...written, ...records.flatMap((record) => record?.products.map((product) => product.name) ?? [])]);
      const owned = (name: string) => selectShard([name], options.shard).length > 0;
      const removed = (await withdrawnFiles(outDir, manuscripts, owned)).filter((name) => !kept.has(name));
      await removeOutputs(outDir, removed);
      const byPath = new Map([...reused, ...rendered].map((item) => [item.report.file.path, item.report]));
      const publications = paths.map((path) => byPath.get(display(path)) as PublicationReport);
      return { files: publications.map((publication) => publication.file), publications, written, removed, ok: true };
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

function assetOutput(name: string, file: SiteFile): OutputFile {
  return { name, bytes: file.bytes };
}
