import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server on 127.0.0.1 that records every request it receives and answers each with a tiny PNG. */
export interface LoopbackServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** A 1×1 PNG, so that a request that got through would also succeed and show in a product. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

/** Starts a loopback server that closes itself after `lifetimeMs` at the latest. */
export async function startLoopbackServer(lifetimeMs = 300_000): Promise<LoopbackServer> {
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'content-type': 'image/png' }).end(PIXEL);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise<void>((resolve) => {
    clearTimeout(timer);
    server.closeAllConnections();
    server.close(() => resolve());
  });
  const timer = setTimeout(() => void close(), lifetimeMs);
  timer.unref();
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close };
}
