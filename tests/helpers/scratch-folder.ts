import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Global setup: the run's temporary files (fixture copies, build outputs, Chromium's profiles) go into
 * one folder, made here and removed when the run ends, passed or failed. The test workers and every
 * process they start find it as TMPDIR.
 */
export default async function scratchFolder(): Promise<() => Promise<void>> {
  const folder = await mkdtemp(join(tmpdir(), 'folio-tests-'));
  process.env.TMPDIR = folder;
  return async () => {
    await rm(folder, { recursive: true, force: true, maxRetries: 3 });
  };
}
