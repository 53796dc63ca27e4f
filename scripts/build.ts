import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { VFile } from 'vfile';
import { closeBrowser, explainBrowserFailure, launchBrowser, type BrowserSession } from './browser.ts';
import type { SiteFile } from './browser/page-pool.ts';
import { recordFor, RECORDS_DIR, replayMessages, withdrawnFiles } from './cache.ts';
import type { PlacedImage } from './images/check-images.ts';
import type { Article } from './manuscript/load-article.ts';
import type { IssueSource } from './manuscript/read-issues.ts';
import { hasFatal } from './manuscript/has-fatal.ts';
import { publicationDate } from './manuscript/publication-date.ts';
import { mapLimit } from './map-limit.ts';
import { planBuild, type Planned } from './plan.ts';
import { abandonOutputs, beginOutputs, byteLength, checkOutputFolder, commitOutputs, removeOutputs, stageOutputs, type OutputFile } from './output.ts';
import type { IndexEntry } from './products/index-page.ts';
import type { RenderContext } from './products/pdf.ts';
import { checkArticleLinks } from './publication/check-article-links.ts';
import { checkProductNames } from './publication/check-product-names.ts';
import type { Publication } from './publication/publication.ts';
import { selectShard, type Shard } from './shard.ts';
import { loadSharedAssets, ownCacheFiles, ownWebMedia } from './site.ts';

export { selectShard, type Shard };

/** What a build is asked to do; resolved once by the command line. */
export interface BuildOptions {
  manuscriptDir: string;
  outDir: string;
  env?: NodeJS.ProcessEnv;
  /** Build only this deterministic share of the manuscripts and issues, and no index. */
  shard?: Shard;
  /** Rebuild every publication even where its inputs did not change. */
  force?: boolean;
  /** A Chromium that outlives the build (the preview server's); otherwise the build starts and closes its own. */
  session?: BrowserSession;
  /** Called as each publication is done. */
  onProgress?: (done: number, total: number, publication: PublicationReport) => void;
}

