import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PipeTransport } from '../../scripts/browser/pipe-transport.ts';

function connected() {
  const toChromium = new PassThrough();
  const fromChromium = new PassThrough();
  const transport = new PipeTransport(toChromium, fromChromium);
  const received: string[] = [];
  transport.onmessage = (message) => received.push(message);
  return { toChromium, fromChromium, transport, received };
}

describe('the DevTools pipe', () => {
  it('ends every message it sends with a NUL byte', () => {
    const { toChromium, transport } = connected();
    transport.send('{"id":1,"method":"Browser.getVersion"}');
    transport.send('{"id":2}');
    expect(toChromium.read()?.toString()).toBe('{"id":1,"method":"Browser.getVersion"}\0{"id":2}\0');
  });

  it('gives back whole messages however the pipe splits them, Vietnamese letters included', () => {
    const { fromChromium, received } = connected();
    const bytes = Buffer.from('{"a":"Tổ quốc"}\0{"b":"đ"}\0{"c":', 'utf8');
    // Cut inside the two-byte "ổ" and between messages.
    const cut = bytes.indexOf(Buffer.from('ổ')) + 1;
    fromChromium.write(bytes.subarray(0, cut));
    fromChromium.write(bytes.subarray(cut));
    fromChromium.write(Buffer.from('3}\0'));
    expect(received).toEqual(['{"a":"Tổ quốc"}', '{"b":"đ"}', '{"c":3}']);
  });

  it('tells Puppeteer when Chromium is gone, even if it closed its pipe before anyone listened', async () => {
    const { fromChromium, transport } = connected();
    fromChromium.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    let closed = 0;
    transport.onclose = () => closed++;
    transport.send('{"id":1}');
    await Promise.resolve();
    expect(closed).toBe(1);
  });
});
