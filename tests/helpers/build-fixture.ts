import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildReport } from '../../scripts/build.ts';

/** The project's root folder. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The folder of a fixture manuscript under tests/fixtures/, or the project's own manuscript/. */
export function fixtureDir(name: string): string {
  return name === 'manuscript' ? join(ROOT, 'manuscript') : join(ROOT, 'tests', 'fixtures', name);
}

/** Builds a fixture into a new temporary folder and returns where, with the build's report. */
export async function buildFixture(name: string, env: NodeJS.ProcessEnv = process.env): Promise<{ outDir: string; report: BuildReport }> {
  const outDir = await mkdtemp(join(tmpdir(), `folio-${name}-`));
  const report = await build({ manuscriptDir: fixtureDir(name), outDir, env });
  return { outDir, report };
}
