import { readdirSync, watch } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { closeBrowser, launchBrowser } from '../browser.ts';
import { build } from '../build.ts';
import { TEMPLATES_DIR } from '../paths.ts';
import { formatMessages } from '../report.ts';
import { EVENTS_PATH, injectLiveReload, PAGED_PATH, pagedPreview } from './inject-live-reload.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.pdf': 'application/pdf',
  '.epub': 'application/epub+zip',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webp': 'image/webp',
};

function foldersUnder(dir: string): string[] {
  const children = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'));
  return [dir, ...children.flatMap((entry) => foldersUnder(join(dir, entry.name)))];
}

/** A running preview: its address, and how to stop it. */
export interface Preview {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the products of `manuscriptDir`, built into `outDir`, on localhost; rebuilds when a manuscript
 * or a template is saved (with one Chromium kept open), and tells open pages to reload.
 */
export async function servePreview(options: { manuscriptDir: string; outDir: string; port: number; log?: (line: string) => void }): Promise<Preview> {
  const log = options.log ?? (() => undefined);
  const outDir = resolve(options.outDir);
  const session = await launchBrowser();
  const clients = new Set<ServerResponse>();
  let errors: string | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  /** Builds finished so far; pages are told the latest on connecting and after each rebuild. */
  let builds = 0;
  const rebuilt = (): string => `event: rebuilt\ndata: ${builds}\n\n`;

  const rebuild = async (): Promise<void> => {
    const started = performance.now();
    const before = errors;
    let changed: boolean;
    try {
      const report = await build({ manuscriptDir: options.manuscriptDir, outDir, session });
      const text = formatMessages(report.files);
      errors = report.ok ? undefined : text;
      changed = errors !== before || (report.ok && (report.publications.some((publication) => !publication.cached) || report.removed.length > 0));
      log(`${report.ok ? 'built' : 'failed'} in ${((performance.now() - started) / 1000).toFixed(2)} s${text ? `\n${text}` : ''}`);
    } catch (error) {
      errors = (error as Error).message;
      changed = errors !== before;
      log(`failed: ${errors}`);
    }
    // A save can raise events on both sides of a rebuild's start, and make a second one that changes
    // nothing: pages are not reloaded for it.
    if (!changed) return;
    builds++;
    for (const client of clients) client.write(rebuilt());
  };
  const schedule = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = rebuild().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        schedule();
      }
    });
  };

  await rebuild();
  // One save raises several events (truncate, write, rename): they make one rebuild.
  let settle: NodeJS.Timeout | undefined;
  const onChange = (): void => {
    clearTimeout(settle);
    settle = setTimeout(schedule, 25);
  };
  // One watcher per folder: Node 20's recursive watch scans folders after it returns and misses early saves.
  const watchers = [options.manuscriptDir, TEMPLATES_DIR].flatMap(foldersUnder).map((dir) => watch(dir, onChange));

  const server: Server = createServer((request, response) => {
    void (async () => {
      // Counted before the file is read: a rebuild that ends meanwhile makes the page reload.
      const served = builds;
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      if (path === EVENTS_PATH) {
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        response.write(rebuilt());
        clients.add(response);
        request.on('close', () => clients.delete(response));
        return;
      }
      if (path.startsWith(PAGED_PATH)) {
        const slug = path.slice(PAGED_PATH.length);
        const print = (await stat(join(outDir, `${slug}.print.pdf`)).catch(() => undefined)) ? `${slug}.print.pdf` : `${slug}.pdf`;
        response.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
        response.end(injectLiveReload(pagedPreview(slug, print), errors, slug, served));
        return;
      }
      const target = normalize(join(outDir, path.endsWith('/') ? `${path}index.html` : path));
      const body = target.startsWith(outDir + sep) ? await readFile(target).catch(() => undefined) : undefined;
      if (!body) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(errors ?? 'not found');
        return;
      }
      const type = TYPES[extname(target)] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      if (type.startsWith('text/html')) {
        const slug = /^\/([^/]+)\.html$/.exec(path)?.[1];
        response.end(injectLiveReload(body.toString('utf8'), errors, slug === 'index' ? undefined : slug, served));
      } else {
        response.end(body);
      }
    })();
  });
  await new Promise<void>((done) => server.listen(options.port, '127.0.0.1', done));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}/`;
  return {
    url,
    async close() {
      clearTimeout(settle);
      for (const watcher of watchers) watcher.close();
      for (const client of clients) client.end();
      await new Promise<void>((done) => server.close(() => done()));
      await running;
      await closeBrowser(session);
    },
  };
}
