import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { VFile } from 'vfile';
import { findChromium } from './browser.ts';
import { readRegularFile } from './manuscript/read-regular-file.ts';
import { digestOf, knownDigest, rememberDigests, type KnownDigest } from './manuscript/source-digest.ts';
import type { StoredArticle } from './manuscript/stored-article.ts';
import { replayStoredMessages, storeMessages, type StoredMessage } from './manuscript/stored-messages.ts';
import type { OutputFile } from './output.ts';
import { PROJECT_ROOT, TEMPLATES_DIR } from './paths.ts';
import type { IndexEntry } from './products/index-page.ts';
import type { PageCounts } from './products/paginate.ts';
import { TOOL_VERSION } from './tool.ts';

/** Where a build keeps, inside its output folder, what it needs to know that a product is up to date. */
export const RECORDS_DIR = '.folio';

/** The files a publication is made from: its manuscripts (an issue's file first), and the images they use. */
export interface PublicationSources {
  /** The record's name under RECORDS_DIR, without `.json`: the manuscript's or `issues/<issue>`. */
  record: string;
  /** Paths of the manuscript, or of the issue file and its manuscripts in order. */
  files: readonly string[];
}


/** What a build records of one publication: the hash of its inputs and of every file it wrote. */
export interface PublicationRecord {
  format: 2;
  key: string;
  /** The images the publication uses, by their path in the manuscript folder. */
  images: string[];
  products: { name: string; bytes: number; sha256: string }[];
  entry: IndexEntry;
  messages: StoredMessage[];
  /** An article's: the article as read, for the issues that hold it. */
  article?: StoredArticle;
  /** What the next layout of an issue may expect (see PageCounts). */
  pages?: PageCounts;
  /** The hashes of its source files, with the states they had: unchanged files need not be read again. */
  sources?: KnownDigest[];
  /**
   * Its files in the image cache, by their path in the output folder. Not products: the products stand
   * without them, and a later build remakes one that is gone.
   */
  cache?: string[];
}

/** What a record keeps of a publication besides its products, for the builds after it. */
export interface RecordKeep {
  article?: StoredArticle;
  pages: PageCounts;
  cache: string[];
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)])));
  return nested.flat().sort();
}

/**
 * The hash of what every publication of a build shares: the tool's version and code, its locked
 * dependencies (fonts among them), the templates, SOURCE_DATE_EPOCH and the Chromium that renders
 * (its path, size and date: another Chromium may lay out or encode differently), and the publication's
 * settings, which every article takes its defaults from.
 */
