import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { VFile } from 'vfile';
import { findChromium } from './browser.ts';
import type { FrontMatter } from './manuscript/front-matter-schema.ts';
import type { OutputFile } from './output.ts';
import { PROJECT_ROOT, TEMPLATES_DIR } from './paths.ts';
import type { Download } from './products/web.ts';
import { TOOL_VERSION } from './tool.ts';

/** Where a build keeps, inside its output folder, what it needs to know that a product is up to date. */
export const RECORDS_DIR = '.folio';

/** What the index needs of a publication, whether it was rendered now or earlier. */
export interface IndexEntry {
  slug: string;
  matter: FrontMatter;
  downloads: Download[];
}

/** A warning of an earlier build, given again when its products are reused. */
interface StoredMessage {
  reason: string;
  line?: number;
  column?: number;
  ruleId?: string;
}

/** What a build records of one publication: the hash of its inputs and of every file it wrote. */
export interface PublicationRecord {
  format: 1;
  key: string;
  images: string[];
  products: { name: string; bytes: number; sha256: string }[];
  entry: IndexEntry;
  messages: StoredMessage[];
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
 * (its path, size and date: another Chromium may lay out or encode differently).
 */
export async function buildFingerprint(env: NodeJS.ProcessEnv): Promise<string> {
  const hash = createHash('sha256').update(`format 1\n${TOOL_VERSION}\n${env['SOURCE_DATE_EPOCH'] ?? ''}\n`);
  const chromium = await findChromium(env).catch(() => '');
  const binary = chromium ? await stat(chromium).catch(() => undefined) : undefined;
  hash.update(`${chromium}\n${binary?.size ?? ''}\n${binary?.mtimeMs ?? ''}\n`);
  const sources = [join(PROJECT_ROOT, 'package-lock.json'), ...(await filesUnder(join(PROJECT_ROOT, 'scripts'))), ...(await filesUnder(TEMPLATES_DIR))];
  for (const file of sources) {
    hash.update(relative(PROJECT_ROOT, file)).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

/** The hash of one publication's inputs: the build's fingerprint, the manuscript and its images. */
async function inputKey(fingerprint: string, manuscript: string, images: readonly string[], root: string): Promise<string | undefined> {
  const hash = createHash('sha256').update(fingerprint).update(basename(manuscript)).update('\0').update(await readFile(manuscript));
  for (const image of images) {
    const path = resolve(dirname(manuscript), image);
    if (!path.startsWith(root + sep)) return undefined;
    const bytes = await readFile(path).catch(() => undefined);
    if (!bytes) return undefined;
    hash.update('\0').update(image).update('\0').update(bytes);
  }
  return hash.digest('hex');
}

function recordName(manuscript: string): string {
  return `${RECORDS_DIR}/${basename(manuscript, '.md')}.json`;
}

/**
 * The record of `manuscript` in `outDir` if its inputs are unchanged and every product it lists is
 * still there, byte for byte; undefined otherwise (the publication must be built again).
 */
export async function readFreshRecord(outDir: string, manuscript: string, root: string, fingerprint: string): Promise<PublicationRecord | undefined> {
  const record = await readRecord(join(outDir, recordName(manuscript)));
  if (!record) return undefined;
  if ((await inputKey(fingerprint, manuscript, record.images, root)) !== record.key) return undefined;
  for (const product of record.products) {
    const bytes = await readFile(join(outDir, product.name)).catch(() => undefined);
    if (!bytes || sha256(bytes) !== product.sha256) return undefined;
  }
  return record;
}

/** A record as written by recordFor; undefined where there is none or it is not one. */
async function readRecord(path: string): Promise<PublicationRecord | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (!text) return undefined;
  try {
    const record = JSON.parse(text) as PublicationRecord;
    return record.format === 1 && Array.isArray(record.images) && Array.isArray(record.products) ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The files in `outDir` of publications whose manuscript is gone from the manuscript folder: the products
 * and the record of each record whose manuscript is not among `present` and that `owned` takes (a shard
 * owns only its share). Only paths inside `outDir` are given, whatever a record says.
 */
export async function withdrawnFiles(outDir: string, present: readonly string[], owned: (manuscriptName: string) => boolean): Promise<string[]> {
  const names = new Set(present.map((path) => basename(path)));
  const files: string[] = [];
  for (const entry of (await readdir(join(outDir, RECORDS_DIR)).catch(() => [])).sort()) {
    const manuscript = `${basename(entry, '.json')}.md`;
    if (!entry.endsWith('.json') || names.has(manuscript) || !owned(manuscript)) continue;
    const record = await readRecord(join(outDir, RECORDS_DIR, entry));
    const products = (record?.products ?? []).map((product) => product.name);
    files.push(...products.filter((name) => resolve(outDir, name).startsWith(resolve(outDir) + sep)), `${RECORDS_DIR}/${entry}`);
  }
  return files;
}

/** The record to write beside the products of a publication just built. */
export async function recordFor(
  fingerprint: string,
  manuscript: string,
  root: string,
  file: VFile,
  entry: IndexEntry,
  products: readonly OutputFile[],
): Promise<OutputFile> {
  const images = (file.data.images ?? []).map((image) => image.path);
  const record: PublicationRecord = {
    format: 1,
    key: (await inputKey(fingerprint, manuscript, images, root)) ?? '',
    images,
    products: products.map((product) => ({ name: product.name, bytes: Buffer.byteLength(product.bytes), sha256: sha256(product.bytes) })),
    entry,
    messages: file.messages.map((message) => ({
      reason: message.reason,
      ...(message.line ? { line: message.line } : {}),
      ...(message.column ? { column: message.column } : {}),
      ...(message.ruleId ? { ruleId: message.ruleId } : {}),
    })),
  };
  return { name: recordName(manuscript), bytes: `${JSON.stringify(record, null, 2)}\n` };
}

/** Gives the warnings of an earlier build of a reused publication again, on a new vfile. */
export function replayMessages(file: VFile, record: PublicationRecord): VFile {
  for (const message of record.messages) {
    file.message(message.reason, {
      ...(message.line ? { place: { line: message.line, column: message.column ?? 1 } } : {}),
      ...(message.ruleId ? { ruleId: message.ruleId } : {}),
      source: 'folio',
    });
  }
  return file;
}
