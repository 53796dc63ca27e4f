import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The project's folder: the build runs from here and writes dist/ here. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A built web edition: its folder, and the path of the seed article's page in it. */
export interface BuiltSite {
  outDir: string;
  articlePath: string;
}

/**
 * Runs the build (`node scripts/folio.mjs --json`: unchanged publications are reused, so a fresh dist/
 * costs little) and finds the seed article, the first Markdown manuscript, in its report: the slug
 * comes from the build itself rather than from a second reading of the front matter.
 */
export async function buildSite(): Promise<BuiltSite> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'folio.mjs'), '--json'], { cwd: ROOT, maxBuffer: 16 << 20 }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`the build failed, so there is nothing to check:\n${error.stderr || error.stdout || String(error)}`);
  });
  const report = JSON.parse(stdout) as { out: string; publications: { manuscript: string; slug?: string }[] };
  const seed = report.publications.filter((publication) => publication.manuscript.endsWith('.md')).sort((a, b) => a.manuscript.localeCompare(b.manuscript))[0];
  if (!seed?.slug) throw new Error('the build made no article page: add a Markdown manuscript to manuscript/');
  return { outDir: join(ROOT, report.out), articlePath: `${seed.slug}.html` };
}