export async function buildFingerprint(env: NodeJS.ProcessEnv, settings: Uint8Array | string = ''): Promise<string> {
  const hash = createHash('sha256').update(`format 2\n${TOOL_VERSION}\n${env['SOURCE_DATE_EPOCH'] ?? ''}\n`).update(settings).update('\0');
  const chromium = await findChromium(env).catch(() => '');
  const binary = chromium ? await stat(chromium).catch(() => undefined) : undefined;
  hash.update(`${chromium}\n${binary?.size ?? ''}\n${binary?.mtimeMs ?? ''}\n`);
  const sources = [join(PROJECT_ROOT, 'package-lock.json'), ...(await filesUnder(join(PROJECT_ROOT, 'scripts'))), ...(await filesUnder(TEMPLATES_DIR))];
  for (const file of sources) {
    hash.update(relative(PROJECT_ROOT, file)).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

/** The hash of one publication's inputs: the build's fingerprint, its files and their images. */
async function inputKey(fingerprint: string, sources: PublicationSources, images: readonly string[], root: string): Promise<string | undefined> {
  const hash = createHash('sha256').update(fingerprint);
  for (const file of sources.files) {
    const digest = await sourceDigest(file);
    if (!digest) return undefined;
    hash.update(relative(root, file)).update('\0').update(digest).update('\0');
  }
  for (const image of images) {
    const path = resolve(root, image);
    if (!path.startsWith(root + sep)) return undefined;
    const digest = await sourceDigest(path);
    if (!digest) return undefined;
    hash.update('\0').update(image).update('\0').update(digest);
  }
  return hash.digest('hex');
}

/** The hash of a source file's bytes: read only where it is not known unchanged (see manuscript/source-digest.ts). */
async function sourceDigest(path: string): Promise<string | undefined> {
  const known = await knownDigest(path);
  if (known) return known.digest;
  const read = await readRegularFile(path, MAX_SOURCE_BYTES);
  return read.kind === 'file' ? digestOf(read.bytes, read.info) : undefined;
}

/** What the next build needs to know these files unchanged without reading them: their hashes and states. */
async function knownSources(sources: PublicationSources, images: readonly string[], root: string): Promise<KnownDigest[]> {
  const paths = [...sources.files, ...images.map((image) => resolve(root, image))];
  return (await Promise.all(paths.map((path) => knownDigest(path)))).filter((known) => known !== undefined);
}

/** The sources of an article's own publication. */
export function articleSources(manuscript: string): PublicationSources {
  return { record: basename(manuscript, '.md'), files: [manuscript] };
}

/** Larger than any manuscript or image a build accepts: a larger file is refused by its build anyway. */
const MAX_SOURCE_BYTES = 64_000_000;

function recordName(sources: PublicationSources): string {
  return `${RECORDS_DIR}/${sources.record}.json`;
}

/**
 * What the last build of a publication recorded in `outDir`, read once: the record itself where its
 * inputs are unchanged and every product it lists is still there, byte for byte (otherwise the
 * publication must be built again; always so with `force`); its page counts, fresh or not: an edited
 * article or issue mostly keeps its pages; and the files it made, which a new slug leaves behind.
 */
export async function readLastRecord(
  outDir: string,
  sources: PublicationSources,
  root: string,
  fingerprint: string,
  force: boolean,
): Promise<{ fresh?: PublicationRecord; pages?: PageCounts; products: string[] }> {
  const record = await readRecord(join(outDir, recordName(sources)));
  if (!force) rememberDigests(record?.sources);
  const pages = pageCountsOf(record);
  const fresh = !force && record && (await isFresh(record, outDir, sources, root, fingerprint)) ? record : undefined;
  return { ...(fresh ? { fresh } : {}), ...(pages ? { pages } : {}), products: record ? productsOf(outDir, record) : [] };
}

/** The files of the output folder a record's publication made: its products, its image cache files and its page; none outside the folder. */
function productsOf(outDir: string, record: PublicationRecord): string[] {
  // The web page is made with the site's at each build, not listed among the products.
  const names = [
    ...record.products.map((product) => product.name),
    ...(Array.isArray(record.cache) ? record.cache : []),
    ...(typeof record.entry?.name === 'string' ? [`${record.entry.name}.html`] : []),
  ];
  return names.filter((name) => typeof name === 'string' && resolve(outDir, name).startsWith(resolve(outDir) + sep));
}

async function isFresh(record: PublicationRecord, outDir: string, sources: PublicationSources, root: string, fingerprint: string): Promise<boolean> {
  if (record.format !== 2) return false;
  if ((await inputKey(fingerprint, sources, record.images, root)) !== record.key) return false;
  for (const product of record.products) {
    const bytes = await readFile(join(outDir, product.name)).catch(() => undefined);
    if (!bytes || sha256(bytes) !== product.sha256) return false;
  }
  return true;
}

/** A record's page counts; undefined where there are none, or they are not counts a build writes. */
function pageCountsOf(record: PublicationRecord | undefined): PageCounts | undefined {
  const pages = record?.pages;
  const count = (value: unknown) => Number.isInteger(value) && (value as number) > 0 && (value as number) <= 10_000;
  return pages && count(pages.download) && count(pages.press) ? { download: pages.download, press: pages.press } : undefined;
}

/** A record as written by recordFor; undefined where there is none or it is not one. */
async function readRecord(path: string): Promise<PublicationRecord | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (!text) return undefined;
  try {
    const record = JSON.parse(text) as PublicationRecord;
    return Array.isArray(record.images) && Array.isArray(record.products) ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The files in `outDir` of publications whose manuscript is gone from the manuscript folder: the products
 * and the record of each record whose manuscript is not among `present` and that `owned` takes (a shard
 * owns only its share). Only paths inside `outDir` are given, whatever a record says.
 */
export async function withdrawnFiles(outDir: string, present: readonly string[], owned: (manuscriptName: string) => boolean, kind: { folder: string; extension: string } = { folder: '', extension: '.md' }): Promise<string[]> {
  const names = new Set(present.map((path) => basename(path)));
  const folder = kind.folder ? `${RECORDS_DIR}/${kind.folder}` : RECORDS_DIR;
  const files: string[] = [];
  for (const entry of (await readdir(join(outDir, folder)).catch(() => [])).sort()) {
    const source = `${basename(entry, '.json')}${kind.extension}`;
    if (!entry.endsWith('.json') || names.has(source) || !owned(source)) continue;
    const record = await readRecord(join(outDir, folder, entry));
    files.push(...(record ? productsOf(outDir, record) : []), `${folder}/${entry}`);
  }
  return files;
}

/** The record to write beside the products of a publication just built. */
export async function recordFor(
  fingerprint: string,
  sources: PublicationSources,
  root: string,
  file: VFile,
  images: readonly string[],
  entry: IndexEntry,
  products: readonly OutputFile[],
  keep?: RecordKeep,
): Promise<OutputFile> {
  const record: PublicationRecord = {
    format: 2,
    key: (await inputKey(fingerprint, sources, images, root)) ?? '',
    images: [...images],
    products: products.map((product) => ({ name: product.name, bytes: Buffer.byteLength(product.bytes), sha256: sha256(product.bytes) })),
    entry,
    messages: storeMessages(file),
    ...keep,
    sources: await knownSources(sources, images, root),
  };
  return { name: recordName(sources), bytes: `${JSON.stringify(record, null, 2)}\n` };
}

/** Gives the warnings of an earlier build of a reused publication again, on a new vfile. */
export function replayMessages(file: VFile, record: PublicationRecord): VFile {
  return replayStoredMessages(file, record.messages);
}
