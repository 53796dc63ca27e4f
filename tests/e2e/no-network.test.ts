import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildReport } from '../../scripts/build.ts';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.ts';
import { copyFixture, listFiles, tempDir } from '../helpers/temp-fixture.ts';
import { pdfText, run, zipEntries, zipText } from '../helpers/tools.ts';

let server: LoopbackServer;
let references: { outDir: string; report: BuildReport };
let images: { outDir: string; report: BuildReport };
let products: Map<string, string>;

beforeAll(async () => {
  server = await startLoopbackServer();
  const referencesDir = await copyFixture('remote-references', { SERVER: server.url });
  references = { outDir: join(await tempDir('remote-references'), 'out'), report: undefined as never };
  references.report = await build({ manuscriptDir: referencesDir, outDir: references.outDir });

  const imagesDir = await copyFixture('remote-images', { SERVER: server.url });
  await mkdir(join(imagesDir, 'images'), { recursive: true });
  await symlink('/etc/passwd', join(imagesDir, 'images', 'passwd.png'));
  images = { outDir: join(await tempDir('remote-images'), 'out'), report: undefined as never };
  images.report = await build({ manuscriptDir: imagesDir, outDir: images.outDir });
  // Anything the products could still make a reader's browser fetch would have to be read to be seen.
  products = new Map();
  for (const name of await listFiles(references.outDir)) {
    const path = join(references.outDir, name);
    if (name.endsWith('.pdf')) products.set(name, `${pdfText(path)}\n${(await readFile(path)).toString('latin1')}`);
    else if (name.endsWith('.epub')) products.set(name, zipEntries(path).filter((entry) => /\.(x?html|opf|ncx|css)$/.test(entry)).map((entry) => zipText(path, entry)).join('\n'));
    else if (/\.(html|css)$/.test(name)) products.set(name, await readFile(path, 'utf8'));
  }
});

afterAll(async () => {
  await server.close();
});

describe('a manuscript full of references to a server', () => {
  it('makes the server receive no request at all', () => {
    expect(server.requests).toEqual([]);
  });

  it('still builds, warning about every removal and blocking nothing', () => {
    expect(references.report.ok).toBe(true);
    const messages = references.report.files[0]?.messages ?? [];
    expect(messages.filter((message) => message.ruleId === 'unsafe-html').length).toBeGreaterThanOrEqual(20);
    expect(messages.filter((message) => message.ruleId === 'blocked-request')).toEqual([]);
  });

  it('writes the web edition, the PDF and the EPUB, and reads them all here', () => {
    expect([...products.keys()].filter((name) => /^remote\.(html|pdf|epub)$/.test(name)).sort()).toEqual(['remote.epub', 'remote.html', 'remote.pdf']);
  });

  it('leaves no script, frame, event handler or javascript: URL in any product', () => {
    for (const [name, text] of products) {
      // A page's description for search engines (JSON-LD) is data, which no browser runs.
      for (const banned of [/<script(?! type="application\/ld\+json">)/i, /<iframe/i, /<object/i, /<embed/i, /\son[a-z]+\s*=/i, /javascript:/i, /\/JavaScript|\/JS\s*\(/]) {
        expect(text, `${name} ${banned}`).not.toMatch(banned);
      }
    }
  });

  it('keeps no address of the server except in links', () => {
    for (const [name, text] of products) {
      const html = name.endsWith('.pdf') ? '' : text;
      const uses = [...html.matchAll(/(\w+)="[^"]*127\.0\.0\.1[^"]*"/g)].map((match) => match[1]);
      expect(uses.every((attribute) => attribute === 'href'), `${name}: ${uses.join(', ')}`).toBe(true);
      expect(html, name).not.toMatch(/url\([^)]*127\.0\.0\.1/);
    }
    expect(products.get('remote.html')).toContain(`<a href="${server.url}/markdown-link">Markdown link</a>`);
  });

  it('carries only the manuscript’s own image', () => {
    const pdfImages = run('pdfimages', ['-list', join(references.outDir, 'remote.pdf')]).split('\n').slice(2).filter(Boolean);
    expect(pdfImages.every((line) => /\b320\s+200\b/.test(line))).toBe(true);
    expect(zipEntries(join(references.outDir, 'remote.epub')).filter((entry) => entry.startsWith('OEBPS/images/') && !entry.endsWith('/'))).toEqual(['OEBPS/images/image-1.png']);
  });
});

describe('images from a server or from the machine', () => {
  it('fails, with an error for each image, and writes nothing', () => {
    expect(images.report.ok).toBe(false);
    expect(existsSync(images.outDir)).toBe(false);
    const errors = (images.report.files[0]?.messages ?? []).filter((message) => message.fatal).map((message) => `${message.line} ${message.reason}`);
    expect(errors).toEqual([
      expect.stringMatching(/^10 remote image `http:\/\/127\.0\.0\.1:\d+\/markdown\.png` is never fetched/),
      expect.stringMatching(/^12 remote image `http:\/\/127\.0\.0\.1:\d+\/reference\.png` is never fetched/),
      expect.stringMatching(/^14 remote image `http:\/\/127\.0\.0\.1:\d+\/raw\.png` is never fetched/),
      expect.stringMatching(/^16 absolute image path `\/etc\/passwd`/),
      expect.stringMatching(/^18 image path `\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd` leaves the manuscript folder/),
      expect.stringMatching(/^22 remote image `file:\/\/\/etc\/passwd` is never fetched/),
      expect.stringMatching(/^20 image images\/passwd\.png is a link to a file outside the manuscript folder/),
    ]);
  });

  it('puts no line of /etc/passwd into any product of either build', async () => {
    const passwd = (await readFile('/etc/passwd', 'utf8')).split('\n').filter((line) => line.length > 8);
    for (const [name, text] of products) {
      for (const line of passwd) expect(text.includes(line), `${name} holds ${line}`).toBe(false);
    }
  });
});
