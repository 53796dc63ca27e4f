import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { build } from '../../scripts/build.ts';
import { writeHostileImages } from '../helpers/hostile-images.ts';
import { runCli, type CliResult } from '../helpers/run-cli.ts';
import { copyFixture, tempDir } from '../helpers/temp-fixture.ts';

let file: VFile;
let cli: CliResult;

beforeAll(async () => {
  const dir = await copyFixture('image-limits');
  await writeHostileImages(dir);
  const report = await build({ manuscriptDir: dir, outDir: join(await tempDir('image-limits'), 'out') });
  file = report.files.find((item) => item.path.endsWith('limits.md')) as VFile;
  cli = await runCli(['--manuscript', dir, '--out', join(await tempDir('image-limits'), 'out')]);
});

/** The errors as `line:column reason`. */
function errors(): string[] {
  return file.messages.filter((message) => message.fatal).map((message) => `${message.line}:${message.column} ${message.reason}`);
}

describe('images beyond the limits', () => {
  it('refuses too many pixels by the header, before decoding', () => {
    expect(errors()).toContainEqual(expect.stringMatching(/^12:1 image images\/bomb\.png is 30000 × 30000 pixels, more than the 40 megapixels an image may have: scale it down/));
    expect(errors()).toContainEqual(expect.stringMatching(/^14:1 image images\/huge\.jpg is 65500 × 65500 pixels, more than the 40 megapixels/));
  });

  it('decodes each image whole and refuses one cut short', () => {
    expect(errors()).toContainEqual(expect.stringMatching(/^16:1 image images\/cut\.jpg cannot be decoded \(.+\): it is damaged or cut short/));
    expect(errors()).toContainEqual(expect.stringMatching(/^18:1 image images\/cut\.png cannot be decoded \(.+\): it is damaged or cut short/));
  });

  it('refuses a sparse 700 MB file by its size', () => {
    expect(errors()).toContainEqual('20:1 image images/sparse.png is 700.0 MB, more than the 20 MB an image may have: export it smaller (a photo needs at most a few megabytes)');
  });

  it('reads only regular files: a named pipe and a folder are errors, and nothing waits', () => {
    expect(errors()).toContainEqual('22:1 image images/pipe.png is a named pipe, not a readable file: save the image itself there');
    expect(errors()).toContainEqual('24:1 image images/folder.png is a folder, not a readable file: save the image itself there');
  });

  it('accepts the good image and nothing else', () => {
    expect(errors()).toHaveLength(7);
    expect(errors().some((message) => message.startsWith('10:'))).toBe(false);
  });

  it('ends the command line with exit 1, one line a problem, and no stack trace', () => {
    expect(cli.code).toBe(1);
    expect(cli.stderr).not.toMatch(/^\s+at /m);
    // The seven errors, the good image’s warning (too small for print), and the summary.
    expect(cli.stderr.split('\n').filter(Boolean)).toHaveLength(7 + 1 + 2);
    expect(cli.stderr).toMatch(/limits\.md:10:1: warning: image images\/ok\.png prints at \d+ ppi/);
  });
});
