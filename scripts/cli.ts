import { parseArgs } from 'node:util';
import { reporter } from 'vfile-reporter';
import { build } from './build.ts';
import { BuildError } from './errors.ts';

const USAGE = `Usage: npm run build -- [--manuscript DIR] [--out DIR]

Builds every *.md in the manuscript folder into the output folder:
<slug>.html (web edition), <slug>.pdf (A4), <slug>.epub (EPUB 3) and index.html.

Options:
  --manuscript DIR   folder of Markdown manuscripts (default: manuscript)
  --out DIR          output folder (default: dist)
  -h, --help         show this help

Environment:
  FOLIO_CHROMIUM             Chromium or Chrome executable to render with (default: the system's)
  FOLIO_BROWSER_TIMEOUT_MS   how long Chromium may take for one step (default: 60000)
  SOURCE_DATE_EPOCH          the date products carry, in seconds (default: each article's date)

Exit status: 0 built, 1 a manuscript or the build failed (nothing written), 2 wrong usage.`;

/** Parses argv, runs the build, prints its report; the only place that sets the exit code. */
async function main(argv: string[]): Promise<number> {
  let values: { manuscript?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { manuscript: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = performance.now();
  try {
    const report = await build({ manuscriptDir: values.manuscript ?? 'manuscript', outDir: values.out ?? 'dist' });
    const messages = reporter(report.files, { quiet: true });
    if (messages) process.stderr.write(`${messages}\n`);
    if (!report.ok) {
      process.stderr.write('Build failed: nothing was written; the previous products are unchanged.\n');
      return 1;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    process.stdout.write(`Built ${report.files.length} publication(s) into ${values.out ?? 'dist'} in ${seconds} s.\n`);
    return 0;
  } catch (error) {
    if (error instanceof BuildError) {
      process.stderr.write(`error: ${error.message}\n`);
      return error.code === 'USAGE' ? 2 : 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
