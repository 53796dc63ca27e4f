import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';

/**
 * The DevTools protocol over the pipes Chromium opens with --remote-debugging-pipe: JSON messages, each
 * ended by a NUL byte, written to its file descriptor 3 and read from its 4. When the build's process
 * dies, the pipes close and Chromium ends by itself.
 */
export class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  readonly #toChromium: Writable;
  #partial: Buffer[] = [];
  #closed = false;

  constructor(toChromium: Writable, fromChromium: Readable) {
    this.#toChromium = toChromium;
    fromChromium.on('data', (chunk: Buffer) => this.#receive(chunk));
    fromChromium.on('close', () => {
      this.#closed = true;
      this.onclose?.();
    });
    // A Chromium that died closes its ends: 'close' reports that; the errors that come with it add nothing.
    fromChromium.on('error', () => undefined);
    toChromium.on('error', () => undefined);
  }

  send(message: string): void {
    // A Chromium that died before Puppeteer was listening: the first message tells Puppeteer it is gone.
    if (this.#closed) queueMicrotask(() => this.onclose?.());
    else this.#toChromium.write(`${message}\0`);
  }

  close(): void {
    this.#closed = true;
  }

  #receive(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      this.#partial.push(chunk.subarray(start, end));
      const message = Buffer.concat(this.#partial).toString('utf8');
      this.#partial = [];
      start = end + 1;
      this.onmessage?.(message);
    }
    if (start < chunk.length) this.#partial.push(chunk.subarray(start));
  }
}
