import { parseArgs } from 'node:util';
import { build, type BuildReport, type PublicationReport, type Shard } from './build.ts';
import { BuildError } from './errors.ts';
import { formatMessages } from './report.ts';

const USAGE = `Usage: npm run build -- [--manuscript DIR] [--out DIR] [--shard I/N] [--force] [--json]

Builds every *.md in the manuscript folder into the output folder:
<slug>.html (web edition), <slug>.pdf (A4 download), <slug>.print.pdf (A5 press copy
with bleed and crop marks), <slug>.booklet.pdf (A4 booklet), <slug>.epub (EPUB 3) and index.html;
and every issue of issues/*.yaml (with the bulletin's publication.yaml) into issues/<issue>.*.
Publications whose inputs did not change since the last build are reused.

Options:
  --manuscript DIR   folder of Markdown manuscripts (default: manuscript)
  --out DIR          output folder (default: dist)
  --shard I/N        build only share I of N of the manuscripts (1 <= I <= N), and no index
  --force            rebuild every publication, even unchanged ones, and write every file anew
  --json             print a JSON summary of the publications, products, sizes and timings
  -h, --help         show this help

Environment:
  FOLIO_CHROMIUM             Chromium or Chrome executable to render with (default: the system's)
  FOLIO_BROWSER_TIMEOUT_MS   how long Chromium may take for one step (default: 60000)
  SOURCE_DATE_EPOCH          the date products carry, in seconds (default: each article's date)

Exit status: 0 built, 1 a manuscript or the build failed (nothing written), 2 wrong usage.`;

interface CliOptions {
  manuscript: string;
  out: string;
  shard?: Shard;
  force: boolean;
  json: boolean;
}

/** Reads argv into options; throws a BuildError with code USAGE for anything it does not understand. */
function parseOptions(argv: string[]): CliOptions | 'help' {
  let values: { manuscript?: string; out?: string; shard?: string; force?: boolean; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        manuscript: { type: 'string' },
        out: { type: 'string' },
        shard: { type: 'string' },
        force: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BuildError('USAGE', (error as Error).message);
  }
  if (values.help) return 'help';
  let shard: Shard | undefined;
  if (values.shard !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(values.shard);
    const index = Number(match?.[1]);
    const count = Number(match?.[2]);
    if (!match || count < 1 || index < 1 || index > count) throw new BuildError('USAGE', `--shard takes I/N with 1 <= I <= N, such as 2/4 (got ${values.shard})`);
    shard = { index, count };
  }
  return { manuscript: values.manuscript ?? 'manuscript', out: values.out ?? 'dist', ...(shard ? { shard } : {}), force: values.force ?? false, json: values.json ?? false };
}

/** A progress line on a terminal; nothing in CI or when output goes to a file. */
function progressPrinter(started: number): ((done: number, total: number, publication: PublicationReport) => void) | undefined {
  if (!process.stderr.isTTY || process.env['CI']) return undefined;
  return (done, total, publication) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const line = `[${done}/${total}] ${publication.slug ?? publication.file.path}${publication.cached ? ' (unchanged)' : ''} · ${seconds} s`;
    process.stderr.write(`\r\u001b[2K${line}${done === total ? '\n' : ''}`);
  };
}

function summary(report: BuildReport, out: string, ms: number) {
  return {
    ok: report.ok,
    out,
    ms: Math.round(ms),
    removed: report.removed,
    publications: report.publications.map((publication) => ({
      manuscript: publication.file.path,
      slug: publication.slug ?? null,
      cached: publication.cached,
      ms: Math.round(publication.ms),
      products: publication.products,
      messages: publication.file.messages.map((message) => ({
        severity: message.fatal ? 'error' : 'warning',
        place: `${publication.file.path}:${message.line ?? 1}:${message.column ?? 1}`,
        reason: message.reason,
      })),
    })),
  };
}

/** Parses argv, runs the build, prints its report; the only place that sets the exit code. */
async function main(argv: string[]): Promise<number> {
  let options: CliOptions | 'help';
  try {
    options = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = performance.now();
  try {
    const onProgress = options.json ? undefined : progressPrinter(started);
    const report = await build({
      manuscriptDir: options.manuscript,
      outDir: options.out,
      force: options.force,
      ...(options.shard ? { shard: options.shard } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
    const messages = formatMessages(report.files);
    if (messages) process.stderr.write(`${messages}\n`);
    const ms = performance.now() - started;
    if (options.json) process.stdout.write(`${JSON.stringify(summary(report, options.out, ms), null, 2)}\n`);
    if (!report.ok) {
      process.stderr.write('Build failed: nothing was written; the previous products are unchanged.\n');
      return 1;
    }
    if (!options.json) {
      const reused = report.publications.filter((publication) => publication.cached).length;
      const note = reused > 0 ? ` (${reused} unchanged, reused)` : '';
      process.stdout.write(`Built ${report.publications.length} publication(s)${note} into ${options.out} in ${(ms / 1000).toFixed(2)} s.\n`);
      if (report.removed.length > 0) process.stdout.write(`Removed ${report.removed.length} file(s) from ${options.out} that no manuscript makes any more.\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof BuildError) {
      process.stderr.write(`error: ${error.message}\n`);
      return error.code === 'USAGE' ? 2 : 1;
    }
    throw error;
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--parse-manuscript') {
  // Not for users: a build reads a large manuscript in a process of its own (see loadArticleApart).
  void import('./manuscript/parse-job.ts')
    .then(({ runParseJob }) => runParseJob())
    .catch((error: unknown) => {
      process.stderr.write(`${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`);
      process.exitCode = 1;
    });
} else {
  void main(argv).then((code) => {
    process.exitCode = code;
  });
}