/** What became of one publication: an article's, or an issue's. */
export interface PublicationReport {
  /** The manuscript or the issue file, with its messages. */
  file: VFile;
  /** The products' path without extension: the article's slug, or `issues/<issue>`. */
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
 * Builds the manuscript folder `manuscriptDir` into `outDir`: read the settings and issues, reuse what
 * is unchanged, load and check the rest, make every publication (each article, each issue) with one
 * Chromium, write everything at once.
 */
export async function build(options: BuildOptions): Promise<BuildReport> {
  const root = resolve(options.manuscriptDir);
  const outDir = resolve(options.outDir);
  const env = options.env ?? process.env;
  const display = (path: string) => relative(process.cwd(), path) || path;
  const planned = await planBuild({ root, outDir, env, display, ...(options.shard ? { shard: options.shard } : {}), force: options.force ?? false });
  if ('failed' in planned) return failed(planned.failed);
  const { manuscripts, settings, issuePaths, setup, fingerprint, plans, owned } = planned;
  const stale = plans.filter((plan) => !plan.record);
  // Chromium starts while the manuscripts are read; it is not started at all when nothing changed.
  const launching = stale.length === 0 ? undefined : options.session ? Promise.resolve(options.session) : launchBrowser(env);
  launching?.catch(() => undefined);
  const sharedLoading = loadSharedAssets();
  sharedLoading.catch(() => undefined);
  try {
    // Rendering (and parsing, below) are most of the tool's code, read only now: while Chromium starts.
    const [{ restoreArticle, storeArticle }, { loadImages }, { renderProducts }, { articlePublication, issuePublication, pressTrim }, { ImageStore }, { checkImages }, { textColumnsMm }] = await Promise.all([
      import('./manuscript/stored-article.ts'),
      import('./manuscript/load-images.ts'),
      import('./products/render-products.ts'),
      import('./publication/publication.ts'),
      import('./images/image-store.ts'),
      import('./images/check-images.ts'),
      import('./products/paper.ts'),
    ]);
    // Each image is decoded as its manuscript is read, unless an earlier build made its files; they are
    // made, and written into the image cache, as the products ask for them.
    const imageStore = new ImageStore(outDir, join(RECORDS_DIR, 'images'));
    const columns = textColumnsMm(pressTrim(settings));
    // An article is read once, for its own products and for every issue that holds it; an unchanged
    // article an issue holds is taken as its last build stored it.
    const toLoad = [...new Set(stale.flatMap((plan) => (plan.article ? [plan.article] : (plan.issue?.articles ?? []))))];
    const names = new Set(manuscripts.map((path) => basename(path)));
    const records = new Map(plans.flatMap((plan) => (plan.article && plan.record ? [[plan.article, plan.record] as const] : [])));
    const read = async (path: string) => {
      const stored = records.get(path)?.article;
      const restored = stored ? await restoreArticle(stored, path, display(path), root, env) : undefined;
      if (restored) return restored;
      const context = { ...(settings ? { settings } : {}), manuscripts: names, checkImages: (file: VFile, images: readonly PlacedImage[]) => checkImages(imageStore, file, images, columns) };
      // A large manuscript is parsed in a process of its own, so that Ctrl-C need not wait for it.
      const { APART_BYTES, loadArticleApart } = await import('./manuscript/load-article-apart.ts');
      if (((await stat(path).catch(() => undefined))?.size ?? 0) > APART_BYTES) return loadArticleApart(path, display(path), root, env, context);
      const { loadArticle } = await import('./manuscript/load-article.ts');
      return loadArticle(path, display(path), root, env, context);
    };
    const loaded = new Map(await Promise.all(toLoad.map(async (path) => [path, await read(path)] as const)));
    const covers = new Map(
      await Promise.all(
        stale.flatMap((plan) => {
          const issue = plan.issue;
          const cover = issue?.matter?.cover;
          if (!issue || !cover) return [];
          const url = `media/issues/${issue.name}/${basename(cover)}`;
          return [loadImages(issue.file, [{ path: cover, url, place: issue.placeOf(['cover']) }], root, root).then((images) => [issue.name, images[0]] as const)];
        }),
      ),
    );
    await Promise.all(
      stale.flatMap((plan) => {
        const cover = plan.issue && covers.get(plan.issue.name);
        return plan.issue && cover ? [checkImages(imageStore, plan.issue.file, [{ image: cover, path: plan.issue.matter?.cover ?? cover.url, place: plan.issue.placeOf(['cover']) }], columns)] : [];
      }),
    );
    const fileOf = (item: Article | VFile) => (item instanceof VFile ? item : item.file);
    const articleFiles = [...loaded.values()].map(fileOf);
    if ([...articleFiles, ...setup].some((file) => hasFatal(file))) return failed([...setup, ...articleFiles]);
    checkArticleLinks([...loaded.values()] as Article[]);
    // Before anything is rendered: two publications under one name would silently replace each other.
    const named = plans.flatMap((plan) => {
      const item = plan.article ? loaded.get(plan.article) : undefined;
      if (item && !(item instanceof VFile)) return [{ name: item.slug, file: item.file, place: item.file.data.slugPlace ?? { line: 1, column: 1 } }];
      if (plan.article && plan.record) return [{ name: plan.record.entry.name, file: new VFile({ path: plan.display }), place: { line: 1, column: 1 } }];
      return [];
    });
    checkProductNames(named);
    if (named.some((item) => hasFatal(item.file))) return failed([...setup, ...named.map((item) => item.file).filter((file) => file.messages.length > 0)]);
    await checkOutputFolder(outDir);

    let done = 0;
    const reports: PublicationReport[] = [];
    const entries: IndexEntry[] = [];
    for (const plan of plans) {
      const record = plan.record;
      if (!record) continue;
      const file = replayMessages(new VFile({ path: plan.display }), record);
      const products = record.products.filter((product) => !product.name.startsWith('media/') && !product.name.startsWith(`${RECORDS_DIR}/`)).map(({ name, bytes }) => ({ name, bytes }));
      const report: PublicationReport = { file, slug: record.entry.name, cached: true, products, ms: 0 };
      options.onProgress?.(++done, plans.length, report);
      reports.push(report);
      entries.push(record.entry);
    }

    const slugs = new Map(manuscripts.map((path) => [basename(path), basename(path, '.md')]));
    for (const plan of plans) if (plan.article && plan.record?.entry.kind === 'article') slugs.set(basename(plan.article), plan.record.entry.name);
    for (const [path, item] of loaded) if (!(item instanceof VFile)) slugs.set(basename(path), item.slug);
    const article = (path: string) => loaded.get(path) as Article;
    const publications = stale.map((plan): { plan: Planned; publication: Publication } => {
      if (plan.article) return { plan, publication: articlePublication(article(plan.article), settings) };
      const issue = plan.issue as IssueSource;
      const date = publicationDate(issue.matter?.date ?? '1970-01-01', env);
      return { plan, publication: issuePublication(issue, issue.articles.map(article), settings as NonNullable<typeof settings>, date, covers.get(issue.name)) };
    });

    const shared = await sharedLoading;
    const session = launching ? await launching : undefined;
    const nameOf = (plan: Planned) => (plan.article ? slugs.get(basename(plan.article)) : plan.issue && `issues/${plan.issue.name}`);
    const pageCounts = new Map(plans.flatMap((plan) => (plan.pages && nameOf(plan) ? [[nameOf(plan) as string, plan.pages] as const] : [])));
    const context = session ? ({ session, shared, slugs, pageCounts, images: imageStore } satisfies RenderContext) : undefined;
    const staging = await beginOutputs(outDir, options.force ?? false);
    const written: string[] = [];
    const stage = async (files: readonly OutputFile[]) => {
      await stageOutputs(staging, files);
      written.push(...files.map((file) => file.name));
    };
    try {
      const rendered = await mapLimit(publications, availableParallelism(), async ({ plan, publication }) => {
        const started = performance.now();
        // Each file is staged as soon as it is made, so that a large build keeps no finished product in
        // memory: the web edition's images while Chromium renders, each product as it is done.
        const webStaged = ownWebMedia(publication, imageStore, columns).then(async (media) => {
          const files = [...media].map(([name, file]) => assetOutput(name, file));
          await stage(files);
          return files;
        });
        webStaged.catch(() => undefined);
        const result = await renderProducts(publication, context as RenderContext, stage);
        const web = await webStaged;
        if (!result) return undefined;
        const entry: IndexEntry = {
          kind: publication.kind,
          name: publication.name,
          title: publication.title,
          lang: publication.lang,
          isoDate: publication.isoDate,
          publisher: publication.publisher,
          ...(publication.description ? { description: publication.description } : {}),
          downloads: result.downloads,
          web: result.web,
        };
        const images = [
          ...(plan.issue?.matter?.cover ? [plan.issue.matter.cover] : []),
          ...publication.articles.flatMap((item) => (item.file.data.images ?? []).map((image) => image.path)),
        ];
        const cache = ownCacheFiles(publication, imageStore);
        const keep = { ...(plan.article ? { article: storeArticle(publication.articles[0] as Article) } : {}), pages: result.pages, cache: cache.map((file) => file.name) };
        const record = await recordFor(fingerprint, plan.sources, root, publication.file, images, entry, [...web, ...result.files], keep);
        // The image cache's files already there are kept as they are: their names say what they hold.
        await stage([...cache.flatMap(({ name, bytes }) => (bytes ? [{ name, bytes }] : [])), record]);
        written.push(...cache.filter((file) => !file.bytes).map((file) => file.name));
        const report: PublicationReport = {
          file: publication.file,
          slug: publication.name,
          cached: false,
          products: result.files.map((product) => ({ name: product.name, bytes: byteLength(product.bytes) })),
          ms: performance.now() - started,
        };
        options.onProgress?.(++done, plans.length, report);
        return { report, entry };
      }).catch((error: unknown) => {
        throw session ? explainBrowserFailure(session, error) : error;
      });
      if (rendered.some((item) => item === undefined)) {
        await abandonOutputs(staging);
        return failed([...setup, ...publications.map((item) => item.publication.file)]);
      }
      const made = rendered as { report: PublicationReport; entry: IndexEntry }[];
      entries.push(...made.map((item) => item.entry));
      // Every page is made again around its publication: its links into the site change with the other publications.
      const { renderSite, siteInfo, SITE_FILES } = await import('./products/render-site.ts');
      const site = await renderSite(entries, siteInfo(settings, entries), !options.shard);
      const pageSizes = new Map(site.map((file) => [file.name, byteLength(file.bytes)]));
      for (const report of [...reports, ...made.map((item) => item.report)]) {
        const bytes = pageSizes.get(`${report.slug}.html`);
        if (bytes !== undefined) report.products.unshift({ name: `${report.slug}.html`, bytes });
      }
      await stage([...[...shared].map(([name, file]) => assetOutput(name, file)), ...site]);
      await commitOutputs(staging);
      // A deleted manuscript's or issue's publication goes too, and the files of a publication's old slug,
      // and a feed or sitemap the settings no longer ask for; never a file this build just made.
      const kept = new Set([...written, ...plans.flatMap((plan) => [...(plan.record?.products.map((product) => product.name) ?? []), ...(plan.record?.cache ?? [])])]);
      const candidates = [
        ...(await withdrawnFiles(outDir, manuscripts, owned)),
        ...(await withdrawnFiles(outDir, issuePaths, owned, { folder: 'issues', extension: '.yaml' })),
        ...plans.flatMap((plan) => plan.lastProducts),
        ...(options.shard ? [] : SITE_FILES),
      ];
      const present = await Promise.all([...new Set(candidates)].map(async (name) => ((await stat(join(outDir, name)).catch(() => undefined)) ? name : undefined)));
      const removed = present.filter((name): name is string => name !== undefined && !kept.has(name));
      await removeOutputs(outDir, removed);
      const byPath = new Map([...reports, ...made.map((item) => item.report)].map((report) => [report.file.path, report]));
      const publicationReports = plans.map((plan) => byPath.get(plan.display) as PublicationReport);
      return { files: [...setup.filter((file) => file.messages.length > 0), ...publicationReports.map((report) => report.file)], publications: publicationReports, written, removed, ok: true };
    } catch (error) {
      await abandonOutputs(staging);
      throw error;
    }
  } finally {
    if (launching && !options.session) await launching.then(closeBrowser, () => undefined);
  }
}

/** A failed build's report: the files with their messages, nothing written. */
function failed(files: readonly VFile[]): BuildReport {
  return { files: [...files], publications: files.map((file) => ({ file, cached: false, products: [], ms: 0 })), written: [], removed: [], ok: false };
}

function assetOutput(name: string, file: SiteFile): OutputFile {
  return { name, bytes: file.bytes };
}
