import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A folder served over HTTP on 127.0.0.1. */
export interface ServedFolder {
  /** The folder's address, ending in a slash. */
  url: string;
  close(): Promise<void>;
}

/** The types a static host gives the files of an output folder. */
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.epub': 'application/epub+zip',
};

/**
 * Serves `root` as a plain static host does: each file as it is, with its type and length, a folder by
 * its index.html, anything else 404; with `gzip`, text compressed for a client that asks, as most hosts
 * do. No cache headers (the assets' names carry no hash, so how long to keep them is the host's choice)
 * and no live reload (unlike the preview's). Nothing outside `root` is reachable, and only on loopback.
 */
export async function serveFolder(root: string, { gzip = false }: { gzip?: boolean } = {}): Promise<ServedFolder> {
  const server = createServer((request, response) => {
    void (async () => {
      let path: string;
      try {
        path = normalize(join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname)));
      } catch {
        return void response.writeHead(400).end();
      }
      if (path !== root && !path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return void response.writeHead(403).end();
      let info = await stat(path).catch(() => undefined);
      if (info?.isDirectory()) {
        path = join(path, 'index.html');
        info = await stat(path).catch(() => undefined);
      }
      if (!info?.isFile()) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
      if (gzip && /^(text\/|application\/(xml|json)|image\/svg)/.test(type) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
        const body = gzipSync(await readFile(path));
        return void response.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding', 'content-length': body.length }).end(request.method === 'HEAD' ? undefined : body);
      }
      response.writeHead(200, { 'content-type': type, 'content-length': info.size });
      if (request.method === 'HEAD') return void response.end();
      createReadStream(path).pipe(response);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
