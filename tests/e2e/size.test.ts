import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/run-cli.ts';
import { listFiles, tempDir } from '../helpers/temp-fixture.ts';

const FRONT_MATTER = `---
title: A manuscript at the limits
lang: en
date: 2024-03-06
author: A. Writer
publisher: Folio Tests
description: Generated to find how the build copes with size and depth.
---

`;
/** The line the body starts on, after the front matter and its blank line. */
const BODY_LINE = 10;
const PARAGRAPH = `${'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. '.repeat(5)}\n\n`;

/** Builds a generated manuscript of `body` through the command line. */
async function buildBody(name: string, body: string): Promise<{ result: CliResult; outDir: string }> {
  const dir = await tempDir(`size-${name}`);
  await mkdir(join(dir, 'manuscript'));
  await writeFile(join(dir, 'manuscript', `${name}.md`), FRONT_MATTER + body);
  const outDir = join(dir, 'out');
  return { result: await runCli(['--manuscript', join(dir, 'manuscript'), '--out', outDir]), outDir };
}

function sections(bytes: number): string {
  const parts: string[] = [];
  for (let index = 1, size = 0; size < bytes; index++) {
    const part = `## Section ${index}\n\n${PARAGRAPH.repeat(10)}`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

describe('a manuscript of 5 MB', () => {
  it('fails with its size and what to do, before rendering', async () => {
    const { result, outDir } = await buildBody('five-megabytes', sections(5_000_000));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/five-megabytes\.md:1:1: error: manuscript is 5\.00 MB, more than the 1 MB a publication may have: split it into several manuscripts/);
    expect(await listFiles(join(outDir, '..'))).toEqual(['manuscript/five-megabytes.md']);
  });
});

describe('a manuscript just under the limit', () => {
  it('builds every product', async () => {
    const { result, outDir } = await buildBody('long-read', sections(900_000));
    expect(result.code, result.stderr).toBe(0);
    expect(await listFiles(outDir)).toEqual(expect.arrayContaining(['long-read.html', 'long-read.pdf', 'long-read.epub']));
  });
});

describe('deep nesting', () => {
  it('of 1000 quotes fails clearly at its line', async () => {
    const { result } = await buildBody('deep-quotes', `Before.\n\n${'> '.repeat(1000)}Deep.\n`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`deep-quotes\\.md:${BODY_LINE + 2}:1: error: lists or quotes nested too deeply: this line's text starts after 2000 columns`));
  });

  it('of 1000 lists fails clearly at the first line past the limit', async () => {
    // Tabs, so that a thousand levels fit in half a megabyte (two spaces a level would make 1 MB).
    const body = Array.from({ length: 1000 }, (_, level) => `${'\t'.repeat(level)}- level ${level + 1}\n`).join('');
    const { result } = await buildBody('deep-lists', body);
    expect(result.code).toBe(1);
    // Level 31 is the first whose text starts after 120 columns: 30 tabs of 4 columns and "- ".
    expect(result.stderr).toMatch(new RegExp(`deep-lists\\.md:${BODY_LINE + 30}:1: error: lists or quotes nested too deeply: this line's text starts after 122 columns`));
  });

  it('of 5000 raw HTML elements fails clearly at the element past the limit', async () => {
    const { result } = await buildBody('deep-html', `${'<div>'.repeat(5000)}Deep.${'</div>'.repeat(5000)}\n`);
    expect(result.code).toBe(1);
    // The 101st <div> starts after 100 of 5 characters each.
    expect(result.stderr).toMatch(new RegExp(`deep-html\\.md:${BODY_LINE}:501: error: raw HTML elements nested more than 100 deep here`));
  });

  it('of 3000 emphases fails clearly at the run past the limit', async () => {
    const { result } = await buildBody('deep-emphasis', `Before.\n\n${'*a _b '.repeat(3000)}x${'_ b* a'.repeat(3000)}\n`);
    expect(result.code).toBe(1);
    // Run 1001 is the * of the 501st "*a _b ", each 6 characters long.
    expect(result.stderr).toMatch(new RegExp(`deep-emphasis\\.md:${BODY_LINE + 2}:3001: error: this paragraph holds more than 1000 runs of \\* or _`));
  });

  it('of 25 lists inside 25 quotes builds', async () => {
    const lists = Array.from({ length: 25 }, (_, level) => `${'  '.repeat(level)}- level ${level + 1}\n`).join('');
    const body = `${lists}\n${Array.from({ length: 25 }, (_, level) => `${'> '.repeat(level + 1)}quote ${level + 1}\n${'> '.repeat(level + 1)}\n`).join('')}`;
    const { result, outDir } = await buildBody('nested', body);
    expect(result.code, result.stderr).toBe(0);
    expect(await listFiles(outDir)).toEqual(expect.arrayContaining(['nested.html', 'nested.pdf', 'nested.epub']));
  });
});
