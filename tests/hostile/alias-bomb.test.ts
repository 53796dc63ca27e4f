import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir } from '../helpers/build-fixture.ts';
import { runCli, type CliResult } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-fixture.ts';

let outDir: string;
let result: CliResult;

beforeAll(async () => {
  outDir = join(await tempDir('alias-bomb'), 'out');
  result = await runCli(['--manuscript', fixtureDir('yaml-alias-bomb'), '--out', outDir]);
});

describe('front matter whose YAML aliases expand to billions of values', () => {
  it('is an error at the first alias, and nothing is written', () => {
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bomb\.md:9:8: error: front matter aliases \(\*name\) repeat values too often to be read \(Excessive alias count[^\n]*\): write each value out/);
    expect(existsSync(outDir)).toBe(false);
  });

  it('prints no stack trace', () => {
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr.split('\n').filter((line) => line !== '' && !/^\S+\.md:\d+:\d+: (error|warning): /.test(line))).toEqual([
      '1 error, 9 warnings',
      'Build failed: nothing was written; the previous products are unchanged.',
    ]);
  });
});
