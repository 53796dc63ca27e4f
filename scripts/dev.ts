import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { servePreview } from './preview/serve-preview.ts';

const USAGE = `Usage: npm run dev -- [--manuscript DIR] [--port N]

Serves a live preview on http://127.0.0.1:N/ (default 4173): the web edition and a paged view of the
print edition, rebuilt on every save, with build errors shown in the page.`;

/** `npm run dev`: the live preview; stops on Ctrl-C. */
async function main(argv: string[]): Promise<number> {
  let values: { manuscript?: string; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { manuscript: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = Number(values.port ?? 4173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port takes a port number (got ${values.port})\n\n${USAGE}\n`);
    return 2;
  }
  // The preview builds into a folder of its own, so that dist/ keeps the last full build; it goes when the preview stops.
  const outDir = await mkdtemp(join(tmpdir(), 'folio-preview-'));
  process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
  const preview = await servePreview({ manuscriptDir: values.manuscript ?? 'manuscript', outDir, port, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`Preview on ${preview.url} (Ctrl-C to stop)\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await preview.close();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
