// The peers of an issue's benchmark: Vivliostyle CLI making one PDF of many Markdown files, and Pandoc
// making one EPUB and one PDF (with WeasyPrint) of them. Vivliostyle is installed on demand into
// node_modules/.cache, never into the project's dependencies: it is a yardstick, not a part of Folio.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const VIVLIOSTYLE_VERSION = '11';

/** Where the benchmark keeps Vivliostyle CLI. */
function peersDir(root: string): string {
  return join(root, 'node_modules', '.cache', 'folio-bench-peers');
}

/** Installs Vivliostyle CLI if missing (without the browser it would download) and returns its command line script and version. */
export async function ensureVivliostyle(root: string): Promise<{ cli: string; version: string }> {
  const dir = peersDir(root);
  const cli = join(dir, 'node_modules', '@vivliostyle', 'cli', 'dist', 'cli.js');
  if (!existsSync(cli)) {
    await mkdir(dir, { recursive: true });
    console.log(`Installing the peer: @vivliostyle/cli@${VIVLIOSTYLE_VERSION} into ${dir}`);
    execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', `@vivliostyle/cli@${VIVLIOSTYLE_VERSION}`], {
      stdio: 'inherit',
      env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: 'true' },
    });
  }
  // It prints "cli: 11.0.0" and the core's version on the next line.
  const version = (execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).trim().split('\n')[0] ?? '').replace(/^cli:\s*/, '');
  return { cli, version };
}

/** The Markdown files of a manuscript folder, in order. */
export async function markdownFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.md')).sort().map((name) => join(dir, name));
}

/** Vivliostyle CLI's arguments to make one A4 PDF of `files`, with the system's Chromium, from a config that names them. */
export async function vivliostyleArgs(cli: string, files: readonly string[], out: string, chromium: string): Promise<string[]> {
  const config = join(out, 'vivliostyle.config.cjs');
  // Vivliostyle serves the entries from one folder: the manuscripts' own, named relative to it.
  const body = { title: 'Bulletin', language: 'vi', size: 'A4', entryContext: dirname(files[0] ?? out), entry: files.map((file) => basename(file)), output: join(out, 'issue.pdf') };
  await writeFile(config, `module.exports = ${JSON.stringify(body, null, 2)};\n`);
  return [cli, 'build', '--config', config, '--executable-browser', chromium, '--log-level', 'silent'];
}

/** A shell script that makes one EPUB and one WeasyPrint PDF of `files` with Pandoc, the two side by side. */
export function pandocScript(files: readonly string[], out: string): string {
  const inputs = files.map((file) => `'${file}'`).join(' ');
  return `pandoc ${inputs} -o '${join(out, 'issue.epub')}' & epub=$!; pandoc ${inputs} --pdf-engine=weasyprint -o '${join(out, 'issue.pdf')}' & pdf=$!; wait $epub && wait $pdf`;
}
