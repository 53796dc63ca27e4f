import { existsSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildReport } from '../../scripts/build.ts';
import { runCli } from '../helpers/run-cli.ts';
import { copyFixture, tempDir } from '../helpers/temp-fixture.ts';

let manuscriptDir: string;
let outDir: string;
let report: BuildReport;

beforeAll(async () => {
  manuscriptDir = await copyFixture('bad-images');
  // Made here rather than committed: a link to /etc/passwd in the repository would be a trap of its own.
  await symlink('/etc/passwd', join(manuscriptDir, 'images', 'link-out.png'));
  await symlink('/etc/passwd', join(manuscriptDir, 'passwd.md'));
  outDir = join(await tempDir('bad-images'), 'out');
  report = await build({ manuscriptDir, outDir });
});

/** The build's errors and warnings as `line:column reason`. */
function messages(fatal: boolean): string[] {
  return (report.files[0]?.messages ?? []).filter((message) => Boolean(message.fatal) === fatal).map((message) => `${message.line}:${message.column} ${message.reason}`);
}

describe('images a build must refuse', () => {
  it('fails the build and writes nothing', () => {
    expect(report.ok).toBe(false);
    expect(existsSync(outDir)).toBe(false);
  });

  it('names a missing image at its line', () => {
    expect(messages(true)).toContainEqual(expect.stringMatching(/^12:1 image not found: images\/missing\.png \(looked for .*images\/missing\.png\)/));
    expect(messages(true)).toContainEqual(expect.stringMatching(/^32:1 image not found: images\/missing-raw\.png/));
  });

  it('refuses paths that leave the manuscript folder', () => {
    expect(messages(true)).toContainEqual(expect.stringMatching(/^14:1 image path `\.\.\/outside\.png` leaves the manuscript folder/));
    expect(messages(true)).toContainEqual(expect.stringMatching(/^16:1 absolute image path `\/etc\/passwd`: only files inside the manuscript folder are used/));
    expect(messages(true)).toContainEqual(expect.stringMatching(/^18:1 image path `\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd` leaves the manuscript folder/));
    expect(messages(true)).toContainEqual(expect.stringMatching(/^24:1 image images\/link-out\.png is a link to a file outside the manuscript folder/));
  });

  it('never fetches a remote image and says to save it under images/', () => {
    expect(messages(true)).toContainEqual(expect.stringMatching(/^20:1 remote image `http:\/\/127\.0\.0\.1:9\/remote\.png` is never fetched: save the file under images\//));
    expect(messages(true)).toContainEqual(expect.stringMatching(/^22:1 remote image `https:\/\/example\.org\/photo\.jpg` is never fetched: save the file under images\//));
  });

  it('refuses unsupported and damaged files', () => {
    expect(messages(true)).toContainEqual(expect.stringMatching(/^26:1 image images\/vector\.svg cannot be published: it is SVG, which is not published as an image yet: export it as PNG/));
    for (const [line, name] of [[28, 'broken.png'], [30, 'truncated.png']] as const) {
      expect(messages(true)).toContainEqual(expect.stringMatching(new RegExp(`^${line}:1 image images/${name.replace('.', '\\.')} is not a PNG, JPEG, GIF or WebP file \\(or it is damaged\\)`)));
    }
  });

  it('refuses a manuscript that is a link to a file outside its folder', () => {
    const linked = report.files[1];
    expect(linked?.path).toMatch(/passwd\.md$/);
    expect(linked?.messages.map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([
      '1:1 passwd.md is a link to a file outside the manuscript folder: copy the manuscript itself into the folder',
    ]);
    expect(linked?.messages[0]?.fatal).toBe(true);
  });

  it('accepts the good image and reports nothing else', () => {
    expect(messages(true)).toHaveLength(11);
    expect(messages(true).some((message) => message.startsWith('10:'))).toBe(false);
  });
});

describe('a missing image on the command line', () => {
  it('exits 1 with file:line and the missing path', async () => {
    const result = await runCli(['--manuscript', manuscriptDir, '--out', join(await tempDir('bad-images-cli'), 'out')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/images\.md:12:1: error: image not found: images\/missing\.png/);
  });
});
