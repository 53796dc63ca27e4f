import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { withBrowser, type SiteFile } from './browser.ts';
import { findManuscripts } from './manuscript/find-manuscripts.ts';
import { hasFatal, loadArticle, type Article } from './manuscript/load-article.ts';
import { mapLimit } from './map-limit.ts';
import { checkOutputFolder, writeOutputs, type OutputFile } from './output.ts';
import { renderEpub } from './products/epub.ts';
import { renderIndex } from './products/index-page.ts';
import { renderDownloadPdf, type ProductFile, type RenderContext } from './products/pdf.ts';
import { renderWebEdition, type Download } from './products/web.ts';
import { articleMedia, loadSharedAssets } from './site.ts';

/** What a build is asked to do; resolved once by the command line. */
export interface BuildOptions {
  manuscriptDir: string;
  outDir: string;
  env?: NodeJS.ProcessEnv;
}

/** What a build did: every manuscript's vfile with its messages, and the files it wrote. */
export interface BuildReport {
  files: VFile[];
  written: string[];
  ok: boolean;
}

/** Builds every manuscript of `manuscriptDir` into `outDir`: load, check, render, write. */
export async function build(options: BuildOptions): Promise<BuildReport> {
  const root = resolve(options.manuscriptDir);
  const env = options.env ?? process.env;
  const paths = await findManuscripts(root);
  const loaded = await Promise.all(paths.map((path) => loadArticle(path, relative(process.cwd(), path) || path, root, env)));
  const files = loaded.map((item) => ('file' in item ? item.file : item));
  const articles = loaded.filter((item): item is Article => 'file' in item);
  if (articles.length !== loaded.length || files.some(hasFatal)) return { files, written: [], ok: false };
  await checkOutputFolder(resolve(options.outDir));

  const shared = await loadSharedAssets();
  const products = await withBrowser(env, (session) => {
    const context: RenderContext = { session, shared };
    return mapLimit(articles, availableParallelism(), (article) => renderArticleProducts(article, context));
  });

  const index = await renderIndex(products.map(({ article, downloads }) => ({ article, downloads })));
  const outputs: OutputFile[] = [
    ...[...shared].map(([name, file]) => assetOutput(name, file)),
    ...articles.flatMap((article) => [...articleMedia(article)].map(([name, file]) => assetOutput(name, file))),
    ...products.flatMap((product) => product.files),
    index,
  ];
  await writeOutputs(resolve(options.outDir), outputs);
  return { files, written: outputs.map((output) => output.name), ok: true };
}

async function renderArticleProducts(article: Article, context: RenderContext): Promise<{ article: Article; downloads: Download[]; files: ProductFile[] }> {
  const blocked: string[] = [];
  const [pdf, epub] = await Promise.all([renderDownloadPdf(article, context, blocked), renderEpub(article)]);
  for (const url of new Set(blocked)) {
    article.file.message(`blocked a request for ${url} while rendering: a publication only uses files inside its manuscript folder`, {
      ruleId: 'blocked-request',
      source: 'folio',
    });
  }
  const { labels } = article;
  const downloads: Download[] = [
    { name: pdf.name, label: labels.downloadPdf, format: 'PDF', type: 'application/pdf', size: byteLength(pdf.bytes) },
    { name: epub.name, label: labels.downloadEpub, format: 'EPUB', type: 'application/epub+zip', size: byteLength(epub.bytes) },
  ];
  const web = await renderWebEdition(article, downloads);
  return { article, downloads, files: [web, pdf, epub] };
}

function assetOutput(name: string, file: SiteFile): OutputFile {
  return { name, bytes: file.bytes };
}

function byteLength(bytes: Uint8Array | string): number {
  return typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
}
